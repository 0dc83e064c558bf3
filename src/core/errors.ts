import {
  translate,
  translateMessage,
  type Lang,
  type Message,
  type MessageCode,
  type MessageParams,
  type ParamsArg,
} from './messages/index.js';

/**
 * Domain errors: a stable code, a message a user can act on, and, for bad input, the fields at fault.
 * Messages are codes with parameters from the catalogue (core/messages), never text: the server
 * translates them into the language the request accepts, the CLI into its locale's. The server maps
 * the error codes to HTTP statuses (server/errors.ts); the CLI maps them to exit codes.
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

/** What is wrong with one field: `reason` for programs, the message (`code` with `params`) for people. */
export type FieldProblem = {
  field: string;
  reason: string;
  code: MessageCode;
  params: MessageParams;
};

/** A field problem, its message's parameters checked against the code. */
export function fieldProblem<C extends MessageCode>(
  field: string,
  reason: string,
  code: C,
  ...params: ParamsArg<C>
): FieldProblem {
  return { field, reason, code, params: params[0] ?? {} };
}

/** The record a conflict is with (the client already holding these requisites), for the caller to open. */
export type ExistingRecord = { kind: 'client'; id: number; name: string };

/**
 * What an error's detail says: its own message, or the first field problem's (`prefixed` with the
 * field, "lostOn: a client cannot be lost in the future", or `alone`).
 */
export type ErrorDetail = Message | { readonly firstField: 'prefixed' | 'alone' };

type DomainErrorArgs<C extends MessageCode> = [...ParamsArg<C>, fields?: FieldProblem[], existing?: ExistingRecord];

export class DomainError<C extends MessageCode = MessageCode> extends Error {
  readonly detail: ErrorDetail;
  readonly fields: FieldProblem[];
  readonly existing?: ExistingRecord;

  /** `new DomainError('conflict', 'loss.alreadyLost', { lostOn, id }, fields?, existing?)`. */
  constructor(
    readonly code: ErrorCode,
    message: C,
    ...args: DomainErrorArgs<C>
  ) {
    const [params = {}, fields = [], existing] = args as unknown as [MessageParams?, FieldProblem[]?, ExistingRecord?];
    const detail: Message = { code: message, params };
    super(translateMessage('en', detail));
    this.name = 'DomainError';
    this.detail = detail;
    this.fields = fields;
    if (existing) this.existing = existing;
  }

  /** An error whose detail is its first field problem's message (see ErrorDetail). */
  static ofFields(code: ErrorCode, fields: FieldProblem[], shown: 'prefixed' | 'alone' = 'prefixed'): DomainError {
    const error = new DomainError(code, 'problem.invalidInput', {}, fields);
    (error as { detail: ErrorDetail }).detail = { firstField: shown };
    error.message = error.detailIn('en');
    return error;
  }

  /** The detail in a language. */
  detailIn(lang: Lang): string {
    const detail = this.detail;
    if ('code' in detail) return translateMessage(lang, detail);
    const first = this.fields[0];
    if (!first) return translate(lang, 'problem.invalidInput');
    const text = translateMessage(lang, first);
    return detail.firstField === 'prefixed' ? `${first.field}: ${text}` : text;
  }

  /** The detail as a message, when it is one of its own (not a field's). */
  get detailMessage(): Message | undefined {
    return 'code' in this.detail ? this.detail : undefined;
  }
}

/** Too many attempts; the server answers 429 with Retry-After. The message is the detail and the field's. */
export class TooManyAttempts extends DomainError<'problem.invalidInput'> {
  constructor(
    readonly retryAfterSeconds: number,
    field: string,
    message: Message,
  ) {
    super('rate_limited', 'problem.invalidInput', {}, [{ field, reason: 'tooManyAttempts', ...message }]);
    (this as { detail: ErrorDetail }).detail = message;
    this.message = this.detailIn('en');
  }
}

type After<P extends string, U> = U extends `${P}${infer R}` ? R : never;
/** What can be missing: `notFound.<entity>` in the catalogue ("Order 7 was not found."). */
export type MissingEntity = After<'notFound.', MessageCode>;

/** Thrown when a record is missing in the caller's organisation; other tenants' rows look missing too. */
export function notFound(what: MissingEntity, id: number | string): DomainError {
  return new DomainError('not_found', `notFound.${what}` as const, { id });
}

/** One or more field problems found by validation; the detail is the first, with its field. */
export function invalidInput(fields: FieldProblem[]): DomainError {
  return DomainError.ofFields('invalid_input', fields);
}
