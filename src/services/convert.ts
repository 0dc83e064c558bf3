import { formatMoney, parseMoney } from '../core/money/money.js';
import { fieldProblem, invalidInput, type FieldProblem } from '../core/errors.js';

/** PostgreSQL's text timestamp ("2026-11-23 09:13:56.43+00") as ISO 8601 in UTC. */
export function isoTimestamp(text: string): string;
export function isoTimestamp(text: string | null): string | null;
export function isoTimestamp(text: string | null): string | null {
  if (text === null) return null;
  return new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();
}

export const moneyOut = (kopecks: number | null): string | null => (kopecks === null ? null : formatMoney(kopecks));

/**
 * Converts the money fields of an input from roubles to kopecks in place of the originals,
 * collecting a field problem for each amount that is not exact to the kopeck.
 */
export function moneyFieldsIn<T extends Record<string, unknown>>(
  input: T,
  fields: readonly string[],
  problems: FieldProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  for (const f of fields) {
    const v = input[f];
    if (v === undefined || v === null) continue;
    const k = parseMoney(v as string | number);
    if (k === null) problems.push(fieldProblem(f, 'money', 'field.money'));
    else out[f] = k;
  }
  return out;
}

/** Throws the collected field problems as one invalid_input error. */
export function throwIfProblems(problems: FieldProblem[]): void {
  if (problems.length > 0) throw invalidInput(problems);
}

/** Copies the defined keys only: an update changes what it names and nothing else. */
export function definedOnly<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
