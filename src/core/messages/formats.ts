/**
 * The formats a template may name (`{{value, format}}`), as i18next formatters take them: the web app
 * adds these to its i18next, so a message reads the same there as from `translate`.
 */
import { withMinusSign } from '../text/minus.js';

const numbers = { en: new Intl.NumberFormat('en'), ru: new Intl.NumberFormat('ru') };
const numbersOf = (lang: string) => (lang.startsWith('ru') ? numbers.ru : numbers.en);

export const formats: Record<string, (value: unknown, lang: string) => string> = {
  /** A number as the language writes it: 16,384 or 16 384, 12.5 or 12,5, −3 with the minus sign. */
  number: (value, lang) => (typeof value === 'number' ? withMinusSign(numbersOf(lang).format(value)) : String(value)),
  /** A day written YYYY-MM-DD, as DD.MM.YYYY in Russian. */
  day: (value, lang) => {
    const text = String(value);
    return lang.startsWith('ru') && /^\d{4}-\d\d-\d\d$/.test(text) ? text.split('-').reverse().join('.') : text;
  },
};
