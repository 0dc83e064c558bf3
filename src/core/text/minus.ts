/**
 * Typography of numbers in text a person reads. `Intl.NumberFormat` writes a negative number with
 * the hyphen-minus (U+002D) of ASCII; Russian typography (and careful English) wants the minus sign
 * U+2212, which is as wide as a digit and never breaks the line after it: "−1,5 млн ₽", not "-1,5 млн ₽".
 * For display text only: numeric cells of an export keep the ASCII sign that spreadsheets read.
 */
export const MINUS_SIGN = '\u2212';

/** A formatted number with its hyphen-minus signs written as the minus sign. */
export const withMinusSign = (formatted: string): string => formatted.replaceAll('-', MINUS_SIGN);
