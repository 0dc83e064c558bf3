import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildOrg, TEST_PASSWORD } from '../../../test/support/factories.js';
import { ACCOUNT_LOCK_AFTER, FIRST_LOCK_MINUTES, LOCK_AFTER_FAILURES, LOCK_MINUTES, lockSeconds } from './sessions.js';

const db = await useDatabase();
const app = await useApp(db);

const signIn = (email: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, remoteAddress: ip });

describe('sign-in throttling', () => {
  it(`locks an e-mail at one address after ${LOCK_AFTER_FAILURES} wrong passwords in a row from it, even against the right one, and says so in both languages; other addresses still sign in`, async () => {
    const owner = await buildOrg(db);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++)
      expect((await signIn(owner.email, `wrong-${i}`)).statusCode).toBe(401);
    // A success before the limit starts the count again.
    expect((await signIn(owner.email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++)
      expect((await signIn(owner.email, `wrong-${i}`)).statusCode).toBe(401);
    expect((await signIn(owner.email, 'wrong-last')).statusCode).toBe(401);

    const refused = await signIn(owner.email, TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(lockSeconds(1) - 60);
    expect(retryAfter).toBeLessThanOrEqual(lockSeconds(1));
    const body = refused.json() as { code: string; errors: { field: string; reason: string; messageRu: string }[] };
    expect(body.code).toBe('rate_limited');
    expect(body.errors[0]).toMatchObject({ field: 'email', reason: 'tooManyAttempts' });
    expect(body.errors[0]!.messageRu).toContain(`${FIRST_LOCK_MINUTES} мин`);
    // The owner, from their own address, is not kept out by a stranger's guesses.
    expect((await signIn(owner.email, TEST_PASSWORD, '10.0.0.9')).statusCode).toBe(200);
  });

  it(`locks an e-mail everywhere after ${ACCOUNT_LOCK_AFTER} wrong passwords in a row from any addresses, each lock in a row twice as long (up to ${LOCK_MINUTES} min)`, async () => {
    const owner = await buildOrg(db);
    const lockedFor = async () =>
      (
        await db.engine.query<{ s: number | null }>(
          'SELECT ceil(extract(epoch FROM locked_until - now()))::int AS s FROM users WHERE org_id = $1 AND id = $2',
          [owner.orgId, owner.userId],
        )
      ).rows[0]!.s;
    const spread = async (round: number) => {
      // From many addresses, fewer than LOCK_AFTER_FAILURES each: only the account-wide count locks.
      for (let i = 0; i < ACCOUNT_LOCK_AFTER; i++)
        expect((await signIn(owner.email, `wrong-${i}`, `10.${round}.${i % 8}.${Math.floor(i / 8)}`)).statusCode).toBe(
          401,
        );
    };
    await spread(1);
    expect(await lockedFor()).toBeGreaterThan(lockSeconds(1) - 5);
    expect(await lockedFor()).toBeLessThanOrEqual(lockSeconds(1));
    // Every address now waits, even with the right password; the lock is in the database, so every process sees it.
    expect((await signIn(owner.email, TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(429);
    await db.engine.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE org_id = $1 AND id = $2`, [
      owner.orgId,
      owner.userId,
    ]);
    await spread(2);
    expect(await lockedFor()).toBeGreaterThan(lockSeconds(2) - 5); // the second lock in a row: twice as long
    expect(lockSeconds(2)).toBe(2 * lockSeconds(1));
    expect(lockSeconds(10)).toBe(LOCK_MINUTES * 60);
    await db.engine.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE org_id = $1 AND id = $2`, [
      owner.orgId,
      owner.userId,
    ]);
    expect((await signIn(owner.email, TEST_PASSWORD, '10.9.9.9')).statusCode).toBe(200);
    const { rows: after } = await db.engine.query<{ locked_until: string | null; failed: number }>(
      'SELECT locked_until, failed_sign_ins AS failed FROM users WHERE org_id = $1 AND id = $2',
      [owner.orgId, owner.userId],
    );
    expect(after[0]).toEqual({ locked_until: null, failed: 0 });
  });

  it('answers an unknown e-mail exactly like a known one, locks included, so addresses cannot be probed', async () => {
    const owner = await buildOrg(db);
    const unknown = `nobody-${Date.now()}@example.ru`;
    for (const [email, ip] of [
      [unknown, '10.0.0.2'],
      [owner.email, '10.0.0.5'],
    ] as const) {
      const answers: number[] = [];
      for (let i = 0; i < LOCK_AFTER_FAILURES + 1; i++)
        answers.push((await signIn(email, 'whatever-password', ip)).statusCode);
      expect(answers, email).toEqual([...Array(LOCK_AFTER_FAILURES).fill(401), 429]);
    }
    const spreadAnswers = async (email: string, round: number) => {
      const answers: number[] = [];
      for (let i = 0; i <= ACCOUNT_LOCK_AFTER; i++)
        answers.push(
          (await signIn(email, 'whatever-password', `10.${round}.${i % 4}.${Math.floor(i / 4)}`)).statusCode,
        );
      return answers;
    };
    // Both have 5 failures so far; the account-wide lock comes at the same attempt for both.
    const known = await spreadAnswers(owner.email, 4);
    expect(known).toContain(429);
    expect(await spreadAnswers(unknown, 3)).toEqual(known);
  });

  it('limits failed sign-ins from one address across many e-mails, and leaves other addresses alone', async () => {
    const owner = await buildOrg(db);
    const codes: number[] = [];
    for (let i = 0; i < 31; i++)
      codes.push((await signIn(`guess-${i}-${Date.now()}@example.ru`, 'wrong-password', '10.0.0.3')).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
    // Even the right password waits at that address; another address signs in.
    expect((await signIn(owner.email, TEST_PASSWORD, '10.0.0.3')).statusCode).toBe(429);
    expect((await signIn(owner.email, TEST_PASSWORD, '10.0.0.4')).statusCode).toBe(200);
  });
});
