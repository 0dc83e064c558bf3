import { eq, isNull, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { UsefulDateCreateT, UsefulDateListQueryT, UsefulDateT, UsefulDateUpdateT } from '../../contract/people.js';
import { fieldProblem, invalidInput, type FieldProblem } from '../../core/errors.js';
import { isRecurringDate } from '../../core/people/dates.js';
import type { Database } from '../../db/database.js';
import { refreshBaseAnalysisOfContacts } from '../../db/queries/people/base-analysis.js';
import { getRecord, type Page } from '../../db/queries/records.js';
import { clients, contacts, usefulDates } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { definedOnly, isoTimestamp } from '../convert.js';
import { maySeePersonalData, withPersonalDataGuard } from '../privacy/masking.js';
import { recordService, requireRecord } from '../record-service.js';
import { assertRecordInScope } from '../access/scope.js';

type Row = typeof usefulDates.$inferSelect;

function toApi(row: Row): UsefulDateT {
  const { orgId: _org, ...rest } = row;
  return {
    ...rest,
    createdAt: isoTimestamp(rest.createdAt),
    updatedAt: isoTimestamp(rest.updatedAt),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The day must exist in its month (29.02 is allowed: it recurs in leap years), and in its year when one is given. */
function dateProblem(month: number, day: number, year: number | null): FieldProblem | undefined {
  if (isRecurringDate(month, day, year)) return undefined;
  const shown = `${pad(day)}.${pad(month)}${year ? `.${year}` : ''}`;
  if (isRecurringDate(month, day)) {
    return fieldProblem('day', 'notInYear', 'people.notLeapYear', { date: shown, year: year ?? '' });
  }
  return fieldProblem('day', 'notInMonth', 'people.noSuchDay', { date: shown, day, month });
}

const base = recordService<Row, UsefulDateT, UsefulDateCreateT, UsefulDateUpdateT>({
  title: 'usefulDate',
  table: usefulDates,
  toApi,
  async toValues(db, actor, input, existing) {
    const values = definedOnly(input as Record<string, unknown>);
    const month = (values.month as number | undefined) ?? existing!.month;
    const day = (values.day as number | undefined) ?? existing!.day;
    const year = values.year !== undefined ? (values.year as number | null) : (existing?.year ?? null);
    const problem = dateProblem(month, day, year);
    if (problem) throw invalidInput([problem]);
    const clientId = (values.clientId as number | undefined) ?? existing!.clientId;
    if (values.clientId !== undefined) await requireRecord(db, actor, clients, clientId, 'client');
    if (typeof values.contactId === 'number') {
      const contact = await getRecord<{ clientId: number }>(db, contacts, actor.orgId, values.contactId);
      if (!contact) await requireRecord(db, actor, contacts, values.contactId, 'contact');
      else if (contact.clientId !== clientId) {
        await assertRecordInScope(db, actor, contact.clientId, 'contact', values.contactId); // outside the scope it is missing, not another client's
        throw invalidInput([fieldProblem('contactId', 'otherClient', 'field.contactOfOtherClient')]);
      }
    }
    if (typeof values.title === 'string') values.title = values.title.trim() || values.title;
    return values;
  },
  // A person's date answers a question of the base analysis (of the client of the person, before and after).
  async afterWrite(db, actor, row, previous) {
    await refreshBaseAnalysisOfContacts(db, actor.orgId, [row.contactId, previous?.contactId]);
  },
  clientColumn: usefulDates.clientId,
  sortable: {
    // In calendar order through the year: month, then day.
    date: sql`(${usefulDates.month} * 100 + ${usefulDates.day})` as unknown as PgColumn,
    title: usefulDates.title,
    kind: usefulDates.kind,
    createdAt: usefulDates.createdAt,
  },
  defaultSort: 'date',
  audit: { entity: 'useful_date' },
});

/**
 * «Полезные даты» (docs/domain.md §5) that are not birthdays: name days, the client company's anniversary, hobby
 * dates and custom ones, recurring every year (month and day; the year when known). A contact's dates are
 * personal data (152-ФЗ); the company's own have no contact. A role that may not see personal data lists
 * only the company's own dates and gets 403 for the rest (services/privacy).
 */
export const usefulDateService = withPersonalDataGuard(
  {
    ...base,
    find(db: Database, actor: Actor, query: UsefulDateListQueryT): Promise<Page<UsefulDateT>> {
      return base.find(
        db,
        actor,
        { page: query.page, pageSize: query.pageSize, sort: query.sort, clientId: query.clientId },
        [
          query.contactId ? eq(usefulDates.contactId, query.contactId) : undefined,
          query.month ? eq(usefulDates.month, query.month) : undefined,
          maySeePersonalData(actor) ? undefined : isNull(usefulDates.contactId),
        ],
      );
    },
  },
  { allowList: (query) => !query.contactId },
);
