import type { FastifyInstance } from 'fastify';
import { DomainError, fieldProblem, type FieldProblem } from '../core/errors.js';

/**
 * What a JSON schema cannot say but the database refuses: PostgreSQL text and jsonb hold no NUL
 * character and no unpaired UTF-16 surrogate (JSON may carry both as escapes), and its bigint and
 * numeric columns take no Infinity (the schema's type coercion turns the string "Infinity" into one)
 * nor integers past 2^53 that JavaScript cannot even hold exactly. Checked once for every route after
 * its schema has validated and coerced the input, so the answer is a 400 naming the field instead of
 * a database error deep inside a service. Dates likewise: the schema's `date` and `date-time` formats
 * accept the year 0000 and time-zone offsets up to ±23:59, which PostgreSQL refuses (no year 0; offsets
 * up to ±15:59).
 */

// A NUL, a high surrogate without its low half, or a low surrogate without its high half.
// eslint-disable-next-line no-control-regex -- finding the NUL character is the point
const BROKEN_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const brokenText = (field: string): FieldProblem => fieldProblem(field, 'invalid_character', 'field.brokenText');
const outOfRange = (field: string): FieldProblem =>
  fieldProblem(field, 'out_of_range', 'field.outOfRange', { max: Number.MAX_SAFE_INTEGER });
const badDate = (field: string): FieldProblem => fieldProblem(field, 'format', 'field.dateRange');
const badOffset = (field: string): FieldProblem => fieldProblem(field, 'format', 'field.offsetRange');

type Schema = {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: unknown;
};

/** Dates and times the schema let through that the database cannot hold, found by walking the value with its schema. */
export function dateProblems(
  schema: Schema | undefined,
  value: unknown,
  field = '',
  out: FieldProblem[] = [],
): FieldProblem[] {
  if (!schema || value === null || value === undefined || out.length >= 20) return out;
  for (const alternative of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])])
    dateProblems(alternative, value, field, out);
  if (typeof value === 'string' && (schema.format === 'date' || schema.format === 'date-time')) {
    if (value.startsWith('0000')) out.push(badDate(field));
    const offset = schema.format === 'date-time' ? /([+-])(\d\d):\d\d$/.exec(value) : null;
    if (offset && Number(offset[2]) > 15) out.push(badOffset(field));
  } else if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => dateProblems(schema.items, v, field ? `${field}/${i}` : String(i), out));
  } else if (typeof value === 'object' && schema.properties) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      dateProblems(schema.properties[k], v, field ? `${field}/${k}` : k, out);
  }
  return out;
}

/** Parsed JSON, a query or the path parameters (the router's null-prototype object); not a stream or a buffer. */
const isPlain = (v: object) => !ArrayBuffer.isView(v) && typeof (v as { pipe?: unknown }).pipe !== 'function';

/** The problems of one parsed value, with JSON-pointer-like field names as the schema errors use. */
export function inputProblems(value: unknown, field = '', out: FieldProblem[] = [], depth = 0): FieldProblem[] {
  if (out.length >= 20 || depth > 64) return out;
  if (typeof value === 'string') {
    if (BROKEN_TEXT.test(value)) out.push(brokenText(field));
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) out.push(outOfRange(field));
  } else if (value !== null && typeof value === 'object' && isPlain(value)) {
    for (const [k, v] of Object.entries(value)) {
      const at = field ? `${field}/${k}` : k;
      if (BROKEN_TEXT.test(k)) out.push(brokenText(at));
      inputProblems(v, at, out, depth + 1);
    }
  }
  return out;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const schema = (request.routeOptions.schema ?? {}) as { params?: Schema; querystring?: Schema; body?: Schema };
    const problems = [
      ...inputProblems(request.params),
      ...inputProblems(request.query),
      ...inputProblems(request.body),
      ...dateProblems(schema.params, request.params),
      ...dateProblems(schema.querystring, request.query),
      ...dateProblems(schema.body, request.body),
    ];
    const first = problems[0];
    if (first)
      throw DomainError.ofFields(
        'invalid_input',
        problems.map((p) => ({ ...p, field: p.field || 'body' })),
      );
  });
}
