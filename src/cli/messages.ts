/**
 * The CLI speaks Russian when the locale is Russian (LANG/LC_ALL ru_*), English otherwise; its words
 * are in the product's message catalogue (core/messages, `cli.*`), like every message it prints.
 */
import type { DomainError } from '../core/errors.js';
import { translate, type Lang, type MessageCode, type ParamsArg } from '../core/messages/index.js';
import { localeLanguage } from '../config.js';

/** The language of the CLI's output. */
export const cliLang: Lang = localeLanguage();
export const isRussianLocale = cliLang === 'ru';

/** A message in the CLI's language. */
export function say<C extends MessageCode>(code: C, ...params: ParamsArg<C>): string {
  return translate(cliLang, code, ...params);
}

/** What a refused command prints: the error's detail in the CLI's language. */
export const refusalText = (e: DomainError): string => e.detailIn(cliLang);

/** An option's or argument's value placeholder in the CLI's language: `<файл>`, `<file>`. */
export const placeholder = (code: MessageCode & `cli.arg.${string}`, optional = false): string =>
  optional ? `[${say(code)}]` : `<${say(code)}>`;
