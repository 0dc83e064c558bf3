import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ProblemT } from '../contract/common.js';
import { DomainError, TooManyAttempts, type ErrorCode, type FieldProblem } from '../core/errors.js';
import {
  acceptedLanguage,
  message,
  translateCode,
  translateMessage,
  type Lang,
  type Message,
  type MessageCode,
} from '../core/messages/index.js';
import { dataException } from './data-exceptions.js';
import { isDatabaseUnreachable, outageReason, retryAfterSeconds } from './database-outage.js';

const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  rate_limited: 429,
};
const titleCodes = {
  invalid_input: 'problem.title.invalid_input',
  unauthenticated: 'problem.title.unauthenticated',
  forbidden: 'problem.title.forbidden',
  not_found: 'problem.title.not_found',
  conflict: 'problem.title.conflict',
  unavailable: 'problem.title.unavailable',
  rate_limited: 'problem.title.rate_limited',
} as const satisfies Record<ErrorCode, MessageCode>;

type AjvIssue = { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string };

/** Turns a schema validation issue into a field problem a person can act on (core/messages has the words). */
function fieldOf(issue: AjvIssue, context: string): FieldProblem {
  const base = issue.instancePath.replace(/^\//, '');
  const p = issue.params;
  const join = (name: unknown) => [base, String(name)].filter(Boolean).join('/');
  // A property with an empty name (`{"": 1}`) still gets a field to point at: the part of the request.
  const at = (said: Message, reason = issue.keyword, field = base || context): FieldProblem => ({
    field: field || context,
    reason,
    ...said,
  });
  const count = Number(p.limit);
  switch (issue.keyword) {
    case 'required':
      return at(message('field.required'), 'required', join(p.missingProperty));
    case 'additionalProperties':
      return at(message('field.unknown'), 'unknown', join(p.additionalProperty));
    case 'format':
      if (p.format === 'date') return at(message('field.date'));
      if (p.format === 'date-time') return at(message('field.dateTime'));
      if (p.format === 'email') return at(message('field.email'));
      return at(message('field.format', { format: String(p.format) }));
    case 'maxLength':
      return at(message('field.maxLength', { count }));
    case 'minLength':
      return at(count === 1 ? message('field.notEmpty') : message('field.minLength', { count }));
    case 'maxItems':
      return at(message('field.maxItems', { count }));
    case 'minItems':
      return at(message('field.minItems', { count }));
    case 'minimum':
      return at(message('field.minimum', { limit: String(p.limit) }));
    case 'maximum':
      return at(message('field.maximum', { limit: String(p.limit) }));
    case 'type':
      return at(message('field.type', { type: String(p.type) }));
    case 'pattern':
      return at(message('field.pattern'));
    case 'minProperties':
      return at(message('field.minProperties'));
    case 'uniqueItems':
      return at(message('field.uniqueItems'));
    case 'const':
    case 'anyOf':
    case 'enum':
      return at(message('field.oneOf'), 'oneOf');
    default:
      return at(issue.message ? message('field.invalidBecause', { reason: issue.message }) : message('field.invalid'));
  }
}

/** One problem per field: a union's alternatives each fail, the first readable reason wins. */
function validationFields(issues: AjvIssue[], context: string): FieldProblem[] {
  const byField = new Map<string, FieldProblem>();
  const rank = (f: FieldProblem) => (f.reason === 'oneOf' ? 1 : f.reason === 'type' || f.reason === 'const' ? 2 : 0);
  for (const issue of issues) {
    const f = fieldOf(issue, context);
    const seen = byField.get(f.field);
    if (!seen || rank(f) < rank(seen)) byField.set(f.field, f);
  }
  return [...byField.values()];
}

type Wire = NonNullable<ProblemT['errors']>[number];

/**
 * The body of an answer in `lang`: the title and detail translated, each field problem with its code
 * and parameters (for a client to translate itself), its message in `lang`, and (deprecated, kept for
 * one release) its Russian message.
 */
function problem(
  lang: Lang,
  status: number,
  code: string,
  title: MessageCode,
  detail: Message | DomainError | string,
  instance: string,
  fields: FieldProblem[] = [],
): ProblemT {
  const errors = fields.map((f): Wire => ({
    field: f.field,
    reason: f.reason,
    code: f.code,
    params: { ...f.params },
    message: translateMessage(lang, f),
    messageRu: translateMessage('ru', f),
  }));
  const own = detail instanceof DomainError ? detail.detailMessage : typeof detail === 'string' ? undefined : detail;
  return {
    type: `https://rapport.local/problems/${code}`,
    title: translateCode(lang, title),
    status,
    detail:
      detail instanceof DomainError
        ? detail.detailIn(lang)
        : typeof detail === 'string'
          ? detail
          : translateMessage(lang, detail),
    code,
    instance,
    ...(own ? { detailCode: own.code, detailParams: { ...own.params } } : {}),
    ...(errors.length ? { errors } : {}),
  };
}

/** Maps every error to RFC 9457 problem+json in the language the request accepts; 5xx never shows internals (they go to the log). */
export function sendProblem(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const instance = request.url.split('?')[0] ?? request.url;
  const lang = acceptedLanguage(request.headers['accept-language']);
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
    body = problem(lang, statusOf[error.code], error.code, titleCodes[error.code], error, instance, error.fields);
    if (error.existing) body.existing = error.existing;
  } else if (e.validation) {
    const fields = validationFields(e.validation, e.validationContext ?? 'body');
    const detail = fields.length ? DomainError.ofFields('invalid_input', fields) : message('problem.invalidRequest');
    body = problem(lang, 400, 'invalid_input', titleCodes.invalid_input, detail, instance, fields);
  } else if (refused) {
    request.log.warn({ err: error }, 'the database refused a value the input checks let through');
    body = problem(lang, 400, 'invalid_input', titleCodes.invalid_input, refused, instance, refused.fields);
  } else if (e.code === '23505') {
    body = problem(lang, 409, 'conflict', titleCodes.conflict, message('problem.duplicate'), instance);
  } else if (e.code === '23503') {
    body = problem(lang, 409, 'conflict', titleCodes.conflict, message('problem.referenced'), instance);
  } else if (isDatabaseUnreachable(error)) {
    request.log.warn({ reason: outageReason(error) }, 'database unreachable: answered 503');
    reply.header('retry-after', String(retryAfterSeconds));
    body = problem(lang, 503, 'unavailable', titleCodes.unavailable, message('problem.unreachable'), instance);
  } else if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const code =
      e.statusCode === 413
        ? 'too_large'
        : e.statusCode === 415
          ? 'unsupported_media_type'
          : e.statusCode === 404
            ? 'not_found'
            : 'bad_request';
    // Fastify's own refusals (a malformed body, an unknown media type) are in English only.
    const title = code === 'not_found' ? titleCodes.not_found : 'problem.title.bad_request';
    body = problem(lang, e.statusCode, code, title, error.message, instance);
  } else {
    request.log.error({ err: error }, 'unhandled error');
    body = problem(lang, 500, 'internal', 'problem.title.internal', message('problem.internal'), instance);
  }
  return reply.status(body.status).header('content-language', lang).type('application/problem+json').send(body);
}
