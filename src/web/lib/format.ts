/**
 * Formatting of API values for people: money (decimal rouble strings), dates (ISO), numbers.
 * Pure functions of (value, language); the language is the UI language code, 'ru' or 'en'.
 */
import { formatMoney as kopecksToDecimal, parseMoney } from '../../core/money/money.js';
import { withMinusSign as minus } from '../../core/text/minus.js';

/** Shown in place of a missing value. */
export const NO_VALUE = '—';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as T;
}

const numberLocale = (language: string) => (language === 'ru' ? 'ru-RU' : 'en-US');
const dateLocale = (language: string) => (language === 'ru' ? 'ru-RU' : 'en-GB');

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** "1234.50" → "1 234,50 ₽" (ru, NBSP separators) or "RUB 1,234.50" (en); null/invalid → "—". */
export function formatMoney(value: string | number | null | undefined, language: string): string {
  if (value === null || value === undefined || value === '') return NO_VALUE;
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!DECIMAL.test(text)) return NO_VALUE;
  const f = cached(
    `money:${language}`,
    () => new Intl.NumberFormat(numberLocale(language), { style: 'currency', currency: 'RUB' }),
  );
  // A numeric string is formatted exactly (Intl.NumberFormat v3), with no float rounding on the way.
  return minus(f.format(text as `${number}`));
}

/**
 * Decimal places of a number or percentage: by default up to `max` (12,5 but 12); with `digits`, always
 * exactly that many (12,50 and 12,00), which a column, a chart's series or its axis uses so that its
 * values line up and never mix "3,7" with "3,72".
 */
const fractionOptions = (digits: number | undefined, max: number): Intl.NumberFormatOptions =>
  digits === undefined
    ? { maximumFractionDigits: max }
    : { minimumFractionDigits: digits, maximumFractionDigits: digits };

/** Whole numbers and decimals in the language's style: 12345 → "12 345" (ru); `digits` fixes the decimals. */
export function formatNumber(value: number | null | undefined, language: string, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return minus(
    cached(
      `number:${language}:${digits ?? ''}`,
      () => new Intl.NumberFormat(numberLocale(language), fractionOptions(digits, 2)),
    ).format(value),
  );
}

/** A share 0..1 as a percentage: 0.256 → "25,6 %" (ru); `digits` fixes the decimals (0.25 → "25,0 %" with 1). */
export function formatPercent(value: number | null | undefined, language: string, digits?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return minus(
    cached(
      `pct:${language}:${digits ?? ''}`,
      () => new Intl.NumberFormat(numberLocale(language), { style: 'percent', ...fractionOptions(digits, 1) }),
    ).format(value),
  );
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** PostgreSQL's text form of a timestamp ("2026-11-23 11:30:22.97+00") as ISO 8601, which every browser parses. */
function isoTimestamp(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-]\d{2})(?::?(\d{2}))?$/.exec(value);
  return m ? `${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}` : value;
}

function toDate(value: string): { date: Date; dateOnly: boolean } | null {
  value = isoTimestamp(value);
  const m = DATE_ONLY.exec(value);
  // A calendar date (YYYY-MM-DD) has no time zone: format it in UTC so it never shifts by a day.
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : { date, dateOnly: Boolean(m) };
}

/** ISO date or date-time → "23.11.2026" (ru) or "23/11/2026" (en). */
export function formatDate(value: string | null | undefined, language: string, timeZone?: string): string {
  if (!value) return NO_VALUE;
  const parsed = toDate(value);
  if (!parsed) return NO_VALUE;
  const zone = parsed.dateOnly ? 'UTC' : timeZone;
  const f = cached(
    `date:${language}:${zone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(dateLocale(language), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        ...(zone ? { timeZone: zone } : {}),
      }),
  );
  return f.format(parsed.date);
}

/** ISO date-time → "23.11.2026, 09:30" (ru) or "23/11/2026, 09:30" (en), in the viewer's time zone. */
export function formatDateTime(value: string | null | undefined, language: string, timeZone?: string): string {
  if (!value) return NO_VALUE;
  const parsed = toDate(value);
  if (!parsed) return NO_VALUE;
  if (parsed.dateOnly) return formatDate(value, language);
  const f = cached(
    `datetime:${language}:${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(dateLocale(language), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        ...(timeZone ? { timeZone } : {}),
      }),
  );
  return f.format(parsed.date);
}

/** Minutes as hours and minutes: 150 → { hours: 2, minutes: 30 }. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  const abs = Math.max(0, Math.floor(total));
  return { hours: Math.floor(abs / 60), minutes: abs % 60 };
}

/**
 * What a person typed as an amount ("1 500,5", "1500.50") → the API's decimal string ("1500.50");
 * null when it is not an amount with at most 2 decimals.
 */
export function toApiMoney(text: string): string | null {
  const kopecks = parseMoney(text.trim());
  return kopecks === null ? null : kopecksToDecimal(kopecks);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the value of <input type="datetime-local"> in local time: "2026-11-23T09:30". */
export function toDateTimeLocalValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of <input type="datetime-local"> (local time) → ISO date-time in UTC; null if invalid. */
export function fromDateTimeLocalValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Share of margin in revenue, both decimal strings; null when revenue is zero or unreadable. */
export function marginShare(margin: string, revenue: string): number | null {
  const m = Number(margin);
  const r = Number(revenue);
  return Number.isFinite(m) && Number.isFinite(r) && r !== 0 ? m / r : null;
}

/** An API amount ("1234.50") as a short amount for charts and headline figures: "217,4 млн ₽" (ru), "RUB 217.4M" (en). */
export function formatMoneyCompact(value: string | null | undefined, language: string): string {
  if (value === null || value === undefined || !DECIMAL.test(value.trim())) return NO_VALUE;
  return minus(
    cached(
      `moneyCompact:${language}`,
      () =>
        new Intl.NumberFormat(numberLocale(language), {
          style: 'currency',
          currency: 'RUB',
          notation: 'compact',
          maximumFractionDigits: 1,
        }),
    ).format(value.trim() as `${number}`),
  );
}

/**
 * An API amount in kopecks, for sums, comparisons and shares on the page (integers, so exact); 0 when
 * it is not an amount.
 */
export const kopecksOf = (value: string | null | undefined): number => (value ? (parseMoney(value) ?? 0) : 0);

/** A month (YYYY-MM or any ISO date inside it) → "11.2026" (ru) or "11/2026" (en). */
export function formatMonth(value: string | null | undefined, language: string): string {
  const m = value ? /^(\d{4})-(\d{2})/.exec(value) : null;
  if (!m) return NO_VALUE;
  return cached(
    `month:${language}`,
    () => new Intl.DateTimeFormat(dateLocale(language), { month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}

/** A month with a short name, for chart axes: "нояб. 2026 г." (ru), "Nov 2026" (en). */
export function formatMonthShort(value: string | null | undefined, language: string): string {
  const m = value ? /^(\d{4})-(\d{2})/.exec(value) : null;
  if (!m) return NO_VALUE;
  return cached(
    `monthShort:${language}`,
    () => new Intl.DateTimeFormat(dateLocale(language), { month: 'short', year: '2-digit', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}
