import { bigint, customType, timestamp } from 'drizzle-orm/pg-core';

/** Money is integer kopecks (minor units) in every table; never floating point. */
export const money = (name: string) => bigint(name, { mode: 'number' });

/** Surrogate ids come from one identity sequence per table, so they are unique across tenants too. */
export const idColumn = () => bigint('id', { mode: 'number' }).generatedByDefaultAsIdentity();

export const orgIdColumn = () => bigint('org_id', { mode: 'number' }).notNull();

export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

/** Full-text document over a client's names, requisites and contacts (Russian + English + simple). */
export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * One word of a closed vocabulary (core/vocabulary), for `text(…).$type<Word<typeof clientStatuses>>()`:
 * queries read and write the word's type while the column stays plain text in SQL (no migration).
 */
export type Word<Vocabulary extends readonly string[]> = Vocabulary[number];
