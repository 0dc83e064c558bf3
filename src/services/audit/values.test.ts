import { describe, expect, it } from 'vitest';
import { auditPair, changedValues, cleanValues, isSecretKey } from './values.js';

describe('audit values', () => {
  it('never keeps a secret, whatever the record calls it, however deep', () => {
    for (const key of ['password', 'passwordHash', 'tokenHash', 'token', 'calendarTokenHash', 'secret', 'clientSecret'])
      expect(isSecretKey(key), key).toBe(true);
    for (const key of ['name', 'email', 'role', 'amount', 'status']) expect(isSecretKey(key), key).toBe(false);
    const cleaned = cleanValues({ name: 'Анна', passwordHash: '$argon2id$…', nested: { tokenHash: 'ab12', kept: 1 } });
    expect(cleaned).toEqual({ name: 'Анна', nested: { kept: 1 } });
    expect(
      JSON.stringify(auditPair('update', { passwordHash: 'a', name: 'x' }, { passwordHash: 'b', name: 'y' })),
    ).not.toContain('passwordHash');
  });

  it('leaves out bookkeeping: ids, tenant, row timestamps, joined names', () => {
    expect(
      cleanValues({ id: 1, orgId: 2, createdAt: 't', updatedAt: 't', clientName: 'ООО', clientId: 5, total: '10.00' }),
    ).toEqual({ clientId: 5, total: '10.00' });
  });

  it('keeps only the fields that changed, each side with its value (absent reads as null)', () => {
    expect(
      changedValues(
        { name: 'A', tags: ['x'], creditLimit: '100.00', notes: null },
        { name: 'A', tags: ['x', 'y'], creditLimit: '150.00', region: 'Москва' },
      ),
    ).toEqual({
      before: { tags: ['x'], creditLimit: '100.00', region: null },
      after: { tags: ['x', 'y'], creditLimit: '150.00', region: 'Москва' },
    });
  });

  it('a creation keeps what was set, a deletion what was there, an update that changed nothing is no row', () => {
    expect(auditPair('create', null, { name: 'A', notes: null, tags: [], status: 'active' })).toEqual({
      before: null,
      after: { name: 'A', status: 'active' },
    });
    expect(auditPair('delete', { name: 'A', notes: '' }, null)).toEqual({ before: { name: 'A' }, after: null });
    expect(auditPair('update', { name: 'A', updatedAt: '1' }, { name: 'A', updatedAt: '2' })).toBeNull();
    expect(auditPair('revoke', null, { name: 't' })).toEqual({ before: null, after: { name: 't' } });
  });

  it('dates become ISO text and bigints numbers', () => {
    expect(cleanValues({ at: new Date('2026-03-01T10:00:00Z'), n: 5n })).toEqual({
      at: '2026-03-01T10:00:00.000Z',
      n: 5,
    });
  });
});
