import { and, eq, sql } from 'drizzle-orm';
import type {
  FamilyMemberCreateT,
  FamilyMemberListQueryT,
  FamilyMemberT,
  FamilyMemberUpdateT,
} from '../../contract/people.js';
import { fieldProblem, invalidInput } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { refreshBaseAnalysisOfContacts } from '../../db/queries/people/base-analysis.js';
import type { Page } from '../../db/queries/records.js';
import { contacts, familyMembers } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { definedOnly, isoTimestamp } from '../convert.js';
import { withPersonalDataGuard } from '../privacy/masking.js';
import { recordService, requireRecord } from '../record-service.js';
import { clientOfContact } from '../audit/record.js';

type Row = typeof familyMembers.$inferSelect;

function toApi(row: Row): FamilyMemberT {
  const { orgId: _org, ...rest } = row;
  return {
    ...rest,
    createdAt: isoTimestamp(rest.createdAt),
    updatedAt: isoTimestamp(rest.updatedAt),
  };
}

/** A birthday is a day that has come: from 1900 up to today (UTC). */
export function birthdayProblem(field: string, value: unknown) {
  if (typeof value !== 'string') return undefined;
  const today = new Date().toISOString().slice(0, 10);
  if (value >= '1900-01-01' && value <= today) return undefined;
  return fieldProblem(field, 'range', 'people.birthRange');
}

const base = recordService<Row, FamilyMemberT, FamilyMemberCreateT, FamilyMemberUpdateT>({
  title: 'familyMember',
  table: familyMembers,
  toApi,
  async toValues(db, actor, input) {
    const values = definedOnly(input as Record<string, unknown>);
    const problem = birthdayProblem('birthday', values.birthday);
    if (problem) throw invalidInput([problem]);
    if (typeof values.name === 'string') values.name = values.name.trim() || values.name;
    // The family of another organisation's contact looks missing (404).
    if (typeof values.contactId === 'number') await requireRecord(db, actor, contacts, values.contactId, 'contact');
    return values;
  },
  // A key figure's family answers a question of the base analysis (of the client of the person, before and after).
  async afterWrite(db, actor, row, previous) {
    await refreshBaseAnalysisOfContacts(db, actor.orgId, [row.contactId, previous?.contactId]);
  },
  sortable: {
    name: familyMembers.name,
    birthday: familyMembers.birthday,
    relation: familyMembers.relation,
    createdAt: familyMembers.createdAt,
  },
  defaultSort: 'createdAt',
  audit: { entity: 'family_member', clientOf: clientOfContact },
});

/**
 * The family profile of a key figure (docs/domain.md §5, «составление семейного профиля»): members with their
 * birthdays, which the calendar turns into congratulations. Personal data (152-ФЗ) as a whole table:
 * a role that may not see personal data gets 403 (services/privacy).
 */
export const familyMemberService = withPersonalDataGuard({
  ...base,
  find(db: Database, actor: Actor, query: FamilyMemberListQueryT): Promise<Page<FamilyMemberT>> {
    return base.find(db, actor, { page: query.page, pageSize: query.pageSize, sort: query.sort }, [
      query.contactId ? eq(familyMembers.contactId, query.contactId) : undefined,
      query.clientId
        ? sql`${familyMembers.contactId} IN (SELECT ${contacts.id} FROM ${contacts} WHERE ${and(eq(contacts.orgId, actor.orgId), eq(contacts.clientId, query.clientId))})`
        : undefined,
    ]);
  },
});
