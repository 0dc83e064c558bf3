import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../support/app.js';
import { engineName } from '../support/database.js';
import { buildOrg, buildUser } from '../support/factories.js';
import { contactPersonalFields } from '../../src/core/vocabulary.js';
import {
  answerFaults,
  changedTables,
  idNameKinds,
  referencePaths,
  useHostileApp,
  withValue,
  type Ids,
  isApi,
  isPublic,
  key,
  paramsFrom,
  seedOrganisation,
  urlOf,
  validBody,
  type SeededOrg,
} from './support.js';

/**
 * What an outside probe of the running server found (issue 21), each pinned by the request it used,
 * widened to the class: every route, every scope.
 */

const { db, app, routes, fingerprint } = await useHostileApp();

let A: SeededOrg;
let port: number;
beforeAll(async () => {
  A = await seedOrganisation(app, db);
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});

/** Sends one raw HTTP/1.1 request and answers the status and the body. */
function raw(text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
    });
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body });
    });
    socket.on('error', reject);
    socket.write(text);
  });
}

describe(`the login check (${engineName})`, () => {
  it('is not skipped by an absolute-form request line (GET http://host/api/v1/…) on any route', async () => {
    const guarded = routes.filter((r) => isApi(r) && !isPublic(r) && key(r) !== 'POST /api/v1/auth/sign-in');
    expect(guarded.length).toBeGreaterThan(50);
    const before = await fingerprint(A.orgId);
    const let_through: string[] = [];
    for (const route of guarded) {
      const path = urlOf(route, (p) => paramsFrom(route, () => A.ids)[p.name]!);
      const body = route.body ? JSON.stringify(validBody(route, A.ids)) : '';
      for (const target of [`http://127.0.0.1:${port}${path}`, `HTTP://evil.example${path}`]) {
        const res = await raw(
          `${route.method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n` +
            (body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : '') +
            `\r\n${body}`,
        );
        if (res.status !== 401) let_through.push(`${key(route)} via ${target.slice(0, 20)}… → ${res.status}`);
      }
    }
    expect(let_through).toEqual([]);
    expect(changedTables(before, await fingerprint(A.orgId))).toEqual([]);
  }, 120_000);

  it('still answers an absolute-form request of a signed-in user as the same request in origin form', async () => {
    const cookie = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { email: A.email, password: 'correct-horse-battery' },
      })
    ).cookies.find((c) => c.name === 'rapport_session')!.value;
    const res = await raw(
      `GET http://127.0.0.1:${port}/api/v1/clients/${A.ids.client} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: rapport_session=${cookie}\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain(A.marker);
  });
});

describe(`accounts (${engineName})`, () => {
  it("asks for the current password when one changes one's own, an administrator resets another's without it", async () => {
    const user = await buildUser(db, A.orgId, 'manager');
    const call = await signedIn(app, user.email);
    const change = (payload: object) => call({ method: 'PATCH', url: `/api/v1/users/${user.userId}`, payload });
    const missing = await change({ password: 'a-new-password-1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'currentPassword', reason: 'required' })]);
    const wrong = await change({ password: 'a-new-password-1', currentPassword: 'not-my-password' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: 'currentPassword', reason: 'wrong' })]);
    expect(answerFaults(wrong)).toEqual([]);
    const right = await change({ password: 'a-new-password-1', currentPassword: 'correct-horse-battery' });
    expect(right.statusCode).toBe(200);
    // Every session of the user ended, the old cookie too; the person carries on in the fresh one they were given.
    expect((await call({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const fresh = right.cookies.find((c) => c.name === 'rapport_session')!.value;
    expect(
      (await app.inject({ url: '/api/v1/auth/me', headers: { cookie: `rapport_session=${fresh}` } })).statusCode,
    ).toBe(200);
    // The new password signs in.
    await expect(signedIn(app, user.email, 'a-new-password-1')).resolves.toBeTypeOf('function');
    const reset = await A.call({
      method: 'PATCH',
      url: `/api/v1/users/${user.userId}`,
      payload: { password: 'reset-by-owner-1' },
    });
    expect(reset.statusCode).toBe(200);
    await expect(signedIn(app, user.email, 'reset-by-owner-1')).resolves.toBeTypeOf('function');
  });

  it('does not tell an owner which e-mails other organisations use: a user is added whatever another organisation has', async () => {
    const B = await buildOrg(db);
    const probe = await A.call({
      method: 'POST',
      url: '/api/v1/users',
      payload: { name: 'Двойник', email: B.email.toUpperCase(), role: 'manager', password: 'password-in-org-a' },
    });
    expect(probe.statusCode, probe.body).toBe(201);
    // Within one organisation an address is still one user.
    const twice = await A.call({
      method: 'POST',
      url: '/api/v1/users',
      payload: { name: 'Двойник 2', email: B.email, role: 'manager', password: 'password-in-org-a' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toContain('Your organisation');
    // Each signs in where their password belongs.
    const inA = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: B.email, password: 'password-in-org-a' },
    });
    expect(inA.statusCode).toBe(200);
    expect(inA.json()).toMatchObject({ orgId: A.orgId, name: 'Двойник' });
    const inB = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: B.email, password: 'correct-horse-battery' },
    });
    expect(inB.json()).toMatchObject({ orgId: B.orgId, userId: B.userId });
    // The same password in both: the organisation is chosen with orgId, else the older one.
    await A.call({
      method: 'PATCH',
      url: `/api/v1/users/${probe.json().id}`,
      payload: { password: 'correct-horse-battery' },
    });
    const chosen = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: B.email, password: 'correct-horse-battery', orgId: A.orgId },
    });
    expect(chosen.json()).toMatchObject({ orgId: A.orgId });
    const older = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: B.email, password: 'correct-horse-battery' },
    });
    expect(older.json()).toMatchObject({ orgId: Math.min(A.orgId, B.orgId) });
  });

  it('signs out everywhere: every session, every API token and the calendar feed stop working', async () => {
    const user = await buildUser(db, A.orgId, 'head_of_sales');
    const first = await signedIn(app, user.email);
    const second = await signedIn(app, user.email);
    const token = (await first({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'скрипт' } })).json()
      .token as string;
    const feed = (await first({ method: 'POST', url: '/api/v1/calendar/feed' })).json() as { url: string };
    const feedPath = new URL(feed.url).pathname;
    expect((await app.inject({ url: feedPath })).statusCode).toBe(200);

    const res = await second({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessions: 2, tokens: 1, feed: true });
    expect((await first({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await second({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(401);
    expect((await app.inject({ url: feedPath })).statusCode).toBe(404);
  });

  it('lets the owner and the head of sales sign another user out everywhere (an owner by the owner only), and nobody else', async () => {
    const user = await buildUser(db, A.orgId, 'manager');
    const other = await buildUser(db, A.orgId, 'manager');
    const head = await buildUser(db, A.orgId, 'head_of_sales');
    const session = await signedIn(app, user.email);
    const byManager = await (
      await signedIn(app, other.email)
    )({ method: 'POST', url: `/api/v1/users/${user.userId}/sign-out-everywhere` });
    expect(byManager.statusCode).toBe(403);
    expect((await session({ url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const asHead = await signedIn(app, head.email);
    const ownerByHead = await asHead({ method: 'POST', url: `/api/v1/users/${A.userId}/sign-out-everywhere` });
    expect(ownerByHead.statusCode).toBe(403);
    const byHead = await asHead({ method: 'POST', url: `/api/v1/users/${user.userId}/sign-out-everywhere` });
    expect(byHead.statusCode).toBe(200);
    expect((await session({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const again = await signedIn(app, user.email);
    const byOwner = await A.call({ method: 'POST', url: `/api/v1/users/${user.userId}/sign-out-everywhere` });
    expect(byOwner.statusCode).toBe(200);
    expect((await again({ url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });
});

describe(`masked fields (${engineName})`, () => {
  it("cannot be learnt by sorting: no list orders an analyst's rows by a field the analyst sees masked", async () => {
    // A person whose birthday comes first and whose name comes last: sorting by birthday would show it.
    const made = await A.call({
      method: 'POST',
      url: '/api/v1/contacts',
      payload: { clientId: A.ids.client, fullName: 'Яковлев Старший', birthday: '1950-01-02' },
    });
    expect(made.statusCode).toBe(201);
    const analyst = await signedIn(app, (await buildUser(db, A.orgId, 'analyst')).email);
    const sortable = routes.filter(
      (r) => r.method === 'GET' && !isPublic(r) && r.pathParams.length === 0 && r.query.some((q) => q.name === 'sort'),
    );
    expect(sortable.map(key)).toContain('GET /api/v1/contacts');
    const leaks: string[] = [];
    for (const route of sortable) {
      const ids = async (sort?: string) => {
        const res = await analyst({ url: `${route.path}?pageSize=100${sort ? `&sort=${sort}` : ''}` });
        return {
          res,
          ids:
            res.statusCode === 200 ? ((res.json() as { items?: { id?: number }[] }).items ?? []).map((i) => i.id) : [],
        };
      };
      const plain = await ids();
      for (const field of contactPersonalFields.flatMap((f) => [f, `-${f}`])) {
        const sorted = await ids(field);
        expect(answerFaults(sorted.res), `${key(route)}?sort=${field}`).toEqual([]);
        if (sorted.res.statusCode === 400) {
          expect(sorted.res.json().errors, `${key(route)}?sort=${field}`).toEqual([
            expect.objectContaining({ field: 'sort' }),
          ]);
        } else if (JSON.stringify(sorted.ids) !== JSON.stringify(plain.ids)) {
          leaks.push(`${key(route)}?sort=${field}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // Those who see personal data still sort by it.
    const byBirthday = await A.call({ url: `/api/v1/contacts?clientId=${A.ids.client}&sort=birthday` });
    expect(byBirthday.json().items[0].fullName).toBe('Яковлев Старший');
  });
});

describe(`public links (${engineName})`, () => {
  it('are all rate-limited: guessing secrets from one address meets 429 with Retry-After on every public route', async () => {
    const publicRoutes = routes.filter(isPublic);
    expect(publicRoutes.map(key)).toContain('GET /api/v1/public/calendar/:file');
    const unlimited: string[] = [];
    for (const [i, route] of publicRoutes.entries()) {
      let limitedAt = 0;
      for (let n = 1; n <= 100 && !limitedAt; n++) {
        const guess = `${A.orgId}.${'0'.repeat(30)}${String(n).padStart(2, '0')}`;
        const res = await app.inject({
          method: route.method,
          url: urlOf(route, () => (route.path.includes('calendar') ? `${guess}.ics` : guess)),
          remoteAddress: `198.51.100.${i + 1}`,
          ...(route.body ? { payload: validBody(route, A.ids) as never } : {}),
        });
        expect(answerFaults(res), key(route)).toEqual([]);
        if (res.statusCode === 429) {
          limitedAt = n;
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      if (!limitedAt) unlimited.push(key(route));
    }
    expect(unlimited).toEqual([]);
  });

  it('limits fetches of one valid calendar feed, from any address', async () => {
    const user = await buildUser(db, A.orgId, 'manager');
    const feed = (await (await signedIn(app, user.email))({ method: 'POST', url: '/api/v1/calendar/feed' })).json() as {
      url: string;
    };
    const path = new URL(feed.url).pathname;
    const statuses: number[] = [];
    for (let n = 0; n < 12; n++)
      statuses.push((await app.inject({ url: path, remoteAddress: `192.0.2.${n + 1}` })).statusCode);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(5); // a calendar app polling now and then is never refused
    expect(statuses.at(-1)).toBe(429);
  });
});

describe(`a manager's scope (${engineName})`, () => {
  /**
   * A manager M with clients of their own, in the organisation A whose seeded records (owned by the
   * owner) are out of M's sight. Every write naming one of those records in its body must answer
   * exactly as if the id did not exist (same status, same fields and reasons); and a user named on a
   * record (author, manager, responsible) must be one who sees the client.
   */
  async function managerWorld() {
    const manager = await buildUser(db, A.orgId, 'manager');
    const colleague = await buildUser(db, A.orgId, 'manager');
    const post = async (url: string, payload: object) => {
      const res = await A.call({ method: 'POST', url, payload });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: number }).id;
    };
    const mine = await post('/api/v1/clients', { name: 'ООО «Своё»', ownerUserId: manager.userId });
    const mine2 = await post('/api/v1/clients', { name: 'ООО «Своё второе»', ownerUserId: manager.userId });
    const ids: Ids = {
      ...A.ids,
      client: mine,
      client2: mine2,
      user: manager.userId,
      user2: manager.userId,
      contact: await post('/api/v1/contacts', { clientId: mine, fullName: 'Свой Первый' }),
      contact2: await post('/api/v1/contacts', { clientId: mine, fullName: 'Свой Второй' }),
      // Each world is made in the same organisation A: its clients share these requisites on purpose.
      legalEntity: await post('/api/v1/legal-entities', {
        clientId: mine,
        fullName: 'ООО «Своё»',
        legalForm: 'ООО',
        inn: '7736207543',
        kpp: '773601001',
        allowDuplicateRequisites: true,
      }),
      order: await post('/api/v1/orders', {
        clientId: mine,
        number: `С-${mine}`,
        orderDate: '2025-05-05',
        lines: [{ productId: A.ids.product, quantity: 1 }],
      }),
    };
    return { manager, colleague, ids, call: await signedIn(app, manager.email) };
  }

  it('answers a reference to a record outside it exactly as a reference to a missing one, on every write', async () => {
    const w = await managerWorld();
    const scoped = new Set(['client', 'client2', 'contact', 'contact2', 'order', 'legalEntity']);
    const faults: string[] = [];
    let compared = 0;
    const shape = (res: { statusCode: number; json: () => unknown }) => {
      const body =
        res.statusCode >= 400 ? (res.json() as { code?: string; errors?: { field: string; reason: string }[] }) : {};
      return JSON.stringify([
        res.statusCode,
        body.code,
        (body.errors ?? []).map((e) => `${e.field}:${e.reason}`).sort(),
      ]);
    };
    const before = await fingerprint(A.orgId);
    for (const route of routes.filter((r) => isApi(r) && !isPublic(r) && r.body && r.method !== 'DELETE')) {
      for (const path of referencePaths(route.body)) {
        const kind = idNameKinds[String(path.at(-1))]!;
        if (!scoped.has(kind)) continue;
        const url = urlOf(route, (p) => paramsFrom(route, () => w.ids)[p.name]!);
        const call = (id: number) =>
          w.call({
            method: route.method,
            url,
            payload: withValue(validBody(route, w.ids), path, id, route.body!, w.ids) as never,
          });
        const outside = await call(A.ids[kind]!);
        const missing = await call(2_147_483_000);
        compared++;
        const at = `${key(route)} ${path.join('/')}`;
        if (outside.statusCode < 400) faults.push(`${at}: accepted a record outside the scope (${outside.statusCode})`);
        else if (shape(outside) !== shape(missing))
          faults.push(`${at}: outside ${shape(outside)} ≠ missing ${shape(missing)}`);
        faults.push(...answerFaults(outside).map((f) => `${at}: ${f}`));
      }
    }
    expect(compared).toBeGreaterThan(15);
    expect(faults).toEqual([]);
    expect(changedTables(before, await fingerprint(A.orgId))).toEqual([]);
  });

  it("names on a client's records only users who may see the client", async () => {
    const w = await managerWorld();
    const accepted: string[] = [];
    for (const route of routes.filter((r) => isApi(r) && !isPublic(r) && r.body && r.method !== 'DELETE')) {
      for (const path of referencePaths(route.body)) {
        const name = String(path.at(-1));
        if (!['userId', 'managerUserId', 'responsibleUserId'].includes(name) || key(route).includes('/shares'))
          continue;
        const url = urlOf(route, (p) => paramsFrom(route, () => w.ids)[p.name]!);
        // About the manager's client (a task names one only when asked to).
        const base = {
          ...(validBody(route, w.ids) as object),
          ...(route.body!.properties?.clientId ? { clientId: w.ids.client } : {}),
        };
        for (const caller of [w.call, A.call]) {
          const res = await caller({
            method: route.method,
            url,
            payload: withValue(base, path, w.colleague.userId, route.body!, w.ids) as never,
          });
          expect(answerFaults(res), key(route)).toEqual([]);
          if (res.statusCode < 300)
            accepted.push(
              `${key(route)} ${path.join('/')} by ${caller === A.call ? 'the owner' : 'the manager'} → ${res.statusCode}`,
            );
        }
      }
    }
    expect(accepted).toEqual([]);
    // Once the client is shared with the colleague, they may be named.
    expect(
      (
        await A.call({
          method: 'POST',
          url: `/api/v1/clients/${w.ids.client}/shares`,
          payload: { userId: w.colleague.userId },
        })
      ).statusCode,
    ).toBe(201);
    const named = await A.call({
      method: 'POST',
      url: '/api/v1/interactions',
      payload: { clientId: w.ids.client, kind: 'call', occurredAt: '2025-05-06T10:00:00Z', userId: w.colleague.userId },
    });
    expect(named.statusCode, named.body).toBe(201);
  });
});
