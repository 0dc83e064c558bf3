import { describe, expect, it } from 'vitest';
import { consentProblems, consentState, consentSummary, emptyPersonalFields, latestToday } from './consent.js';

const c = (id: number, givenOn: string, validUntil: string | null = null, withdrawnOn: string | null = null) => ({
  id,
  givenOn,
  validUntil,
  withdrawnOn,
});
const reasons = (p: ReturnType<typeof consentProblems>) => p.map((x) => [x.field, x.reason]);

describe('consent status', () => {
  it('is none without consents, given while one is in force', () => {
    expect(consentSummary([], '2026-03-01')).toMatchObject({ status: 'none', consentId: null, destroyBy: null });
    expect(consentSummary([c(1, '2025-10-01')], '2026-03-01')).toMatchObject({
      status: 'given',
      consentId: 1,
      validUntil: null,
    });
    // The last valid day is still in force; the day after it is not.
    expect(consentState(c(1, '2025-10-01', '2026-03-01'), '2026-03-01')).toBe('given');
    expect(consentState(c(1, '2025-10-01', '2026-03-01'), '2026-03-02')).toBe('expired');
    // Withdrawn from the withdrawal day on.
    expect(consentState(c(1, '2025-10-01', null, '2026-03-01'), '2026-02-28')).toBe('given');
    expect(consentState(c(1, '2025-10-01', null, '2026-03-01'), '2026-03-01')).toBe('withdrawn');
  });

  it('shows the consent in force that lasts longest; otherwise the latest given, with the day to destroy the data by', () => {
    expect(
      consentSummary(
        [c(1, '2025-10-01', '2027-01-01'), c(2, '2025-11-01', '2026-12-31'), c(3, '2024-01-01', null, '2025-01-01')],
        '2026-03-01',
      ),
    ).toMatchObject({ status: 'given', consentId: 1, validUntil: '2027-01-01' });
    expect(consentSummary([c(1, '2025-10-01', '2027-01-01'), c(2, '2025-11-01')], '2026-03-01')).toMatchObject({
      consentId: 2,
      validUntil: null,
    });
    expect(
      consentSummary([c(1, '2025-10-01', null, '2026-02-10'), c(2, '2024-01-01', '2025-01-01')], '2026-03-01'),
    ).toEqual({
      status: 'withdrawn',
      consentId: 1,
      validUntil: null,
      withdrawnOn: '2026-02-10',
      destroyBy: '2026-03-12',
    });
    expect(
      consentSummary([c(1, '2025-10-01', null, '2026-02-10'), c(2, '2025-12-01', '2026-01-31')], '2026-03-01'),
    ).toEqual({
      status: 'expired',
      consentId: 2,
      validUntil: '2026-01-31',
      withdrawnOn: null,
      destroyBy: '2026-03-03',
    });
  });
});

describe('consent rules', () => {
  const today = '2026-03-01';
  it('accepts a separate document given up to today, valid until a later day', () => {
    expect(
      consentProblems({ purpose: 'Поздравления', form: 'written', givenOn: today, validUntil: '2026-03-02' }, today),
    ).toEqual([]);
    expect(consentProblems({ purpose: 'Деловая переписка', form: 'oral', givenOn: '2025-08-31' }, today)).toEqual([]);
  });
  it('refuses a blank purpose, an unknown form, a future or inverted date, and a non-document after 01.09.2025', () => {
    expect(
      reasons(
        consentProblems({ purpose: '  ', form: 'telepathy', givenOn: '2026-03-02', validUntil: '2026-03-02' }, today),
      ),
    ).toEqual([
      ['purpose', 'required'],
      ['form', 'oneOf'],
      ['givenOn', 'future'],
      ['validUntil', 'beforeGiven'],
    ]);
    expect(
      reasons(consentProblems({ purpose: 'Поздравления', form: 'contract', givenOn: '2025-09-01' }, today)),
    ).toEqual([['form', 'separateDocument']]);
    expect(reasons(consentProblems({ givenOn: '2026-01-10', withdrawnOn: '2026-01-09' }, today))).toEqual([
      ['withdrawnOn', 'beforeGiven'],
    ]);
    expect(reasons(consentProblems({ givenOn: '2026-01-10', withdrawnOn: '2026-03-02' }, today))).toEqual([
      ['withdrawnOn', 'future'],
    ]);
  });
  it('takes "today" as the latest calendar day on Earth', () => {
    expect(latestToday(new Date('2026-03-01T09:59:59Z'))).toBe('2026-03-01');
    expect(latestToday(new Date('2026-03-01T10:00:00Z'))).toBe('2026-03-02');
  });
  it('empties every personal field', () => {
    expect(emptyPersonalFields()).toEqual({
      phones: [],
      emails: [],
      birthday: null,
      personalTraits: null,
      professionalTraits: null,
      hobbies: [],
      congratulationPreferences: null,
      giftIdeas: null,
      notes: null,
    });
  });
});
