import type { AuditEntryT, AuditPageT, AuditQueryT, ClientHistoryQueryT } from '../../contract/audit.js';
import { recordLabels } from '../../contract/record-labels.js';
import { can } from '../../core/access/permissions.js';
import { auditActionLabels, auditActorKindLabels, auditEntityLabels } from '../../core/audit/vocabulary.js';
import { fieldProblem } from '../../core/errors.js';
import { translate } from '../../core/messages/index.js';
import { contactPersonalFields } from '../../core/vocabulary.js';
import {
  attitudeLabels,
  clientStatusLabels,
  decisionRoleLabels,
  deliveryMethodLabels,
  familyRelationLabels,
  financialConditionLabels,
  influenceLabels,
  interactionKindLabels,
  orderStatusLabels,
  relationKindLabels,
  usefulDateKindLabels,
  yesNoLabels,
} from '../../core/value-labels.js';
import {
  claimCategoryLabels,
  claimSeverityLabels,
  claimStatusLabels,
  claimTypeLabels,
} from '../../core/claims/labels.js';
import { lossReasonLabels, significanceLabels } from '../../core/losses/labels.js';
import type { Database } from '../../db/database.js';
import { auditPage, type AuditFilter, type AuditRow } from '../../db/queries/audit/log.js';
import { assertAdministrator, type Actor } from '../actor.js';
import { assertClientInScope } from '../access/scope.js';
import { isoTimestamp, throwIfProblems } from '../convert.js';
import type { Sheet } from '../../files/spreadsheet.js';

/** Records that are personal data as a whole (152-ФЗ): a family member, a person's own dates, their consent. */
const personalEntities = new Set(['family_member', 'useful_date', 'consent']);
const personalContactFields = new Set<string>(contactPersonalFields);

/**
 * A row as the actor may see it. Roles without `seePersonalData` (the analyst) get a contact's
 * personal fields left out, and a family member's or useful date's values and name left out whole;
 * `hidden` lists what was left out, so the page can say so rather than pretend nothing changed.
 */
function entryFor(actor: Actor, r: AuditRow): AuditEntryT {
  const entry = {
    ...r,
    at: isoTimestamp(r.at),
    hidden: [] as string[],
  };
  if (can(actor.role, 'seePersonalData')) return entry;
  const hidden = new Set<string>();
  const strip = (values: Record<string, unknown> | null, drop: (key: string) => boolean) => {
    if (!values) return null;
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (drop(k)) hidden.add(k);
      else kept[k] = v;
    }
    return kept;
  };
  if (r.entity === 'contact') {
    const drop = (k: string) => personalContactFields.has(k);
    return { ...entry, before: strip(r.before, drop), after: strip(r.after, drop), hidden: [...hidden] };
  }
  if (personalEntities.has(r.entity)) {
    return {
      ...entry,
      subject: null,
      before: strip(r.before, () => true),
      after: strip(r.after, () => true),
      hidden: [...hidden],
    };
  }
  return entry;
}

const pageOf = (q: { page?: number | undefined; pageSize?: number | undefined }) => {
  const page = q.page ?? 1;
  const pageSize = Math.min(q.pageSize ?? 50, 200);
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
};

/**
 * A client's history: its own changes and those of its records (contacts, legal entities, documents,
 * payments, interactions, claims, losses, surveys, people…), newest first, for anyone who may see the
 * client (another organisation's client, or one out of a manager's scope, is 404).
 */
export async function clientHistory(
  db: Database,
  actor: Actor,
  clientId: number,
  query: ClientHistoryQueryT,
): Promise<AuditPageT> {
  await assertClientInScope(db, actor, clientId);
  const p = pageOf(query);
  const { items, total, capped } = await auditPage(db, { orgId: actor.orgId, clientId, entity: query.entity }, p);
  return {
    items: items.map((r) => entryFor(actor, r)),
    total,
    totalCapped: capped,
    page: p.page,
    pageSize: p.pageSize,
  };
}

function filterOf(actor: Actor, query: AuditQueryT): AuditFilter {
  assertAdministrator(actor);
  if (query.from && query.to && query.from > query.to) {
    throwIfProblems([fieldProblem('from', 'afterTo', 'field.periodReversed')]);
  }
  return {
    orgId: actor.orgId,
    entity: query.entity,
    action: query.action,
    userId: query.userId,
    clientId: query.clientId,
    from: query.from,
    to: query.to,
  };
}

/** The organisation's whole log, filtered by record kind, action, user, client and period: the owner's (administrator's) only. */
export async function findAuditEntries(db: Database, actor: Actor, query: AuditQueryT): Promise<AuditPageT> {
  const filter = filterOf(actor, query);
  const p = pageOf(query);
  const { items, total, capped } = await auditPage(db, filter, p);
  return {
    items: items.map((r) => entryFor(actor, r)),
    total,
    totalCapped: capped,
    page: p.page,
    pageSize: p.pageSize,
  };
}

const EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 1000;

type Label = { ru: string; en: string };

/** The names of a field's values where the field is a closed vocabulary, by record kind where one name means different things. */
function vocabularyOf(entity: string | undefined, field: string): Readonly<Record<string, Label>> | null {
  switch (field) {
    case 'status':
      return entity === 'client'
        ? clientStatusLabels
        : entity === 'order'
          ? orderStatusLabels
          : entity === 'claim'
            ? claimStatusLabels
            : null;
    case 'kind':
      return entity === 'interaction'
        ? interactionKindLabels
        : entity === 'useful_date'
          ? usefulDateKindLabels
          : entity === 'client_relation'
            ? relationKindLabels
            : null;
    case 'deliveryMethod':
      return deliveryMethodLabels;
    case 'decisionRoles':
      return decisionRoleLabels;
    case 'influence':
      return influenceLabels;
    case 'attitude':
      return attitudeLabels;
    case 'relation':
      return familyRelationLabels;
    case 'financialCondition':
      return financialConditionLabels;
    case 'significance':
      return significanceLabels;
    case 'reason':
      return entity === 'loss' ? lossReasonLabels : null;
    case 'type':
      return entity === 'claim' ? claimTypeLabels : null;
    case 'category':
      return entity === 'claim' ? claimCategoryLabels : null;
    case 'severity':
      return entity === 'claim' ? claimSeverityLabels : null;
    default:
      return null;
  }
}

/** A value as the file's reader reads it: vocabulary words by their names, yes/no in words, lists joined. */
function shown(v: unknown, lang: 'ru' | 'en', vocabulary: Readonly<Record<string, Label>> | null = null): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.length ? v.map((x) => shown(x, lang, vocabulary)).join(', ') : '—';
  if (typeof v === 'boolean') return yesNoLabels[v ? 'yes' : 'no'][lang];
  if (typeof v === 'string' && vocabulary?.[v]) return vocabulary[v][lang];
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** "field: before → after; …" with the fields named as in the other exports and vocabulary values by their names. */
export function describeChanges(
  e: Pick<AuditEntryT, 'before' | 'after'> & { entity?: string },
  lang: 'ru' | 'en',
): string {
  const keys = [...new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})])];
  return keys
    .map((k) => {
      const label = recordLabels[k]?.[lang] ?? k;
      const words = vocabularyOf(e.entity, k);
      if (!e.before) return `${label}: ${shown(e.after?.[k], lang, words)}`;
      if (!e.after) return `${label}: ${shown(e.before[k], lang, words)}`;
      return `${label}: ${shown(e.before[k], lang, words)} → ${shown(e.after[k], lang, words)}`;
    })
    .join('; ');
}

const exportHeaders = [
  'export.audit.at',
  'export.audit.who',
  'export.audit.how',
  'export.audit.action',
  'export.audit.what',
  'export.audit.record',
  'export.audit.recordId',
  'export.audit.client',
  'export.audit.clientId',
  'export.audit.changes',
] as const;

/** The filtered log (up to 100,000 rows) as a sheet, newest first, in `lang`. */
export async function auditSheet(db: Database, actor: Actor, query: AuditQueryT, lang: 'ru' | 'en'): Promise<Sheet> {
  const filter = filterOf(actor, query);
  const rows: (string | number | null)[][] = [];
  for (let page = 1; rows.length < EXPORT_ROWS; page++) {
    const { items } = await auditPage(db, filter, { limit: EXPORT_PAGE, offset: (page - 1) * EXPORT_PAGE });
    for (const r of items) {
      const e = entryFor(actor, r);
      rows.push([
        e.at,
        e.userName,
        auditActorKindLabels[e.actorKind]?.[lang] ?? e.actorKind,
        auditActionLabels[e.action]?.[lang] ?? e.action,
        auditEntityLabels[e.entity]?.[lang] ?? e.entity,
        e.subject,
        e.entityId,
        e.clientName,
        e.clientId,
        describeChanges(e, lang),
      ]);
    }
    if (items.length < EXPORT_PAGE) break;
  }
  return {
    name: translate(lang, 'export.audit.sheet'),
    headers: exportHeaders.map((code) => translate(lang, code)),
    rows,
    lang,
    kinds: ['datetime', 'text', 'text', 'text', 'text', 'text', 'id', 'text', 'id', 'text'],
  };
}
