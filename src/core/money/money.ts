/**
 * Money in Rapport is an integer number of kopecks (minor units): exact, summable in SQL, never
 * a float. The API speaks decimal rouble strings ("1234.50"); these functions convert at the edge.
 */
export type Kopecks = number;

const DECIMAL = /^(-)?(\d{1,13})(?:[.,](\d{1,2}))?$/;

/** Parses "1234.5", "1 234,50", 1234.5 into kopecks; null when the text is not an amount with ≤ 2 decimals. */
export function parseMoney(value: string | number): Kopecks | null {
  const text =
    typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.replace(/[\s\u00a0]/g, '');
  const m = DECIMAL.exec(text);
  if (!m) return null;
  const kopecks = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -kopecks : kopecks;
}

/** Formats kopecks as the API's decimal string: 123450 → "1234.50". */
export function formatMoney(kopecks: Kopecks): string {
  const sign = kopecks < 0 ? '-' : '';
  const abs = Math.abs(kopecks);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Line amount = round(quantity × price) in kopecks, half away from zero, computed on the decimal
 * text of the quantity (≤ 3 decimals) so no binary fraction creeps in.
 */
export function lineAmount(quantity: string, price: Kopecks): Kopecks {
  const m = /^(-)?(\d+)(?:\.(\d{1,3}))?$/.exec(quantity);
  if (!m) throw new RangeError(`quantity "${quantity}" is not a decimal with up to 3 places`);
  const milli = BigInt(m[2]!) * 1000n + BigInt((m[3] ?? '').padEnd(3, '0'));
  const product = milli * BigInt(Math.abs(price));
  const rounded = (product + 500n) / 1000n;
  const negative = (m[1] === '-') !== price < 0;
  return Number(negative ? -rounded : rounded);
}
