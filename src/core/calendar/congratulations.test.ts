import { describe, expect, it } from 'vitest';
import {
  anniversaryCount,
  congratulationDueDay,
  dueDayFrom,
  industryOf,
  leadDaysOf,
  nextOccurrence,
  occurrenceIn,
  occurrencesBetween,
  taskIsDue,
} from './congratulations.js';
import { holidaysForIndustry } from './professional-holidays.js';
import { congratulationTaskNotes, congratulationTaskTitle, eventSummary, yearsText } from './texts.js';

describe('the yearly occurrence of a date', () => {
  it('keeps 29 February on 28 February in a non-leap year, and on the 29th in a leap one', () => {
    expect(occurrenceIn(2025, 2, 29)).toBe('2025-02-28');
    expect(occurrenceIn(2027, 2, 29)).toBe('2027-02-28');
    expect(occurrenceIn(2028, 2, 29)).toBe('2028-02-29');
    expect(occurrenceIn(2100, 2, 29)).toBe('2100-02-28'); // not a leap year (divisible by 100)
  });

  it('moves a day the month does not have back to its last day', () => {
    expect(occurrenceIn(2026, 4, 31)).toBe('2026-04-30');
    expect(() => occurrenceIn(2026, 13, 1)).toThrow(RangeError);
  });

  it('finds the next occurrence on or after a day, across the new year', () => {
    expect(nextOccurrence(8, 9, '2026-08-09')).toBe('2026-08-09');
    expect(nextOccurrence(1, 5, '2026-12-20')).toBe('2027-01-05');
    expect(nextOccurrence(2, 29, '2027-03-01')).toBe('2028-02-29');
    expect(occurrencesBetween(1, 2, '2025-12-01', '2027-01-31')).toEqual(['2026-01-02', '2027-01-02']);
  });

  it('counts the age or the anniversary when the year is known', () => {
    expect(anniversaryCount(1976, '2026-03-14')).toBe(50);
    expect(anniversaryCount(null, '2026-03-14')).toBeNull();
    expect(anniversaryCount(2026, '2026-03-14')).toBeNull();
    expect(yearsText(50, 'ru')).toBe('50 лет');
    expect(yearsText(21, 'ru')).toBe('21 год');
    expect(yearsText(33, 'ru')).toBe('33 года');
    expect(yearsText(1, 'en')).toBe('1 year');
  });
});

describe('the due day of a congratulation (production calendar)', () => {
  it('puts a Monday birthday with one day of lead on the Friday before', () => {
    expect(congratulationDueDay('2025-08-11', 1)).toBe('2025-08-08');
    expect(congratulationDueDay('2025-08-11', 0)).toBe('2025-08-11');
    expect(congratulationDueDay('2025-08-10', 0)).toBe('2025-08-08'); // a Sunday event
  });

  it('skips holidays and transferred days off: 2025–2027', () => {
    // 09.03.2026 is the day off moved from 08.03; the Friday before is worked.
    expect(congratulationDueDay('2026-03-10', 1)).toBe('2026-03-06');
    // The New Year break: 31.12.2025 (moved from 05.01), 1–8 January and 09.01.2026 (moved from 03.01) are off.
    expect(congratulationDueDay('2026-01-12', 2)).toBe('2025-12-30');
    // 2027: 22.02 is off (moved from Saturday 20.02, which is worked), 23.02 a holiday.
    expect(congratulationDueDay('2027-02-24', 1)).toBe('2027-02-20');
    // 2027: 04.11 a holiday, 05.11 moved from 02.01.
    expect(congratulationDueDay('2027-11-08', 3)).toBe('2027-11-03');
    // Saturday 01.11.2025 is a (shortened) working day, so a task can be due on it.
    expect(congratulationDueDay('2025-11-05', 2)).toBe('2025-11-01');
  });

  it('creates a task up to `lead` days before it falls due, and a late one due today', () => {
    // Builders' Day 09.08.2026 (Sunday), lead 7: due 31.07.2026 (Friday, 02.08 − moved back from Sunday).
    expect(congratulationDueDay('2026-08-09', 7)).toBe('2026-07-31');
    expect(taskIsDue('2026-07-23', '2026-08-09', 7)).toBe(false);
    expect(taskIsDue('2026-07-24', '2026-08-09', 7)).toBe(true);
    expect(taskIsDue('2026-08-05', '2026-08-09', 7)).toBe(true);
    expect(dueDayFrom('2026-08-05', '2026-08-09', 7)).toBe('2026-08-05');
    expect(taskIsDue('2026-08-10', '2026-08-09', 7)).toBe(false);
  });

  it('takes a lead time within 0–60 days, else the default', () => {
    expect(leadDaysOf(3, 7)).toBe(3);
    expect(leadDaysOf(null, 10)).toBe(10);
    expect(leadDaysOf(61, 10)).toBe(10);
    expect(leadDaysOf(null, 99)).toBe(7);
  });
});

describe("a client's free-text industry", () => {
  it('is matched by key, Russian or English label, or ОКВЭД2 code', () => {
    expect(industryOf('construction')).toBe('construction');
    expect(industryOf('  строительство ')).toBe('construction');
    expect(industryOf('Construction')).toBe('construction');
    expect(industryOf('Транспорт и логистика')).toBe('transport');
    expect(industryOf('Лёгкая промышленность')).toBe('light_industry');
    expect(industryOf('Легкая промышленность')).toBe('light_industry');
    expect(industryOf('41.20')).toBe('41.20');
    expect(industryOf('Торговля всем подряд')).toBeNull();
    expect(industryOf(null)).toBeNull();
    // …and a builder's holidays follow: День строителя on the second Sunday of August.
    expect(holidaysForIndustry(industryOf('Строительство')!, 2027).map((h) => [h.holiday.id, h.date])).toEqual(
      expect.arrayContaining([
        ['builders_day', '2027-08-08'],
        ['road_workers_day', '2027-10-17'],
        ['entrepreneurs_day', '2027-05-26'],
      ]),
    );
  });
});

describe('the words of generated tasks and feeds', () => {
  it('names events in Russian and English', () => {
    const birthday = {
      kind: 'birthday',
      date: '2026-03-14',
      contactName: 'Иванова Мария Петровна',
      clientName: 'ООО «Вектор»',
      count: 50,
    };
    expect(eventSummary(birthday, 'ru')).toBe('День рождения: Иванова Мария Петровна, 50 лет — ООО «Вектор»');
    expect(eventSummary(birthday, 'en')).toBe('Birthday: Иванова Мария Петровна, 50 years — ООО «Вектор»');
    expect(congratulationTaskTitle(birthday, 'ru')).toBe(
      'Поздравить — День рождения: Иванова Мария Петровна, 50 лет — ООО «Вектор»',
    );
    expect(
      eventSummary(
        {
          kind: 'family_birthday',
          date: '2026-05-01',
          familyMemberName: 'Ольга',
          relation: 'spouse',
          contactName: 'Иванов И. И.',
        },
        'ru',
      ),
    ).toBe('День рождения в семье: Ольга (супруг(а); Иванов И. И.)');
    expect(
      eventSummary(
        {
          kind: 'company_anniversary',
          date: '2026-05-01',
          title: 'День основания',
          clientName: 'ООО «Вектор»',
          count: 25,
        },
        'ru',
      ),
    ).toBe('День основания: ООО «Вектор», 25 лет');
    expect(
      congratulationTaskTitle(
        {
          kind: 'professional_holiday',
          date: '2026-08-09',
          nameRu: 'День строителя',
          nameEn: 'Builders’ Day',
          clientName: 'ООО «СК»',
        },
        'en',
      ),
    ).toBe('Congratulate on «Builders’ Day» — ООО «СК»');
    expect(eventSummary({ kind: 'transfer', date: '2026-01-09', movedFrom: '2026-01-03' }, 'ru')).toBe(
      'Выходной день (перенос с 03.01.2026)',
    );
    expect(eventSummary({ kind: 'public_holiday', date: '2026-06-12', holidayId: 'russia_day' }, 'en')).toBe(
      'Russia Day',
    );
  });

  it('reminds what was given last year and how the person likes to be congratulated', () => {
    const notes = congratulationTaskNotes({
      eventOn: '2026-03-14',
      preferences: 'Звонок лично',
      giftIdeas: 'Книги по истории',
      locale: 'ru',
      gifts: [{ date: '2025-03-13', notes: 'Коньяк «Арарат»', costKopecks: 550000 }],
    });
    expect(notes).toBe(
      [
        'Дата: 14.03.2026 (суббота)',
        'Как предпочитает, чтобы поздравляли: Звонок лично',
        'Идеи подарков: Книги по истории',
        'Что дарили в 2025 году:',
        '• 13.03.2025 — Коньяк «Арарат» (стоимость 5\u00a0500,00\u00a0₽)',
      ].join('\n'),
    );
    expect(congratulationTaskNotes({ eventOn: '2026-03-14', gifts: [], locale: 'en' })).toBe(
      'Date: 14/03/2026 (Saturday)\nNo gift recorded in 2025.',
    );
  });
});
