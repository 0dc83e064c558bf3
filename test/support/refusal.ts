import { expect } from 'vitest';
import { DomainError } from '../../src/core/errors.js';

/** The DomainError a call is refused with; fails the test when the call succeeds or throws anything else. */
export async function refusal(call: Promise<unknown>): Promise<DomainError> {
  const error = await call.then(
    (value) => {
      throw new Error(`expected a DomainError, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** [field, reason] pairs of a refusal, for compact assertions. */
export const fieldsOf = (e: DomainError) => e.fields.map((f) => [f.field, f.reason]);
