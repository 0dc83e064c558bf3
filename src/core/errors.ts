/**
 * Domain errors: a stable code, a message a user can act on, and, for bad input, the fields at fault.
 * The server maps codes to HTTP statuses (server/errors.ts); the CLI maps them to exit codes.
 */
export type ErrorCode =
  /** Input failed a domain rule (invalid ИНН, a date out of range…); `fields` says which and why. */
  | 'invalid_input'
  /** The record does not exist in the caller's organisation (or at all). */
  | 'not_found'
  /** A unique value is taken (an e-mail, an order number) or a record is still referenced. */
  | 'conflict'
  /** No valid session or token. */
  | 'unauthenticated'
  /** Signed in, but the role does not allow this. */
  | 'forbidden'
  /** The database cannot be reached right now. */
  | 'unavailable'
  /** Too many attempts (sign-in, public links): wait `retryAfterSeconds`. */
  | 'rate_limited';

export type FieldProblem = { field: string; reason: string; message: { ru: string; en: string } };

/** The record a conflict is with (the client already holding these requisites), for the caller to open. */
export type ExistingRecord = { kind: 'client'; id: number; name: string };

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
    readonly existing?: ExistingRecord,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Too many attempts; the server answers 429 with Retry-After. */
export class TooManyAttempts extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    field: string,
    message: { ru: string; en: string },
  ) {
    super('rate_limited', message.en, [{ field, reason: 'tooManyAttempts', message }]);
  }
}

/** Thrown when a record is missing in the caller's organisation; other tenants' rows look missing too. */
export function notFound(what: string, id: number | string): DomainError {
  return new DomainError('not_found', `${what} ${id} was not found.`);
}

/** One or more field problems found by validation. */
export function invalidInput(fields: FieldProblem[]): DomainError {
  const first = fields[0];
  return new DomainError('invalid_input', first ? `${first.field}: ${first.message.en}` : 'Invalid input.', fields);
}
