/** Turning API failures into text a person can read, in the UI language. */
import i18n, { type TFunction } from 'i18next';
import { isApiError, type FieldProblemT } from './api.js';
import { messageText } from './messages.js';

const knownCodes = [
  'invalid_input',
  'not_found',
  'conflict',
  'unauthenticated',
  'forbidden',
  'unavailable',
  'internal',
  'bad_request',
  'too_large',
  'unsupported_media_type',
  'rate_limited',
] as const;
type KnownCode = (typeof knownCodes)[number];
const isKnownCode = (code: unknown): code is KnownCode => (knownCodes as readonly unknown[]).includes(code);

/** The field a problem points at, as the form names it: "/lines/0/price" → "lines.0.price". */
export const fieldKey = (field: string): string => field.replace(/^\/+/, '').replace(/\//g, '.');

/** A field problem in the UI language: translated from its code (core/messages), else as the server worded it. */
export const fieldMessage = (f: FieldProblemT, language: string): string =>
  messageText(i18n, f.code, f.params, language === 'ru' && f.messageRu ? f.messageRu : f.message);

export function describeError(error: unknown, t: TFunction, language: string): { title: string; detail: string } {
  if (!isApiError(error)) return { title: t('errors.unexpected'), detail: t('errors.unexpectedDetail') };
  if (error.status === 0) return { title: t('errors.network'), detail: t('errors.networkDetail') };
  const p = error.problem;
  const code = p?.code;
  const title = isKnownCode(code) ? t(`errors.code.${code}`) : t('errors.httpStatus', { status: error.status });
  if (!p) return { title, detail: t('errors.noDetail') };
  // The database is away (503): said in the UI's language, whatever language the browser asked the server for.
  if (code === 'unavailable' && error.status === 503) return { title, detail: t('faults.databaseUnavailable') };
  const first = p.errors?.[0];
  // The detail's own message when it has one, else the first field problem; translated from their codes.
  const detail = p.detailCode
    ? messageText(i18n, p.detailCode, p.detailParams, p.detail)
    : first && (first.code || (language === 'ru' && first.messageRu))
      ? `${first.field ? `${fieldKey(first.field)}: ` : ''}${fieldMessage(first, language)}`
      : p.detail;
  return { title, detail };
}

/** Field problems by field key, in the UI language. */
export function fieldErrors(error: unknown, language: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isApiError(error)) return out;
  for (const f of error.problem?.errors ?? []) {
    const key = fieldKey(f.field);
    if (!(key in out)) out[key] = fieldMessage(f, language);
  }
  return out;
}
