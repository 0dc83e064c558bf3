import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';

const db = await useDatabase();
const planMode = async () =>
  (await db.engine.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]!.plan_cache_mode;

describe('statements kept prepared (the upkeep after a write)', () => {
  it('answers a prepared statement like a plain one, again and again, with other parameters', async () => {
    const text = 'SELECT $1::int * 2 AS twice, $2::text AS word';
    for (let i = 0; i < 8; i++) {
      const plain = await db.engine.query(text, [i, `слово ${i}`]);
      const prepared = await db.engine.query(text, [i, `слово ${i}`], { prepare: true });
      expect(prepared.rows).toEqual(plain.rows);
      expect(prepared.rows).toEqual([{ twice: i * 2, word: `слово ${i}` }]);
    }
  });

  it('asks for a generic plan around that statement only, and the transaction goes on as before', async () => {
    const before = await planMode();
    await db.engine.transaction(async () => {
      for (let i = 0; i < 3; i++) {
        const r = await db.engine.query('SELECT $1::int + 1 AS next', [i], { prepare: 'generic' });
        expect(r.rows).toEqual([{ next: i + 1 }]);
        expect(await planMode()).toBe(before);
      }
    });
    // Outside a transaction nothing is set (SET LOCAL would not hold), and the answer is the same.
    expect((await db.engine.query('SELECT $1::int + 1 AS next', [41], { prepare: 'generic' })).rows).toEqual([
      { next: 42 },
    ]);
    expect(await planMode()).toBe(before);
  });

  it('a failed prepared statement rolls its transaction back and leaves the next one working', async () => {
    await expect(
      db.engine.transaction(async () => {
        await db.engine.query('SELECT 1 / $1::int AS x', [0], { prepare: 'generic' });
      }),
    ).rejects.toThrow(/division by zero/);
    expect((await db.engine.query('SELECT 1 / $1::int AS x', [1], { prepare: 'generic' })).rows).toEqual([{ x: 1 }]);
    expect(await planMode()).toBe('auto');
  });
});
