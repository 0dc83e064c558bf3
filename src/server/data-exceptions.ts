/**
 * The database's refusals of a value (SQLSTATE class 22, data exceptions, and the check and not-null
 * constraints) are bad input that a service did not catch first: they answer 400 with the reason and,
 * when PostgreSQL names it, the column, instead of a 500. Validation in the contracts and the input
 * guard (input-guard.ts) should make these rare; the server logs each one so the gap gets closed.
 */

type Field = { field: string; reason: string; message: string; messageRu: string };

const reasons: Record<string, [reason: string, en: string, ru: string]> = {
  '22001': ['too_long', 'is longer than the database can store', 'длиннее, чем может хранить база данных'],
  '22003': ['out_of_range', 'is a number out of the range the database can store', 'число вне допустимого диапазона'],
  '22007': [
    'format',
    'is not a date or time the database can read',
    'не является датой или временем в понятном формате',
  ],
  '22008': ['format', 'is a date or time out of range', 'дата или время вне допустимого диапазона'],
  '22009': ['format', 'has a time-zone offset out of range', 'смещение часового пояса вне допустимого диапазона'],
  '22021': [
    'invalid_character',
    'contains a character the database cannot store (NUL)',
    'содержит символ, который нельзя сохранить (NUL)',
  ],
  '22P02': ['format', 'is not a value of the expected type', 'значение неверного типа'],
  '22P05': [
    'invalid_character',
    'contains a character the database cannot store (NUL or broken Unicode)',
    'содержит символ, который нельзя сохранить (NUL или повреждённый Юникод)',
  ],
  '23502': ['required', 'is required', 'обязательное поле'],
  '23514': ['check', 'breaks a rule of the record', 'нарушает правило записи'],
};

/** The 400 for a database refusal of a value; undefined for any other error. */
export function dataException(code: unknown, cause: unknown): { detail: string; errors: Field[] } | undefined {
  if (typeof code !== 'string') return undefined;
  const known = reasons[code];
  if (!known) return undefined;
  const { column, constraint } = (cause ?? {}) as { column?: unknown; constraint?: unknown };
  // The column's name is the closest thing to the field the database knows; the constraint names the rule.
  const field =
    typeof column === 'string' && column
      ? column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())
      : typeof constraint === 'string' && constraint
        ? constraint
        : 'body';
  const [reason, en, ru] = known;
  return { detail: `${field}: ${en}`, errors: [{ field, reason, message: en, messageRu: ru }] };
}
