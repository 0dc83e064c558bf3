import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemT } from '../contract/common.js';
import { DomainError, TooManyAttempts, type ErrorCode } from '../core/errors.js';
import { dataException } from './data-exceptions.js';
import { isDatabaseUnreachable, outageReason, retryAfterSeconds, unreachableDetail } from './database-outage.js';

const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  rate_limited: 429,
};
const titleOf: Record<ErrorCode, string> = {
  invalid_input: 'Invalid input',
  unauthenticated: 'Sign-in required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  unavailable: 'Service unavailable',
  rate_limited: 'Too many requests',
};

type AjvIssue = { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string };
type Field = NonNullable<ProblemT['errors']>[number];

/** Turns a schema validation issue into a field problem a person can act on, in both languages. */
function fieldOf(issue: AjvIssue, context: string): Field {
  const base = issue.instancePath.replace(/^\//, '');
  const p = issue.params;
  const join = (name: unknown) => [base, String(name)].filter(Boolean).join('/');
  // A property with an empty name (`{"": 1}`) still gets a field to point at: the part of the request.
  const at = (en: string, ru: string, reason = issue.keyword, field = base || context): Field => ({
    field: field || context,
    reason,
    message: en,
    messageRu: ru,
  });
  switch (issue.keyword) {
    case 'required':
      return at('is required', 'обязательное поле', 'required', join(p.missingProperty));
    case 'additionalProperties':
      return at('is not a known field', 'неизвестное поле', 'unknown', join(p.additionalProperty));
    case 'format':
      if (p.format === 'date')
        return at('must be a real date written YYYY-MM-DD', 'должна быть существующей датой в виде ГГГГ-ММ-ДД');
      if (p.format === 'date-time')
        return at(
          'must be a date and time in ISO 8601, e.g. 2026-11-23T10:00:00Z',
          'должна быть датой и временем ISO 8601, например 2026-11-23T10:00:00Z',
        );
      if (p.format === 'email') return at('must be an e-mail address', 'должен быть адресом электронной почты');
      return at(`must be a valid ${String(p.format)}`, `неверный формат (${String(p.format)})`);
    case 'maxLength':
      return at(`must be at most ${String(p.limit)} characters`, `не длиннее ${String(p.limit)} символов`);
    case 'minLength':
      return at(
        p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`,
        p.limit === 1 ? 'не может быть пустым' : `не короче ${String(p.limit)} символов`,
      );
    case 'maxItems':
      return at(`must have at most ${String(p.limit)} items`, `не больше ${String(p.limit)} элементов`);
    case 'minItems':
      return at(`must have at least ${String(p.limit)} items`, `не меньше ${String(p.limit)} элементов`);
    case 'minimum':
      return at(`must be ≥ ${String(p.limit)}`, `должно быть не меньше ${String(p.limit)}`);
    case 'maximum':
      return at(`must be ≤ ${String(p.limit)}`, `должно быть не больше ${String(p.limit)}`);
    case 'type':
      return at(`must be ${String(p.type)}`, `неверный тип: ожидается ${String(p.type)}`);
    case 'pattern':
      return at('has the wrong format', 'неверный формат');
    case 'minProperties':
      return at('name at least one field to change', 'укажите хотя бы одно поле для изменения');
    case 'uniqueItems':
      return at('must not repeat items', 'элементы не должны повторяться');
    case 'const':
    case 'anyOf':
    case 'enum':
      return at('is not one of the allowed values', 'недопустимое значение', 'oneOf');
    default:
      return at(issue.message ?? 'is invalid', 'неверное значение');
  }
}

/** One problem per field: a union's alternatives each fail, the first readable reason wins. */
function validationFields(issues: AjvIssue[], context: string): Field[] {
  const byField = new Map<string, Field>();
  const rank = (f: Field) => (f.reason === 'oneOf' ? 1 : f.reason === 'type' || f.reason === 'const' ? 2 : 0);
  for (const issue of issues) {
    const f = fieldOf(issue, context);
    const seen = byField.get(f.field);
    if (!seen || rank(f) < rank(seen)) byField.set(f.field, f);
  }
  return [...byField.values()];
}

function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  instance: string,
  errors?: Field[],
): ProblemT {
  return {
    type: `https://rapport.local/problems/${code}`,
    title,
    status,
    detail,
    code,
    instance,
    ...(errors?.length ? { errors } : {}),
  };
}

/** Maps every error to RFC 9457 problem+json; 5xx never shows internals (they go to the log). */
export function sendProblem(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const instance = request.url.split('?')[0] ?? request.url;
  let body: ProblemT;
  const raw = error as FastifyError & {
    validation?: AjvIssue[];
    validationContext?: string;
    code?: string;
    constraint?: string;
  };
  // Drizzle wraps the database's error in its own; the SQLSTATE is on the cause.
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const e = Object.assign(Object.create(raw) as typeof raw, {
    code: typeof cause?.code === 'string' && /^[0-9A-Z]{5}$/.test(cause.code) ? cause.code : raw.code,
  });
  if (error instanceof TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
  const refused = dataException(e.code, cause);
  if (error instanceof DomainError) {
    const errors = error.fields.map((f) => ({
      field: f.field,
      reason: f.reason,
      message: f.message.en,
      messageRu: f.message.ru,
    }));
    body = problem(statusOf[error.code], error.code, titleOf[error.code], error.message, instance, errors);
    if (error.existing) body.existing = error.existing;
  } else if (e.validation) {
    const errors = validationFields(e.validation, e.validationContext ?? 'body');
    const first = errors[0];
    body = problem(
      400,
      'invalid_input',
      'Invalid input',
      first ? `${first.field}: ${first.message}` : 'The request is invalid.',
      instance,
      errors,
    );
  } else if (refused) {
    request.log.warn({ err: error }, 'the database refused a value the input checks let through');
    body = problem(400, 'invalid_input', 'Invalid input', refused.detail, instance, refused.errors);
  } else if (e.code === '23505') {
    body = problem(409, 'conflict', 'Conflict', 'A record with the same unique value already exists.', instance);
  } else if (e.code === '23503') {
    body = problem(
      409,
      'conflict',
      'Conflict',
      'The record is referenced by other records, or refers to one that does not exist.',
      instance,
    );
  } else if (isDatabaseUnreachable(error)) {
    request.log.warn({ reason: outageReason(error) }, 'database unreachable: answered 503');
    reply.header('retry-after', String(retryAfterSeconds));
    body = problem(
      503,
      'unavailable',
      'Service unavailable',
      unreachableDetail(request.headers['accept-language']),
      instance,
    );
  } else if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const code =
      e.statusCode === 413
        ? 'too_large'
        : e.statusCode === 415
          ? 'unsupported_media_type'
          : e.statusCode === 404
            ? 'not_found'
            : 'bad_request';
    body = problem(e.statusCode, code, titleOf[code as ErrorCode] ?? 'Bad request', error.message, instance);
  } else {
    request.log.error({ err: error }, 'unhandled error');
    body = problem(
      500,
      'internal',
      'Internal error',
      'Something went wrong on the server; the details are in its log.',
      instance,
    );
  }
  return reply.status(body.status).type('application/problem+json').send(body);
}
