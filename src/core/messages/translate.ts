/**
 * Messages as codes: services say what happened with a code and parameters (`order.productMissing`,
 * `{ id: 7 }`); whoever shows it to a person — the server for problem+json, the CLI, the web app —
 * translates it here. The templates use i18next's syntax, so the web app loads the same catalogues
 * as an i18next namespace and gets the same text:
 * - `{{name}}` puts a parameter in place; `{{name, number}}` formats a number for the language,
 *   `{{name, day}}` a day written YYYY-MM-DD (DD.MM.YYYY in Russian) — formats.ts, which the web
 *   app adds to its i18next;
 * - a code with a `count` parameter has plural forms `<code>_one`, `_few`, `_many`, `_other`,
 *   chosen by `Intl.PluralRules` of the language;
 * - `$t(other.code)` puts another message in place (its key may hold `{{name}}`, e.g. a status label).
 * A parameter's value is never read as a template. A missing parameter leaves its `{{name}}` visible.
 */
import { en } from './en.js';
import { ru } from './ru.js';
import { formats } from './formats.js';
import type { Lang, Message, MessageCode, MessageParams, ParamsArg } from './types.js';

const catalogues: Record<Lang, Readonly<Record<string, string>>> = { en, ru };
const plurals: Record<Lang, Intl.PluralRules> = { en: new Intl.PluralRules('en'), ru: new Intl.PluralRules('ru') };

/** A nested `$t(key)` or a `{{variable}}`, in one pass so that substituted values are not read again. */
const TOKEN = /\$t\(([^()]*)\)|\{\{([^{}]*)\}\}/g;
const MAX_DEPTH = 4;

function templateOf(lang: Lang, code: string, params: MessageParams): string | undefined {
  const catalogue = catalogues[lang];
  const count = params.count;
  if (typeof count === 'number') {
    const form = catalogue[`${code}_${plurals[lang].select(count)}`] ?? catalogue[`${code}_other`];
    if (form !== undefined) return form;
  }
  // A plural code without its count still says something: its general form.
  return Object.hasOwn(catalogue, code) ? catalogue[code] : catalogue[`${code}_other`];
}

function render(lang: Lang, template: string, params: MessageParams, depth: number): string {
  return template.replace(TOKEN, (whole, nested: string | undefined, variable: string | undefined) => {
    if (nested !== undefined) {
      if (depth >= MAX_DEPTH) return whole;
      return translateCode(lang, render(lang, nested, params, depth + 1).trim(), params, depth + 1);
    }
    const [name = '', format] = (variable ?? '').split(',').map((s) => s.trim());
    const value = Object.hasOwn(params, name) ? params[name] : undefined;
    if (value === undefined) return whole;
    const formatted = format ? formats[format] : undefined;
    return formatted ? formatted(value, lang) : String(value);
  });
}

/**
 * The text of any code in `lang` (English when the language lacks it; the code itself when no
 * catalogue has it): for codes that arrive as data (a stored problem, a reply from the server).
 */
export function translateCode(lang: Lang, code: string, params: MessageParams = {}, depth = 0): string {
  const template = templateOf(lang, code, params) ?? (lang === 'en' ? undefined : templateOf('en', code, params));
  return template === undefined ? code : render(lang, template, params, depth);
}

/** The text of a code in `lang`; the compiler checks the code and that every parameter is given. */
export function translate<C extends MessageCode>(lang: Lang, code: C, ...params: ParamsArg<C>): string {
  return translateCode(lang, code, params[0] ?? {});
}

/** The text of a message held as data. */
export const translateMessage = (lang: Lang, message: Message): string =>
  translateCode(lang, message.code, message.params);

/** A message as data, its parameters checked against the code. */
export function message<C extends MessageCode>(code: C, ...params: ParamsArg<C>): Message {
  return { code, params: params[0] ?? {} };
}

/** The same message in both languages (for texts stored or sent as a `{ ru, en }` pair). */
export const bilingual = (m: Message): { ru: string; en: string } => ({
  ru: translateMessage('ru', m),
  en: translateMessage('en', m),
});

/** Whether the catalogue has this code (a code arriving from outside may be unknown). */
export const isMessageCode = (code: unknown): code is MessageCode =>
  typeof code === 'string' && (Object.hasOwn(en, code) || Object.hasOwn(en, `${code}_other`));

/**
 * The language an `Accept-Language` header prefers among the product's: Russian when a Russian tag
 * has the highest weight, English otherwise (absent, English, or any other language).
 */
export function acceptedLanguage(header: string | undefined): Lang {
  if (!header) return 'en';
  let best = { lang: '', q: -1 };
  for (const part of header.split(',')) {
    const [tag = '', ...options] = part.trim().split(';');
    const q = Number(
      options
        .find((p) => p.trim().startsWith('q='))
        ?.trim()
        .slice(2) ?? 1,
    );
    if (Number.isFinite(q) && q > best.q) best = { lang: tag.trim().toLowerCase(), q };
  }
  return best.lang === 'ru' || best.lang.startsWith('ru-') ? 'ru' : 'en';
}
