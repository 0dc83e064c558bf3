import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { dateWriting, parseTypedDate } from './dates.js';
import { formatDate } from './format.js';

describe('date fields', () => {
  it('write a date as the tables of the same language show it', () => {
    for (const language of ['ru', 'en'] as const) {
      for (const iso of ['2026-11-23', '2024-02-29', '1974-06-07']) {
        expect(dayjs(iso).format(dateWriting[language].pattern)).toBe(formatDate(iso, language));
      }
    }
  });

  it('read a typed Russian date with any separator, with or without leading zeros', () => {
    expect(parseTypedDate('07.03.2026', 'ru')).toEqual({ date: '2026-03-07', time: null });
    expect(parseTypedDate(' 7.3.2026 ', 'ru')).toEqual({ date: '2026-03-07', time: null });
    expect(parseTypedDate('7/3/2026', 'ru')?.date).toBe('2026-03-07');
    expect(parseTypedDate('07-03-2026', 'ru')?.date).toBe('2026-03-07');
    expect(parseTypedDate('07032026', 'ru')?.date).toBe('2026-03-07');
  });

  it('read day first in English too, and ISO as pasted from elsewhere', () => {
    expect(parseTypedDate('23/11/2026', 'en')?.date).toBe('2026-11-23');
    expect(parseTypedDate('2026-11-23', 'en')?.date).toBe('2026-11-23');
    expect(parseTypedDate('2026-1-5', 'ru')?.date).toBe('2026-01-05');
  });

  it('refuse what is not a real date, and do not guess a two-digit year', () => {
    expect(parseTypedDate('31.02.2026', 'ru')).toBeNull();
    expect(parseTypedDate('29.02.2025', 'ru')).toBeNull();
    expect(parseTypedDate('12.13.2026', 'ru')).toBeNull();
    expect(parseTypedDate('11/23/2026', 'en')).toBeNull();
    expect(parseTypedDate('7.3.26', 'ru')).toBeNull();
    expect(parseTypedDate('7.3.202', 'ru')).toBeNull();
    expect(parseTypedDate('вчера', 'ru')).toBeNull();
    expect(parseTypedDate('', 'ru')).toBeNull();
  });

  it('read a time after the date when the field has one', () => {
    expect(parseTypedDate('07.12.2026 14:30', 'ru', true)).toEqual({ date: '2026-12-07', time: '14:30' });
    expect(parseTypedDate('7.12.2026, 9.05', 'ru', true)).toEqual({ date: '2026-12-07', time: '09:05' });
    expect(parseTypedDate('07.12.2026', 'ru', true)).toEqual({ date: '2026-12-07', time: null });
    expect(parseTypedDate('07.12.2026 24:00', 'ru', true)).toBeNull();
    expect(parseTypedDate('14:30', 'ru', true)).toBeNull();
    // Without a time in the field, a time is not a date.
    expect(parseTypedDate('07.12.2026 14:30', 'ru')).toBeNull();
  });
});
