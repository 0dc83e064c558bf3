import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../src/core/access/permissions.js';
import { roles, type Role } from '../../src/core/vocabulary.js';
import { signedIn } from '../support/app.js';
import { engineName } from '../support/database.js';
import { buildUser } from '../support/factories.js';
import {
  answerFaults,
  changedTables,
  useHostileApp,
  isApi,
  isPublic,
  key,
  paramsFrom,
  SESSION_ROUTES,
  seedOrganisation,
  urlOf,
  validBody,
  type Route,
  type SeededOrg,
} from './support.js';

/**
 * The per-scope token matrix: an API token of every scope calls every route of the app.
 * - Users, API tokens, passwords and calendar feeds are never managed through a token (403 for every
 *   scope, nothing changes): a leaked read-only token must not set its user's password and sign in.
 * - A token without the write capabilities (analyst, read-only) changes nothing anywhere.
 * - On every read, a token answers exactly what a session of its scope answers.
 */

/** Routes that manage accounts and their ways in: a person signed in only. */
const accountRoutes = new Set([
  'POST /api/v1/users',
  'PATCH /api/v1/users/:id',
  'POST /api/v1/users/:id/password',
  'POST /api/v1/users/:id/sign-out-everywhere',
  'POST /api/v1/api-tokens',
  'DELETE /api/v1/api-tokens/:id',
  'POST /api/v1/calendar/feed',
  'DELETE /api/v1/calendar/feed',
  'POST /api/v1/auth/sign-out-everywhere',
]);

const { db, app, routes: all, fingerprint: rows } = await useHostileApp();
// Tokens do not sign in or out; signing out everywhere is in the matrix (a token may not).
const routes = all.filter(
  (r) => isApi(r) && !isPublic(r) && (!SESSION_ROUTES.has(key(r)) || accountRoutes.has(key(r))),
);
/** The organisation's rows, but a token's "last used" time, which every use of a token moves by design. */
const fingerprint = async (orgId: number) => {
  const { api_tokens: _moved, ...rest } = await rows(orgId);
  const { rows: tokens } = await db.engine.query<{ t: string }>(
    `SELECT string_agg(id || ':' || role || ':' || coalesce(revoked_at::text, '-'), ',' ORDER BY id) AS t FROM api_tokens WHERE org_id = $1`,
    [orgId],
  );
  return { ...rest, api_tokens: tokens[0]?.t ?? '' };
};

let org: SeededOrg;
/** Per scope: a token the owner issued with that scope, and a user of that role with a session and a token of their own. */
const scoped = new Map<
  Role,
  { ownersToken: string; usersToken: string; session: (o: InjectOptions) => Promise<LightMyRequestResponse> }
>();

beforeAll(async () => {
  org = await seedOrganisation(app, db);
  for (const role of roles) {
    const issued = await org.call({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: `scope ${role}`, role },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const user = await buildUser(db, org.orgId, role);
    const session = await signedIn(app, user.email);
    const own = await session({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: `own ${role}` } });
    expect(own.statusCode, own.body).toBe(201);
    scoped.set(role, { ownersToken: issued.json().token as string, usersToken: own.json().token as string, session });
  }
}, 120_000);

const request = (route: Route, token?: string): InjectOptions => ({
  method: route.method,
  url: urlOf(route, (p) => paramsFrom(route, () => org.ids)[p.name]!),
  ...(route.body ? { payload: validBody(route, org.ids) as never } : {}),
  ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
});

describe(`API tokens of every scope over every route (${engineName})`, () => {
  it('never manage users, tokens, passwords or feeds: 403 for every scope, nothing changes', async () => {
    const listed = routes
      .filter((r) => accountRoutes.has(key(r)))
      .map(key)
      .sort();
    expect(listed).toEqual([...accountRoutes].sort()); // a renamed route must not slip out of the matrix
    const before = await fingerprint(org.orgId);
    const got: Record<string, number> = {};
    for (const role of roles) {
      const { ownersToken, usersToken } = scoped.get(role)!;
      for (const route of routes.filter((r) => accountRoutes.has(key(r)))) {
        for (const [whose, token] of [
          ["owner's", ownersToken],
          ["user's", usersToken],
        ] as const) {
          const res = await app.inject(request(route, token));
          expect(answerFaults(res), `${whose} ${role} token: ${key(route)}`).toEqual([]);
          got[`${whose} ${role} token: ${key(route)}`] = res.statusCode;
        }
      }
    }
    expect(Object.entries(got).filter(([, status]) => status !== 403)).toEqual([]);
    expect(changedTables(before, await fingerprint(org.orgId))).toEqual([]);
  });

  it("the owner's own password cannot be set through a read-only token, and signing in with it fails", async () => {
    const { ownersToken } = scoped.get('read_only')!;
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${org.userId}`,
      payload: { password: 'taken-over-password', name: 'Взломщик' },
      headers: { authorization: `Bearer ${ownersToken}` },
    });
    expect(res.statusCode).toBe(403);
    const signIn = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: org.email, password: 'taken-over-password' },
    });
    expect(signIn.statusCode).toBe(401);
  });

  for (const role of roles.filter(
    (r) => !can(r, 'writeRecords') && !can(r, 'importData') && !can(r, 'changeSettings'),
  )) {
    it(`a ${role} token changes nothing through any write`, async () => {
      const before = await fingerprint(org.orgId);
      const accepted: string[] = [];
      for (const route of routes.filter((r) => r.method !== 'GET')) {
        for (const token of [scoped.get(role)!.ownersToken, scoped.get(role)!.usersToken]) {
          const res = await app.inject(request(route, token));
          expect(answerFaults(res), key(route)).toEqual([]);
          if (res.statusCode < 300) accepted.push(`${key(route)} → ${res.statusCode}`);
        }
      }
      expect(accepted).toEqual([]);
      expect(changedTables(before, await fingerprint(org.orgId))).toEqual([]);
    }, 120_000);
  }

  it("answers every read exactly as a session of the token's scope does", async () => {
    const differ: string[] = [];
    for (const role of roles) {
      const { usersToken, session } = scoped.get(role)!;
      for (const route of routes.filter((r) => r.method === 'GET')) {
        const viaSession = await session(request(route));
        const viaToken = await app.inject(request(route, usersToken));
        expect(answerFaults(viaToken), `${role} token: ${key(route)}`).toEqual([]);
        if (viaSession.statusCode !== viaToken.statusCode)
          differ.push(`${role} ${key(route)}: session ${viaSession.statusCode}, token ${viaToken.statusCode}`);
      }
    }
    expect(differ).toEqual([]);
  }, 180_000);
});
