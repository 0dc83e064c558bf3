import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { engineName, useDatabase } from '../support/database.js';
import { buildOrg } from '../support/factories.js';
import { dateLike, hostileText, idLike, numberLike, sqlFragments } from './hostile-values.js';
import {
  answerFaults,
  changedTables,
  discoverRoutes,
  fingerprinter,
  isApi,
  isPublic,
  isWrite,
  key,
  paramKind,
  seedOrganisation,
  urlOf,
  type Route,
  type SeededOrg,
} from './support.js';

/**
 * Limits: every list has a page size with a maximum (≤ 500) that it enforces; a body over the limit
 * answers 413; malformed JSON, wrong content types and empty bodies answer 4xx problem+json on every
 * write route and change nothing; hostile and 10 KB query strings never make a 5xx; sign-in, sign-out
 * and the public links take hostile input calmly too.
 */

const db = await useDatabase();
const app = await useApp(db);
const routes = await discoverRoutes(app);
const fingerprint = await fingerprinter(db);
const QUERY_RUNS = Math.max(10, Math.round((Number(process.env.FUZZ_RUNS) || 50) / 4));

/**
 * Lists without a page size, and why they cannot grow without bound. A list added later without
 * pageSize fails the test until it is paged or named here.
 */
const boundedLists: Record<string, string> = {
  'GET /api/v1/users': 'the people of one company, added one by one by its administrators',
  'GET /api/v1/api-tokens':
    "the signed-in user's own tokens, or with scope=all (the owner only) the tokens its people issued one by one",
  'GET /api/v1/imports': 'the latest 50 imports (services/import/jobs.ts listImportJobs)',
  'GET /api/v1/imports/mappings': 'at most 500 saved mappings (services/import/jobs.ts listMappings)',
  'GET /api/v1/surveys/links': 'at most 500 links, newest first (db/queries/surveys/links.ts)',
  'GET /api/v1/clients/:id/shares': "the managers one client is shared with: at most the organisation's users",
  'GET /api/v1/clients/:id/consents': 'one status per person of one client',
  'GET /api/v1/contacts/:id/consents': 'the consents of one person, each recorded by hand from a signed document',
  'GET /api/v1/clients/possible-duplicates':
    'at most 200 clients that may be the one being entered (db/queries/clients/possible-duplicates.ts MAX_ROWS)',
};

let A: SeededOrg;
beforeAll(async () => {
  A = await seedOrganisation(app, db);
});

/** A GET that answers many rows: a page of items or an array. */
const answersRows = (r: Route) =>
  r.method === 'GET' &&
  isApi(r) &&
  !isPublic(r) &&
  (r.query.some((q) => q.name === 'pageSize') ||
    r.ok?.type === 'array' ||
    !!r.ok?.properties?.items ||
    !!r.ok?.anyOf?.some((s) => !!s.properties?.items));

const paramsOf = (route: Route) =>
  Object.fromEntries(
    route.pathParams.map((p) => [
      p.name,
      p.schema.type === 'integer' ? (A.ids[paramKind(route, p.name) ?? 'client'] ?? 1) : 'x',
    ]),
  );

describe(`limits (${engineName})`, () => {
  it('pages every list: a page size with a maximum of at most 500, enforced with a 400 that names it', async () => {
    const lists = routes.filter(answersRows);
    expect(lists.length).toBeGreaterThan(20);
    const faults: string[] = [];
    for (const route of lists) {
      const pageSize = route.query.find((q) => q.name === 'pageSize');
      if (!pageSize) {
        if (!boundedLists[key(route)])
          faults.push(`${key(route)} answers rows without a pageSize and is not known to be bounded`);
        continue;
      }
      const max = pageSize.schema.maximum;
      if (max === undefined || max > 500) {
        faults.push(`${key(route)}: pageSize maximum ${String(max)}`);
        continue;
      }
      const url = urlOf(route, (p) => paramsOf(route)[p.name]!);
      for (const [query, expected] of [
        [`pageSize=${max + 1}`, 400],
        ['pageSize=0', 400],
        ['page=0', 400],
        [`pageSize=${max}&page=100000`, 200],
        ['pageSize=1e9', 400],
        ['page=99999999999999999999', 400],
      ] as const) {
        const res = await A.call({ url: `${url}?${query}` });
        faults.push(...answerFaults(res).map((f) => `${key(route)}?${query}: ${f}`));
        if (res.statusCode !== expected)
          faults.push(`${key(route)}?${query} → ${res.statusCode}, expected ${expected}: ${res.body.slice(0, 200)}`);
        if (
          expected === 400 &&
          res.statusCode === 400 &&
          !(res.json() as { errors?: { field: string }[] }).errors?.some((e) => ['pageSize', 'page'].includes(e.field))
        ) {
          faults.push(`${key(route)}?${query}: the 400 does not name the parameter: ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(faults.join('\n')).toBe('');
  });

  it('answers 413 problem+json to a body over the limit, and 4xx problem+json to malformed JSON, wrong content types and empty bodies, changing nothing', async () => {
    const writes = routes.filter((r) => isWrite(r) && r.body && !r.path.endsWith('/uploads'));
    const before = await fingerprint(A.orgId);
    const faults: string[] = [];
    const huge = JSON.stringify({ name: 'я'.repeat(1_100_000) });
    const cases: [string, { payload?: string; headers: Record<string, string> }, number[]][] = [
      ['over the body limit', { payload: huge, headers: { 'content-type': 'application/json' } }, [413]],
      ['truncated JSON', { payload: '{"name": "ООО', headers: { 'content-type': 'application/json' } }, [400]],
      ['trailing garbage', { payload: '{"a":1} x', headers: { 'content-type': 'application/json' } }, [400]],
      ['single quotes', { payload: "{'a': 1}", headers: { 'content-type': 'application/json' } }, [400]],
      [
        'prototype poisoning',
        { payload: '{"__proto__": {"role": "owner"}}', headers: { 'content-type': 'application/json' } },
        [400],
      ],
      [
        'constructor poisoning',
        {
          payload: '{"constructor": {"prototype": {"role": "owner"}}}',
          headers: { 'content-type': 'application/json' },
        },
        [400],
      ],
      ['empty JSON body', { payload: '', headers: { 'content-type': 'application/json' } }, [400]],
      // Fastify reads text/plain as a string, which the schema then refuses as not an object.
      ['text/plain', { payload: 'name=x', headers: { 'content-type': 'text/plain' } }, [400, 415]],
      ['form', { payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, [415]],
      ['XML', { payload: '<client><name>x</name></client>', headers: { 'content-type': 'application/xml' } }, [415]],
      [
        'multipart',
        { payload: '--b\r\n\r\nx\r\n--b--', headers: { 'content-type': 'multipart/form-data; boundary=b' } },
        [415],
      ],
    ];
    for (const route of writes) {
      const url = urlOf(route, (p) => paramsOf(route)[p.name]!);
      for (const [name, options, statuses] of cases) {
        // The public survey answers 429 once a link or an address has asked too often.
        const expected = isPublic(route) ? [...statuses, 429] : statuses;
        const res = await A.call({
          method: route.method,
          url,
          ...options,
          remoteAddress: `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
        });
        faults.push(...answerFaults(res).map((f) => `${key(route)} ${name}: ${f}`));
        if (!expected.includes(res.statusCode))
          faults.push(
            `${key(route)} ${name} → ${res.statusCode}, expected ${expected.join('/')}: ${res.body.slice(0, 200)}`,
          );
      }
    }
    expect(faults.join('\n')).toBe('');
    expect(changedTables(before, await fingerprint(A.orgId))).toEqual([]);
  });

  it('takes hostile and 10 KB query strings on every read without a 5xx', async () => {
    const reads = routes.filter((r) => r.method === 'GET' && isApi(r) && !isPublic(r));
    const faults = new Map<string, string>();
    const long = 'я'.repeat(10_240);
    const value = fc.oneof(
      hostileText.filter((t) => t.length <= 20_000),
      fc.constantFrom(...numberLike, ...idLike, ...dateLike).map(String),
      fc.constant(long),
      fc.constantFrom(
        '-name',
        'name;DROP TABLE clients',
        '__proto__',
        'constructor',
        '-toString',
        'hasOwnProperty',
        'createdAt,id',
        '-',
        '--',
        'id desc',
        '(select 1)',
      ),
    );
    for (const route of reads) {
      const names = [...route.query.map((q) => q.name), 'unknown', 'q'];
      const url = urlOf(route, (p) => paramsOf(route)[p.name]!);
      // Each query name alone at 10 KB, then random hostile combinations.
      for (const name of names) {
        const res = await A.call({ url: `${url}?${new URLSearchParams({ [name]: long })}` });
        for (const f of answerFaults(res)) faults.set(`${key(route)} ${name}: ${f.slice(0, 120)}`, '10 KB');
      }
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), value, { minKeys: 1, maxKeys: 4 }), async (query) => {
          const res = await A.call({ url: `${url}?${new URLSearchParams(query)}` });
          for (const f of answerFaults(res))
            faults.set(`${key(route)}: ${f.slice(0, 120)}`, JSON.stringify(query).slice(0, 300));
        }),
        { numRuns: QUERY_RUNS },
      );
    }
    if (faults.size) throw new Error([...faults].map(([k, v]) => `${k}\n    ← ${v}`).join('\n'));
  });

  it('refuses hostile sign-ins calmly and signs nobody in', async () => {
    const victim = await buildOrg(db);
    const faults = new Map<string, string>();
    const credential = fc.oneof(
      hostileText,
      fc.constantFrom(
        victim.email,
        victim.email.toUpperCase(),
        `${victim.email}\u0000`,
        ` ${victim.email}`,
        ...sqlFragments.map((s) => `${s}@x.ru`),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ email: credential, password: credential }),
          fc.record({ email: credential }),
          fc.constantFrom(
            null,
            [],
            'x',
            1,
            { email: victim.email, password: ["' OR '1'='1"] },
            { email: { $ne: null }, password: { $ne: null } },
          ),
        ),
        async (body) => {
          const res = await app.inject({
            method: 'POST',
            url: '/api/v1/auth/sign-in',
            payload: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
            remoteAddress: '10.9.8.7',
          });
          for (const f of answerFaults(res)) faults.set(f.slice(0, 120), JSON.stringify(body).slice(0, 200));
          if (res.statusCode < 400 || res.cookies.some((c) => c.name === 'rapport_session' && c.value))
            faults.set(`signed in with ${res.statusCode}`, JSON.stringify(body).slice(0, 200));
        },
      ),
      { numRuns: QUERY_RUNS * 2 },
    );
    for (const payload of ['{"email":', '', 'email=a&password=b']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload,
        headers: { 'content-type': payload.includes('=') ? 'application/x-www-form-urlencoded' : 'application/json' },
      });
      for (const f of answerFaults(res)) faults.set(f, payload);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
    // Sign-out with a hostile cookie or body: never a 5xx.
    for (const cookie of [
      'rapport_session=\u00ff',
      `rapport_session=${'x'.repeat(4000)}`,
      "rapport_session='; DROP TABLE sessions; --",
      'rapport_session=',
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-out',
        headers: { cookie, 'x-rapport-csrf': '1', 'content-type': 'application/json' },
        payload: '{"a":',
      });
      for (const f of answerFaults(res)) faults.set(f, cookie.slice(0, 60));
    }
    if (faults.size) throw new Error([...faults].map(([k, v]) => `${k}\n    ← ${v}`).join('\n'));
  });

  it('answers hostile public-link secrets with 4xx problem+json, never a 5xx', async () => {
    const faults = new Map<string, string>();
    const publicRoutes = routes.filter((r) => isPublic(r) && r.method !== ('HEAD' as never));
    expect(publicRoutes.length).toBeGreaterThanOrEqual(2);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...publicRoutes),
        fc.oneof(
          hostileText,
          fc.constantFrom(
            `${A.orgId}.x`,
            `${A.orgId}.`,
            '.',
            '..',
            '0.0',
            '-1.a',
            '9223372036854775808.abc',
            `${A.orgId}.${'a'.repeat(200)}.ics`,
          ),
        ),
        async (route, secret) => {
          const url = urlOf(route, () => secret);
          const res = await app.inject({
            method: route.method,
            url,
            remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
            ...(route.method === 'POST' ? { payload: { nps: 9 } } : {}),
          });
          for (const f of answerFaults(res))
            faults.set(`${key(route)}: ${f.slice(0, 120)}`, JSON.stringify(secret).slice(0, 200));
          if (res.statusCode < 400)
            faults.set(`${key(route)} accepted a forged secret`, JSON.stringify(secret).slice(0, 200));
        },
      ),
      { numRuns: QUERY_RUNS * 2 },
    );
    if (faults.size) throw new Error([...faults].map(([k, v]) => `${k}\n    ← ${v}`).join('\n'));
  });
});
