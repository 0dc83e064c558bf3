/**
 * Stored keys that let the calendar read a month of a large base through an index instead of
 * scanning every client and every person (issue 17: the calendar month took 1 s at 100,000 clients).
 * Both are generated columns, so every write path (the API, imports, the demo loader, a restore)
 * keeps them without code; immutable functions only, as a generated column requires, on
 * PostgreSQL 15 and PGlite alike.
 */

/** A date's recurring day as month × 100 + day (29 February = 229): what a yearly calendar looks up. */
export const recurringDaySql = (column: string) =>
  `((extract(month FROM ${column}) * 100 + extract(day FROM ${column}))::smallint)`;

/**
 * A client's free-text industry as the calendar compares it: trimmed, lower case, ё = е, spaces
 * collapsed (core/calendar industryOf normalises the same way).
 */
export const industryGroupSql = (column: string) =>
  `regexp_replace(translate(lower(btrim(${column})), 'ё', 'е'), '\\s+', ' ', 'g')`;
