/** What the forms share: text to API values, field errors from two sources, and saving (useFormSave). */
import { useState } from 'react';
import { useLanguage } from './i18n.js';
import { notify } from './notify.js';
import { fieldErrors } from './problem.js';

/** A one-line text as the API takes it: trimmed, empty → null. */
export const textOrNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Free text keeps its leading indentation and inner line breaks; only trailing space goes. */
export const longTextOrNull = (value: string): string | null =>
  value.trim() === '' ? null : value.replace(/\s+$/, '');

/** "a, b\nc; d" → ['a', 'b', 'c', 'd']: lists typed comma-, semicolon- or line-separated. */
export const splitList = (value: string): string[] =>
  value
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Whether two API values are the same (strings, numbers, booleans, null, arrays of them). */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The form field a server's field key belongs to: its first part ("emails.2" → "emails"). */
const firstPart = (key: string): string => key.split('.')[0] ?? key;

/**
 * Field errors of a form: the browser's own checks (set on submit or blur) and the server's
 * problem+json `errors[]`, keyed by the form's field names ("/emails/2" belongs to "emails";
 * `fieldOf` tells otherwise for a form of nested parts, "legalEntity.inn" for "/legalEntity/inn").
 * A field's error disappears as soon as the person changes that field.
 */
export function useFieldErrors<K extends string>(serverError: unknown, fieldOf: (key: string) => string = firstPart) {
  const language = useLanguage();
  const [local, setLocal] = useState<Partial<Record<K, string>>>({});
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const server: Record<string, string> = {};
  for (const [key, message] of Object.entries(fieldErrors(serverError, language))) {
    server[fieldOf(key)] ??= message;
  }
  return {
    errorOf: (field: K): string | undefined => local[field] ?? (edited.has(field) ? undefined : server[field]),
    /** Replaces the browser's errors (on submit); the server's errors show again for every field. */
    reset: (errors: Partial<Record<K, string>>) => {
      setLocal(errors);
      setEdited(new Set());
    },
    /** Sets or clears one field's browser error (on blur). */
    setError: (field: K, message: string | undefined) => setLocal((prev) => ({ ...prev, [field]: message })),
    /** The person changed the field: its errors go away until the next check. */
    touch: (field: K) => {
      setLocal((prev) => (prev[field] === undefined ? prev : { ...prev, [field]: undefined }));
      setEdited((prev) => (prev.has(field) ? prev : new Set(prev).add(field)));
    },
  };
}

/** What useFormSave reads of the write a form sends (a TanStack mutation fits). */
export interface SaveState {
  error: unknown;
  isPending: boolean;
}

/**
 * The one way a form saves. `check(problems)` shows the browser's own checks under their fields and
 * says whether the form may be sent; `saved(message, then)` is the write's `onSuccess`: a short note
 * ("Saved"), then `then` (usually: close the form). The server's problem+json field errors show under
 * their fields until the field changes (`errorOf`, `touch`; `fieldOf` as for useFieldErrors); `problem` is the failure for
 * <FormProblem> (null until a write fails), `pending` is true while the write is under way.
 */
export function useFormSave<K extends string>(save: SaveState, fieldOf?: (key: string) => string) {
  const errors = useFieldErrors<K>(save.error, fieldOf);
  return {
    ...errors,
    problem: save.error ?? null,
    pending: save.isPending,
    check: (problems: Partial<Record<K, string>>): boolean => {
      errors.reset(problems);
      return Object.keys(problems).length === 0;
    },
    saved:
      <T>(message: string, then?: (answer: T) => void) =>
      (answer: T): void => {
        notify(message);
        then?.(answer);
      },
  };
}
