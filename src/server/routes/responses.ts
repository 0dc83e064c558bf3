import type { FastifyReply } from 'fastify';
import type { TSchema } from 'typebox';
import { Problem } from '../../contract/common.js';
import { toCsv, xlsxStream, type Sheet } from '../../files/spreadsheet.js';

/** A route's success responses plus the problem+json it answers on error (documented in OpenAPI). */
export function withProblems(ok: Record<number, TSchema>): Record<string, TSchema> {
  return { ...ok, '4xx': Problem, '5xx': Problem };
}

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
