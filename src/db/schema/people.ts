import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { recurringDaySql } from './calendar-keys.js';
import { createdAt, idColumn, money, orgIdColumn, updatedAt, type Word } from './columns.js';
import { clients, contacts } from './clients.js';
import { users } from './organizations.js';
import type {
  calendarEventKinds,
  contactLinkKinds,
  familyRelations,
  taskKinds,
  taskStatuses,
  usefulDateKinds,
} from '../../core/vocabulary.js';
import type { EventWords, TaskNotesWords } from '../../core/calendar/texts.js';
import { significances, type clientStatuses } from '../../core/vocabulary.js';

/**
 * The power structure of a client (docs/domain.md §5): who reports to whom and who influences whom.
 * A contact reports to at most one other; influence links are many-to-many. Both ends belong to
 * the same client (checked by the service, which knows the contacts).
 */
export const contactLinks = pgTable(
  'contact_links',
  {
    orgId: orgIdColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    fromContactId: bigint('from_contact_id', { mode: 'number' }).notNull(),
    toContactId: bigint('to_contact_id', { mode: 'number' }).notNull(),
    /** reports_to | influences */
    kind: text('kind').$type<Word<typeof contactLinkKinds>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.fromContactId, t.toContactId, t.kind] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.fromContactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.orgId, t.toContactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete(
      'cascade',
    ),
    index('contact_links_client_idx').on(t.orgId, t.clientId),
    uniqueIndex('contact_links_one_boss_key')
      .on(t.orgId, t.fromContactId)
      .where(sql`kind = 'reports_to'`),
    check('contact_links_not_self', sql`${t.fromContactId} <> ${t.toContactId}`),
  ],
);

/** A member of a key figure's family, with the dates worth remembering. Personal data (152-ФЗ). */
export const familyMembers = pgTable(
  'family_members',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    contactId: bigint('contact_id', { mode: 'number' }).notNull(),
    /** spouse | child | parent | sibling | grandchild | other */
    relation: text('relation').$type<Word<typeof familyRelations>>().notNull(),
    name: text('name').notNull(),
    birthday: date('birthday', { mode: 'string' }),
    /** The birthday's recurring day, month × 100 + day (schema/calendar-keys.ts); generated. */
    birthdayDay: smallint('birthday_day').generatedAlwaysAs(sql.raw(recurringDaySql('birthday'))),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    index('family_members_contact_idx').on(t.orgId, t.contactId),
    index('family_members_birthday_day_idx').on(t.orgId, t.birthdayDay),
  ],
);

/**
 * A date worth a congratulation that is not a birthday on a contact or family member row: a name day,
 * the client company's anniversary, a hobby date (fishing season, a marathon) or a custom one.
 * Month and day recur every year; the year, when known, gives anniversaries their count.
 */
export const usefulDates = pgTable(
  'useful_dates',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    /** Empty for the company's own dates (its anniversary). */
    contactId: bigint('contact_id', { mode: 'number' }),
    /** name_day | company_anniversary | hobby | custom */
    kind: text('kind').$type<Word<typeof usefulDateKinds>>().notNull(),
    title: text('title').notNull(),
    month: smallint('month').notNull(),
    day: smallint('day').notNull(),
    year: smallint('year'),
    /** Days ahead the congratulation task appears; empty = the organisation's default. */
    leadDays: integer('lead_days'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    index('useful_dates_client_idx').on(t.orgId, t.clientId),
    // A contact's dates: the base analysis asks whether a key figure has one (and deleting a contact cascades).
    index('useful_dates_contact_idx').on(t.orgId, t.contactId),
    index('useful_dates_day_idx').on(t.orgId, t.month, t.day),
    check('useful_dates_month_day', sql`${t.month} BETWEEN 1 AND 12 AND ${t.day} BETWEEN 1 AND 31`),
  ],
);

/**
 * A task for a user: today a congratulation ahead of a date (generated, one per event and year, so
 * `source_key` keeps the generator idempotent), or one a person adds by hand.
 */
export const tasks = pgTable(
  'tasks',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    /** The responsible user: the client's owner when generated. */
    userId: bigint('user_id', { mode: 'number' }),
    clientId: bigint('client_id', { mode: 'number' }),
    contactId: bigint('contact_id', { mode: 'number' }),
    /** congratulation | other */
    kind: text('kind').$type<Word<typeof taskKinds>>().notNull(),
    /** As written: by a person, or for a generated task in its responsible user's language at the time. */
    title: text('title').notNull(),
    /**
     * A generated congratulation's words (core/calendar/texts EventWords): the title is written from
     * them in the reader's language. Null once a person retitles the task, and for tasks added by hand.
     */
    titleWords: jsonb('title_words').$type<EventWords>(),
    /** What is celebrated: birthday | family_birthday | name_day | company_anniversary | hobby | custom | public_holiday | professional_holiday */
    eventKind: text('event_kind').$type<Word<typeof calendarEventKinds>>(),
    eventOn: date('event_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sourceKey: text('source_key'),
    /** open | done | dismissed */
    status: text('status').$type<Word<typeof taskStatuses>>().notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'string' }),
    notes: text('notes'),
    /** A generated congratulation's notes as words (TaskNotesWords), written in the reader's language; null once a person rewrites the notes. */
    notesWords: jsonb('notes_words').$type<TaskNotesWords>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    uniqueIndex('tasks_source_key').on(t.orgId, t.sourceKey),
    index('tasks_user_due_idx').on(t.orgId, t.userId, t.status, t.dueOn),
    index('tasks_client_idx').on(t.orgId, t.clientId),
  ],
);

/** A client's place in the base analysis' "most important first" order: key 0, major 1, medium 2, minor 3, none 4. */
export const importanceSql = (column: string) =>
  `CASE ${column} ${significances.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} ELSE ${significances.length} END`;

/**
 * The base analysis of one client (docs/domain.md §4, core/people/base-analysis.ts) as the list across
 * the base reads it: the questions its people leave unanswered, with the client's name, significance,
 * status, owner and figures copied beside them so the page filters, sorts and counts on this table
 * alone (index scans, no aggregation over the contacts). Derived, never typed in: every write of a
 * client, contact, power-structure link, family member or useful date recomputes its client's row in
 * the same transaction (db/queries/people/base-analysis.ts refreshBaseAnalysis), and the figures follow
 * each write of client_figures (keepBaseAnalysisFigures); `rapport analyze` rebuilds it.
 */
export const clientBaseAnalysis = pgTable(
  'client_base_analysis',
  {
    orgId: orgIdColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    /** clients.name */
    name: text('name').notNull(),
    /** clients.significance */
    significance: text('significance').$type<Word<typeof significances>>(),
    /** 0 key … 3 minor, 4 none: the first key of "most important first". */
    importance: smallint('importance')
      .notNull()
      .generatedAlwaysAs(sql.raw(importanceSql('significance'))),
    /** clients.status */
    status: text('status').$type<Word<typeof clientStatuses>>().notNull(),
    /** Lost clients are left out unless asked for. */
    lost: boolean('lost')
      .notNull()
      .generatedAlwaysAs(sql`status = 'lost'`),
    /** clients.owner_user_id */
    ownerUserId: bigint('owner_user_id', { mode: 'number' }),
    /** client_figures.revenue and profit (null while the client has no figures row, or no known cost for profit). */
    revenue: money('revenue'),
    profit: money('profit'),
    /** How many contacts the client has. */
    contacts: integer('contacts').notNull(),
    /** Bit i set: question i of core baseAnalysisQuestions is unanswered (append new questions, never reorder). */
    missing: integer('missing').notNull(),
    /** How many of the questions are answered. */
    answered: smallint('answered').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.ownerUserId], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    // "Most important first": a page is read in index order, filtered on the way, and stops at the page.
    index('client_base_analysis_importance_idx').on(
      t.orgId,
      t.importance,
      t.profit.desc().nullsLast(),
      t.name,
      t.clientId,
    ),
    index('client_base_analysis_name_idx').on(t.orgId, t.name, t.clientId),
    // The summary (how many miss each question) and the totals: an index-only scan grouped by `missing`.
    index('client_base_analysis_summary_idx').on(t.orgId, t.lost, t.importance, t.missing, t.ownerUserId, t.clientId),
  ],
);
