import { describe, expect, it } from 'vitest';
import { describeChanges } from './history.js';

describe("the audit export's changes column", () => {
  it('names vocabulary values and yes/no in the file language, by record kind', () => {
    const change = {
      entity: 'client',
      before: { status: 'prospect', significance: 'minor', isPrimary: false, region: 'Урал' },
      after: { status: 'active', significance: 'key', isPrimary: true, region: 'Сибирь' },
    };
    expect(describeChanges(change, 'ru')).toBe(
      'Статус: Потенциальный → Активный; Значимость при потере: Малый → Ключевой; Основное: нет → да; Регион: Урал → Сибирь',
    );
    expect(describeChanges(change, 'en')).toContain('Status: Prospect → Active');
    // The same field name in another kind of record speaks its own vocabulary.
    expect(describeChanges({ entity: 'order', before: null, after: { status: 'cancelled' } }, 'ru')).toBe(
      'Статус: Отменён',
    );
    expect(describeChanges({ entity: 'claim', before: null, after: { severity: 'high', type: 'wish' } }, 'en')).toMatch(
      /: High; .*: Wish$/,
    );
  });
});
