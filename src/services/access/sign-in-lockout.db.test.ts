import { describe, expect, it } from 'vitest';
import { useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildOrg, TEST_PASSWORD } from '../../../test/support/factories.js';
import { LOCK_AFTER_FAILURES, LOCK_MINUTES } from './sessions.js';

const db = await useDatabase();
const app = await useApp(db);

const signIn = (email: string, password: string, ip = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password }, remoteAddress: ip });

describe('sign-in throttling', () => {
  it(`locks an e-mail for ${LOCK_MINUTES} min after ${LOCK_AFTER_FAILURES} wrong passwords in a row, even against the right one, and says so in both languages`, async () => {
    const owner = await buildOrg(db);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) expect((await signIn(owner.email, `wrong-${i}`)).statusCode).toBe(401);
    // A success before the limit starts the count again.
    expect((await signIn(owner.email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i < LOCK_AFTER_FAILURES; i++) expect((await signIn(owner.email, `wrong-${i}`)).statusCode).toBe(401);
    expect((await signIn(owner.email, 'wrong-last')).statusCode).toBe(401);

    const refused = await signIn(owner.email, TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan((LOCK_MINUTES - 1) * 60);
    expect(retryAfter).toBeLessThanOrEqual(LOCK_MINUTES * 60);
    const body = refused.json() as { code: string; errors: { field: string; reason: string; messageRu: string }[] };
    expect(body.code).toBe('rate_limited');
    expect(body.errors[0]).toMatchObject({ field: 'email', reason: 'tooManyAttempts' });
    expect(body.errors[0]!.messageRu).toContain(`${LOCK_MINUTES} мин`);
    // The lock is in the database, so every server process sees it; it ends by itself.
    const { rows } = await db.engine.query<{ locked: boolean; failed: number }>('SELECT locked_until > now() AS locked, failed_sign_ins AS failed FROM users WHERE org_id = $1 AND id = $2', [owner.orgId, owner.userId]);
    expect(rows[0]).toMatchObject({ locked: true, failed: 0 });
    await db.engine.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE org_id = $1 AND id = $2`, [owner.orgId, owner.userId]);
    expect((await signIn(owner.email, TEST_PASSWORD)).statusCode).toBe(200);
    const { rows: after } = await db.engine.query<{ locked_until: string | null }>('SELECT locked_until FROM users WHERE org_id = $1 AND id = $2', [owner.orgId, owner.userId]);
    expect(after[0]!.locked_until).toBeNull();
  });

  it('answers an unknown e-mail exactly like a known one, lock included, so addresses cannot be probed', async () => {
    const unknown = `nobody-${Date.now()}@example.ru`;
    const answers: number[] = [];
    for (let i = 0; i < LOCK_AFTER_FAILURES + 1; i++) answers.push((await signIn(unknown, 'whatever-password', '10.0.0.2')).statusCode);
    expect(answers).toEqual([...Array(LOCK_AFTER_FAILURES).fill(401), 429]);
  });

  it('limits failed sign-ins from one address across many e-mails, and leaves other addresses alone', async () => {
    const owner = await buildOrg(db);
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await signIn(`guess-${i}-${Date.now()}@example.ru`, 'wrong-password', '10.0.0.3')).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
    // Even the right password waits at that address; another address signs in.
    expect((await signIn(owner.email, TEST_PASSWORD, '10.0.0.3')).statusCode).toBe(429);
    expect((await signIn(owner.email, TEST_PASSWORD, '10.0.0.4')).statusCode).toBe(200);
  });
});
