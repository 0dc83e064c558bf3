import { describe, expect, it } from 'vitest';
import { analyticsSettingKeys, analyticsSettingsOf, defaultAnalyticsSettings, settingsProblems } from './settings.js';
import { bilingual } from '../messages/index.js';
import type { FieldProblem } from '../errors.js';

/** A field problem with its message in both languages, as the server answers it. */
const texts = (p: FieldProblem) => ({ field: p.field, reason: p.reason, message: bilingual(p) });

describe('analyticsSettingsOf', () => {
  it('gives the defaults when nothing is stored', () => {
    for (const stored of [undefined, null, 'junk', 42, [], {}])
      expect(analyticsSettingsOf(stored)).toEqual(defaultAnalyticsSettings);
    expect(defaultAnalyticsSettings).toMatchObject({
      hourlyRate: 150_000,
      costOfCapitalPct: 16,
      periodMonths: 12,
      abcA: 80,
      abcB: 95,
      xyzGrain: 'quarter',
      xyzX: 25,
      xyzY: 50,
      xyzMinActiveMonths: 3,
    });
  });

  it('merges what the organisation changed over the defaults', () => {
    const s = analyticsSettingsOf({ abcA: 70, hourlyRate: 200_000, costOfCapitalPct: 12.5 });
    expect(s).toEqual({ ...defaultAnalyticsSettings, abcA: 70, hourlyRate: 200_000, costOfCapitalPct: 12.5 });
  });

  it('ignores broken and unknown stored values', () => {
    const s = analyticsSettingsOf({
      abcA: '70', // a string
      hourlyRate: -5, // below the range
      periodMonths: 1.5, // not whole
      xyzX: Number.NaN,
      costOfCapitalPct: Infinity,
      lostMinDays: null,
      frequentMinQuarters: 5, // above 4
      xyzY: 30, // fine
      xyzGrain: 'week', // not a grain
      nonsense: 1,
    });
    expect(s).toEqual({ ...defaultAnalyticsSettings, xyzY: 30 });
    expect(analyticsSettingsOf({ xyzGrain: 'month' }).xyzGrain).toBe('month');
    expect(Object.keys(s).sort()).toEqual([...analyticsSettingKeys].sort());
  });

  it('does not share state between calls', () => {
    const s = analyticsSettingsOf({ abcA: 60 });
    s.abcB = 99;
    expect(analyticsSettingsOf(undefined).abcB).toBe(95);
    expect(defaultAnalyticsSettings.abcA).toBe(80);
  });
});

describe('settingsProblems', () => {
  it('finds none in the defaults', () => {
    expect(settingsProblems(defaultAnalyticsSettings)).toEqual([]);
  });

  it('reports a value out of its range with the field and messages in both languages', () => {
    expect(settingsProblems({ ...defaultAnalyticsSettings, abcA: 0 }).map(texts)).toEqual([
      {
        field: 'abcA',
        reason: 'range',
        message: { en: 'must be a number from 1 to 99', ru: 'должно быть: число от 1 до 99' },
      },
    ]);
    expect(settingsProblems({ ...defaultAnalyticsSettings, periodMonths: 61 }).map(texts)).toEqual([
      {
        field: 'periodMonths',
        reason: 'range',
        message: { en: 'must be a whole number from 1 to 60', ru: 'должно быть: целое число от 1 до 60' },
      },
    ]);
  });

  it('wants whole numbers where a count or kopecks are meant', () => {
    const problems = settingsProblems({
      ...defaultAnalyticsSettings,
      hourlyRate: 1500.5,
      xyzMinActiveMonths: 2.5,
      costOfCapitalPct: 16.5,
    });
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['hourlyRate', 'range'],
      ['xyzMinActiveMonths', 'range'],
    ]);
    expect(bilingual(problems[0]!)).toEqual({
      en: 'must be a whole number from 0 to 1000000000',
      ru: 'должно быть: целое число от 0 до 1000000000',
    });
  });

  it('refuses non-finite numbers', () => {
    expect(settingsProblems({ ...defaultAnalyticsSettings, costOfCapitalPct: Number.NaN }).map((p) => p.field)).toEqual(
      ['costOfCapitalPct'],
    );
    expect(
      settingsProblems({ ...defaultAnalyticsSettings, lostIntervalMultiple: Infinity }).map((p) => p.field),
    ).toEqual(['lostIntervalMultiple']);
  });

  it('wants the B boundary above A and Y above X', () => {
    expect(settingsProblems({ ...defaultAnalyticsSettings, abcA: 90, abcB: 90 }).map(texts)).toEqual([
      {
        field: 'abcB',
        reason: 'order',
        message: { en: 'the B boundary must be above the A boundary', ru: 'граница B должна быть выше границы A' },
      },
    ]);
    expect(
      settingsProblems({ ...defaultAnalyticsSettings, abcA: 90, abcB: 85 }).map((p) => [p.field, p.reason]),
    ).toEqual([['abcB', 'order']]);
    expect(settingsProblems({ ...defaultAnalyticsSettings, xyzX: 60 }).map(texts)).toEqual([
      {
        field: 'xyzY',
        reason: 'order',
        message: { en: 'the Y boundary must be above the X boundary', ru: 'граница Y должна быть выше границы X' },
      },
    ]);
    expect(
      settingsProblems({ ...defaultAnalyticsSettings, xyzX: 25, xyzY: 25 }).map((p) => [p.field, p.reason]),
    ).toEqual([['xyzY', 'order']]);
    expect(settingsProblems({ ...defaultAnalyticsSettings, abcA: 94.9, abcB: 95, xyzX: 24.9 })).toEqual([]);
  });

  it('lists range problems in field order, then order problems', () => {
    const problems = settingsProblems({
      ...defaultAnalyticsSettings,
      periodMonths: 0,
      abcA: 99,
      abcB: 50,
      xyzX: 60,
      lostSingleDays: 0,
    });
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['periodMonths', 'range'],
      ['lostSingleDays', 'range'],
      ['abcB', 'order'],
      ['xyzY', 'order'],
    ]);
    expect(problems.map(bilingual).every((m) => m.en.length > 0 && m.ru.length > 0)).toBe(true);
  });

  it('knows the XYZ grains: month and quarter', () => {
    expect(settingsProblems({ ...defaultAnalyticsSettings, xyzGrain: 'month' })).toEqual([]);
    expect(
      settingsProblems({ ...defaultAnalyticsSettings, xyzGrain: 'week' as never }).map((p) => [p.field, p.reason]),
    ).toEqual([['xyzGrain', 'unknown']]);
  });
});
