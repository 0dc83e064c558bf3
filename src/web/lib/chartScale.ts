/**
 * Axes people can read: round, evenly spaced ticks (0/20/40/…, never 0/30/60/90/110) and one precision
 * and one unit for every tick of an axis (never "500 тыс." beside "1,5 млн", or "3,7" beside "3,72").
 */
import { formatNumber } from './format.js';

export type NiceScale = {
  /** The ticks from domain[0] to domain[1], `step` apart. */
  ticks: number[];
  domain: [number, number];
  step: number;
  /** The decimal places a tick needs: 0 for steps of 20, 1 for 2.5 or 0.5, 2 for 0.25. */
  decimals: number;
};

/** Decimal places of a step such as 20, 2.5 or 0.25. */
function decimalsOf(step: number): number {
  const text = String(Number(step.toPrecision(12)));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Round ticks that cover [min, max] with about `count` ticks: the step is 1, 2, 2.5 or 5 times a power
 * of ten (`steps` narrows the choice, e.g. [1, 2, 5] for percentages; never below `minStep`), the domain
 * starts and ends on a tick.
 */
export function niceScale(
  min: number,
  max: number,
  count = 6,
  steps: readonly number[] = [1, 2, 2.5, 5],
  /** The smallest step, e.g. 1 for counts, which have no fractions. */
  minStep = 0,
): NiceScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { ticks: [0, 1], domain: [0, 1], step: 1, decimals: 0 };
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    // One value: a scale from zero to it (or around it when it is zero).
    if (max === 0) max = 1;
    else if (max > 0) min = 0;
    else max = 0;
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const factor = [...steps, 10].find((s) => raw / magnitude <= s + 1e-9) ?? 10;
  const step = Math.max(minStep, Number((factor * magnitude).toPrecision(12)));
  const decimals = decimalsOf(step);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step / 1e6; i += 1) ticks.push(Number((lo + i * step).toFixed(decimals)));
  return { ticks, domain: [ticks[0]!, ticks[ticks.length - 1]!], step, decimals };
}

const numberLocale = (language: string) => (language === 'ru' ? 'ru-RU' : 'en-US');

/**
 * Amounts on an axis in one unit chosen by the largest tick: "0", "500 тыс.", "1 000 тыс."… or
 * "0", "0,5 млн", "1,0 млн", "1,5 млн" — the unit words are the language's own (Intl's compact
 * notation), the decimals those the step needs, negative values with the minus sign.
 */
export function compactAxisFormatter(scale: NiceScale, language: string): (value: number) => string {
  const largest = Math.max(...scale.ticks.map(Math.abs));
  const unit = largest >= 1e9 ? 1e9 : largest >= 1e6 ? 1e6 : largest >= 1e3 ? 1e3 : 1;
  const parts = new Intl.NumberFormat(numberLocale(language), { notation: 'compact' }).formatToParts(unit);
  // "1 млн" → " млн", "1M" → "M": the words after the number, as the language writes them.
  const suffix =
    unit === 1
      ? ''
      : parts
          .filter((p) => p.type === 'literal' || p.type === 'compact')
          .map((p) => p.value)
          .join('');
  const digits = decimalsOf(scale.step / unit);
  return (value: number) => (value === 0 ? '0' : `${formatNumber(value / unit, language, digits)}${suffix}`);
}
