import { describe, expect, it } from 'vitest';
import { formatRoubles } from '../calendar/texts.js';
import { formats } from '../messages/formats.js';
import { MINUS_SIGN, withMinusSign } from './minus.js';

describe('withMinusSign', () => {
  it('writes the minus sign U+2212 for the hyphen Intl puts before a negative number', () => {
    const ru = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', notation: 'compact' });
    expect(withMinusSign(ru.format(-1_500_000))).toBe(`${MINUS_SIGN}1,5\u00a0млн\u00a0₽`);
    expect(withMinusSign(new Intl.NumberFormat('en-US', { style: 'percent' }).format(-0.25))).toBe('\u221225%');
  });

  it('leaves positive numbers and text without a hyphen as they are', () => {
    expect(withMinusSign('1 234,50 ₽')).toBe('1 234,50 ₽');
    expect(withMinusSign('')).toBe('');
  });
});

describe('display text from the backend', () => {
  it('message templates write a negative {{value, number}} with the minus sign', () => {
    expect(formats.number!(-1234.5, 'ru')).toBe(`${MINUS_SIGN}1\u00a0234,5`);
    expect(formats.number!(-3, 'en')).toBe(`${MINUS_SIGN}3`);
    expect(formats.number!(16384, 'en')).toBe('16,384');
  });

  it('amounts in generated task texts write a negative amount with the minus sign', () => {
    expect(formatRoubles(-150_000, 'ru')).toBe(`${MINUS_SIGN}1\u00a0500,00\u00a0₽`);
    expect(formatRoubles(500_000, 'en')).toBe('RUB\u00a05,000.00');
  });
});
