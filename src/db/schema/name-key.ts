/**
 * A client's name as a key for telling the same company written differently (docs: russian-ecosystem
 * §2: `ООО "Ромашка"` = `Ромашка ООО` = `ООО «Ромашка»`): lower case (Cyrillic and Latin, by an
 * explicit table so the result does not depend on the database's locale), ё as е, the legal-form words
 * dropped wherever they stand (ООО, АО, ИП, … and their spelled-out forms), then every character that
 * is not a letter or digit (quotes, spaces, hyphens, dots) dropped: «Урал-Сервис», АО = уралсервис.
 *
 * One SQL expression serves the stored column (`clients.name_key`, generated, so every write path —
 * the API, imports, the demo loader — keeps it without code) and the lookups, which apply it to what a
 * person typed. Immutable functions only (translate, regexp_replace, replace), as a generated column
 * requires; it runs on PostgreSQL 15 and PGlite alike. pg_trgm is not used: neither engine loads it.
 */

const upper = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZё';
/** The same letters lower-cased, Ё and ё as е: translate() maps each character to the one at its place. */
const lower = upper.toLowerCase().replace(/ё/g, 'е');

/**
 * Legal forms as whole words, after lower-casing and ё → е: the abbreviations and the full phrases
 * (longest first), and the common Latin ones (a 1C export may hold "OOO" typed in Latin letters).
 */
export const legalFormWords = [
  'федеральное государственное унитарное предприятие',
  'государственное унитарное предприятие',
  'муниципальное унитарное предприятие',
  'общество с ограниченной ответственностью',
  'публичное акционерное общество',
  'непубличное акционерное общество',
  'закрытое акционерное общество',
  'открытое акционерное общество',
  'акционерное общество',
  'автономная некоммерческая организация',
  'некоммерческая организация',
  'индивидуальный предприниматель',
  'фгуп',
  'ооо',
  'оао',
  'зао',
  'пао',
  'нао',
  'ао',
  'ип',
  'нко',
  'ано',
  'гуп',
  'муп',
  'ooo',
  'llc',
  'ltd',
  'inc',
  'jsc',
  'pjsc',
  'gmbh',
] as const;

/**
 * The key of a text expression, as SQL text. `expr` is a column name or a parameter with its cast
 * (`'$2::text'`), never a value: the words above are fixed, so the text has no user input in it.
 */
export function nameKeySql(expr: string): string {
  const cased = `translate(${expr}, '${upper}', '${lower}')`;
  // Words separated by single spaces, with a space at each end, so a form is a word "␠ао" followed by "␠".
  const spaced = `' ' || regexp_replace(${cased}, '[^а-яa-z0-9]+', ' ', 'g') || ' '`;
  const forms = `' (${legalFormWords.join('|')})(?= )'`;
  return `replace(regexp_replace(${spaced}, ${forms}, '', 'g'), ' ', '')`;
}
