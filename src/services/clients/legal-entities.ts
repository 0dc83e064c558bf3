import type { LegalEntityT } from '../../contract/clients.js';
import type { Static } from 'typebox';
import type { LegalEntityCreate, LegalEntityUpdate } from '../../contract/clients.js';
import {
  checkBik,
  checkCorrespondentAccount,
  checkInn,
  checkKpp,
  checkOgrnAny,
  checkSettlementAccount,
  innKind,
  type RequisiteCheck,
} from '../../core/clients/requisites.js';
import { fieldProblem, type FieldProblem } from '../../core/errors.js';
import { refreshClientSearch } from '../../db/queries/client-search.js';
import { clients, legalEntities } from '../../db/schema/index.js';
import { clearOtherPrimaries } from '../../db/queries/clients/legal-entities.js';
import { definedOnly, isoTimestamp, throwIfProblems } from '../convert.js';
import { assertRequisitesFree } from './duplicate-requisites.js';
import { recordService, requireRecord } from '../record-service.js';

type Row = typeof legalEntities.$inferSelect;
type Create = Static<typeof LegalEntityCreate>;
type Update = Static<typeof LegalEntityUpdate>;

function toApi(row: Row): LegalEntityT {
  const { orgId: _org, ...rest } = row;
  return { ...rest, createdAt: isoTimestamp(rest.createdAt), updatedAt: isoTimestamp(rest.updatedAt) };
}

/**
 * Checks the requisites of a legal entity together: each by its check digits (core/clients/requisites),
 * then against each other — a КПП only with a company's 10-digit ИНН, ОГРН (13) for a company and
 * ОГРНИП (15) for a sole trader, accounts against the БИК. Returns the normalised values.
 */
export function checkRequisites(values: Record<string, unknown>): {
  values: Record<string, unknown>;
  problems: FieldProblem[];
} {
  const problems: FieldProblem[] = [];
  const out = { ...values };
  const take = (field: string, check: (v: string) => RequisiteCheck) => {
    const v = values[field];
    if (typeof v !== 'string' || v.trim() === '') {
      if (v === '') out[field] = null;
      return;
    }
    const r = check(v);
    if (r.ok) out[field] = r.value;
    else problems.push({ field, reason: r.problem, code: r.code, params: r.params });
  };
  take('inn', checkInn);
  take('kpp', checkKpp);
  take('ogrn', checkOgrnAny);
  take('bik', checkBik);
  const bik = typeof out.bik === 'string' ? out.bik : '';
  take('settlementAccount', (v) => checkSettlementAccount(v, bik));
  take('correspondentAccount', (v) => checkCorrespondentAccount(v, bik));
  const kind = typeof out.inn === 'string' ? innKind(out.inn) : null;
  if (kind === 'individual' && typeof out.kpp === 'string') {
    problems.push(fieldProblem('kpp', 'notExpected', 'legalEntity.soleTraderKpp'));
  }
  if (typeof out.ogrn === 'string' && kind) {
    const expected = kind === 'legal' ? 13 : 15;
    if (out.ogrn.length !== expected) {
      problems.push(
        fieldProblem('ogrn', 'mismatch', kind === 'legal' ? 'legalEntity.companyOgrn' : 'legalEntity.soleTraderOgrnip'),
      );
    }
  }
  return { values: out, problems };
}

export const legalEntityService = recordService<Row, LegalEntityT, Create, Update>({
  title: 'legalEntity',
  table: legalEntities,
  toApi,
  async toValues(db, actor, body, existing) {
    const { allowDuplicateRequisites, ...input } = body;
    if ('clientId' in input && input.clientId !== undefined)
      await requireRecord(db, actor, clients, input.clientId, 'client');
    // Requisites are checked as a set, so an update is checked merged with what is stored.
    const merged = { ...(existing ?? {}), ...definedOnly(input as Record<string, unknown>) };
    const { values, problems } = checkRequisites(merged);
    throwIfProblems(problems);
    const inn = values.inn as string | null | undefined;
    const kpp = (values.kpp as string | null | undefined) ?? null;
    // Checked when the requisites are new to this entity: an entity saved anyway is not asked again on every edit.
    const requisitesNew = !existing || inn !== existing.inn || kpp !== existing.kpp;
    if (inn && requisitesNew && allowDuplicateRequisites !== true) {
      await assertRequisitesFree(db, actor, { inn, kpp, clientId: existing?.clientId ?? (values.clientId as number) });
    }
    const changed = Object.fromEntries(
      Object.keys(definedOnly(input as Record<string, unknown>)).map((k) => [k, values[k]]),
    );
    return changed;
  },
  async afterWrite(db, actor, row) {
    if (row.isPrimary) {
      // One primary legal entity per client: the one just marked wins.
      await clearOtherPrimaries(db, actor.orgId, row.clientId, row.id);
    }
    await refreshClientSearch(db, actor.orgId, [row.clientId]);
  },
  clientColumn: legalEntities.clientId,
  sortable: { fullName: legalEntities.fullName, inn: legalEntities.inn, createdAt: legalEntities.createdAt },
  defaultSort: 'fullName',
  audit: { entity: 'legal_entity' },
});
