/**
 * The product's message catalogue (core/messages: what the server's problems, the import's refusals
 * and the requisite checks say) as the i18next namespace `messages`, so the app translates a message
 * from its code and parameters with the same words and plural forms as the server and the CLI.
 */
import type { i18n as I18n } from 'i18next';
import { formats } from '../../core/messages/formats.js';
import { ru } from '../../core/messages/ru.js';

export const MESSAGES_NS = 'messages';

/** The catalogue of a language: Russian is bundled, English loaded on demand (like the app's own words). */
export async function messageCatalogue(language: 'ru' | 'en'): Promise<Readonly<Record<string, string>>> {
  if (language === 'ru') return ru;
  return (await import('../../core/messages/en.js')).en;
}

export const bundledMessages: Readonly<Record<string, string>> = ru;

/** The formats the catalogue's templates name (`{{n, number}}`, `{{day, day}}`), as i18next formatters. */
export function addMessageFormats(instance: I18n): void {
  for (const [name, format] of Object.entries(formats))
    instance.services.formatter?.add(name, (value: unknown, lng: string | undefined) => format(value, lng ?? 'en'));
}

type Params = Readonly<Record<string, string | number>>;
// The codes arrive as data, so the typed keys of the app's own namespace do not apply.
type LooseT = (key: string, options: Record<string, unknown>) => string;
type LooseExists = (key: string, options: Record<string, unknown>) => boolean;

/** A message code with its parameters in the UI language; `fallback` when the catalogue has no such code. */
export function messageText(
  instance: I18n,
  code: string | undefined,
  params: Params | undefined,
  fallback: string,
): string {
  if (!code) return fallback;
  const options = { ns: MESSAGES_NS, keySeparator: false, nsSeparator: false, ...params };
  if (!(instance.exists as unknown as LooseExists)(code, options)) return fallback;
  return (instance.t as unknown as LooseT)(code, options);
}
