import type { TSchema } from 'typebox';
import { Problem } from '../../contract/common.js';

/** A route's success responses plus the problem+json it answers on error (documented in OpenAPI). */
export function withProblems(ok: Record<number, TSchema>): Record<string, TSchema> {
  return { ...ok, '4xx': Problem, '5xx': Problem };
}
