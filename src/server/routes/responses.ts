import type { FastifyReply } from 'fastify';
import type { TSchema } from 'typebox';
import { Problem } from '../../contract/common.js';
import { toCsv, xlsxStream, type Lang, type Sheet } from '../../files/spreadsheet.js';

/** A route's success responses plus the problem+json it answers on error (documented in OpenAPI). */
export function withProblems<const Ok extends Record<number, TSchema>>(
  ok: Ok,
): Ok & { '4xx': typeof Problem; '5xx': typeof Problem } {
  return { ...ok, '4xx': Problem, '5xx': Problem };
}

/** Answers 204 with no body at all: `send()` without a payload, so no content type and no serialisation. */
export function noContent(reply: FastifyReply): FastifyReply {
  return reply.status(204).send();
}

/**
 * The language of an exported file's headers and words: the query's `lang`, else Russian. (The user's
 * own language cannot be the default: an actor carries no locale.)
 */
export const fileLanguage = (query: { lang?: Lang | undefined }): Lang => query.lang ?? 'ru';

const fileTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Answers with a sheet as a CSV or XLSX download named `name.csv|xlsx`; the XLSX is streamed as it is written. */
export function sendSheet(reply: FastifyReply, format: 'csv' | 'xlsx', name: string, sheet: Sheet): FastifyReply {
  return reply
    .header('content-type', fileTypes[format])
    .header('content-disposition', `attachment; filename="${name}.${format}"`)
    .send(format === 'csv' ? toCsv(sheet) : xlsxStream([sheet]));
}
