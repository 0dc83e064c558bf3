/**
 * The database's refusals of a value (SQLSTATE class 22, data exceptions, and the check and not-null
 * constraints) are bad input that a service did not catch first: they answer 400 with the reason and,
 * when PostgreSQL names it, the column, instead of a 500. Validation in the contracts and the input
 * guard (input-guard.ts) should make these rare; the server logs each one so the gap gets closed.
 */
import { DomainError } from '../core/errors.js';
import type { MessageCode } from '../core/messages/index.js';

const reasons: Record<string, [reason: string, message: MessageCode]> = {
  '22001': ['too_long', 'field.dbTooLong'],
  '22003': ['out_of_range', 'field.dbOutOfRange'],
  '22007': ['format', 'field.dbDateFormat'],
  '22008': ['format', 'field.dbDateRange'],
  '22009': ['format', 'field.dbOffset'],
  '22021': ['invalid_character', 'field.dbNul'],
  '22P02': ['format', 'field.dbType'],
  '22P05': ['invalid_character', 'field.dbBrokenText'],
  '23502': ['required', 'field.required'],
  '23514': ['check', 'field.dbCheck'],
};

/** The 400 for a database refusal of a value; undefined for any other error. */
export function dataException(code: unknown, cause: unknown): DomainError | undefined {
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
  const [reason, message] = known;
  return DomainError.ofFields('invalid_input', [{ field, reason, code: message, params: {} }]);
}
