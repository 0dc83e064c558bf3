import { describe, expect, it } from 'vitest';
import { formatMoney, lineAmount, parseMoney } from './money.js';

describe('money', () => {
  it('parses decimal roubles into kopecks', () => {
    expect(parseMoney('1234.5')).toBe(123450);
    expect(parseMoney('1 234,50')).toBe(123450);
    expect(parseMoney('1\u00a0234,05')).toBe(123405);
    expect(parseMoney(0.1)).toBe(10);
    expect(parseMoney(-15)).toBe(-1500);
    expect(parseMoney('0')).toBe(0);
  });
  it('refuses what is not an amount', () => {
    for (const bad of ['', 'abc', '1.234', '1e5', '12345678901234', Number.NaN, Infinity, 1.005])
      expect(parseMoney(bad as string)).toBeNull();
  });
  it('formats kopecks back to the API text', () => {
    expect(formatMoney(123450)).toBe('1234.50');
    expect(formatMoney(-5)).toBe('-0.05');
    expect(formatMoney(0)).toBe('0.00');
  });
  it('computes line amounts exactly: 3 × 0.10 = 0.30, 1.5 × 33.33 = 49.995 → 50.00', () => {
    expect(lineAmount('3', 10)).toBe(30);
    expect(lineAmount('1.5', 3333)).toBe(5000);
    expect(lineAmount('-2', 1250)).toBe(-2500);
    expect(lineAmount('0.001', 100)).toBe(0);
    expect(() => lineAmount('1/2', 100)).toThrow(RangeError);
  });
});
