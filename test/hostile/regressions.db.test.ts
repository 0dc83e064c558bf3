import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { engineName, useDatabase } from '../support/database.js';
import {
  answerFaults,
  changedTables,
  discoverRoutes,
  fingerprinter,
  isPublic,
  seedOrganisation,
  type SeededOrg,
} from './support.js';

/**
 * The bugs the hostile-input tests found, each pinned by the request that used to answer 500 (or an
 * answer of the wrong shape): now a 4xx problem+json naming the field, with nothing written.
 */

const db = await useDatabase();
const app = await useApp(db);
const fingerprint = await fingerprinter(db);
const sortedLists = (await discoverRoutes(app)).filter(
  (r) => r.method === 'GET' && !isPublic(r) && r.pathParams.length === 0 && r.query.some((q) => q.name === 'sort'),
);

let A: SeededOrg;
beforeAll(async () => {
  A = await seedOrganisation(app, db);
});

type Case = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: () => string;
  payload?: () => unknown;
  raw?: string;
  contentType?: string;
  status: number;
  field?: string;
  reason?: string;
};

const cases: Case[] = [
  {
    name: "a NUL character in a client's name (PostgreSQL text holds no NUL)",
    method: 'POST',
    url: () => '/api/v1/clients',
    payload: () => ({ name: 'ООО «Ромашка»\u0000' }),
    status: 400,
    field: 'name',
    reason: 'invalid_character',
  },
  {
    name: "a NUL character in a contact's notes, on change",
    method: 'PATCH',
    url: () => `/api/v1/contacts/${A.ids.contact}`,
    payload: () => ({ notes: 'a\u0000b' }),
    status: 400,
    field: 'notes',
    reason: 'invalid_character',
  },
  {
    name: "a NUL in an order line's nested field",
    method: 'POST',
    url: () => '/api/v1/orders',
    payload: () => ({
      clientId: A.ids.client,
      number: 'N-1',
      orderDate: '2025-01-10',
      notes: '\u0000',
      lines: [{ productId: A.ids.product, quantity: 1 }],
    }),
    status: 400,
    field: 'notes',
    reason: 'invalid_character',
  },
  {
    name: "an unpaired surrogate in a consent's purpose (jsonb of the audit log refuses it)",
    method: 'POST',
    url: () => `/api/v1/contacts/${A.ids.contact}/consents`,
    payload: () => ({ purpose: 'S\uD800S', form: 'written', givenOn: '2025-09-02' }),
    status: 400,
    field: 'purpose',
    reason: 'invalid_character',
  },
  {
    name: 'an unpaired surrogate in a JSON key of a saved mapping',
    method: 'POST',
    url: () => '/api/v1/imports/mappings',
    raw: '{"name":"x","kind":"clients","headers":["\\udfff"],"mapping":["name"]}',
    status: 400,
    field: 'headers/0',
    reason: 'invalid_character',
  },
  {
    name: 'an id past bigint in the path (2^63)',
    method: 'PATCH',
    url: () => '/api/v1/useful-dates/9223372036854775808',
    payload: () => ({ notes: 'x' }),
    status: 400,
    field: 'id',
  },
  {
    name: 'an id past bigint in the path of a two-id route',
    method: 'DELETE',
    url: () => `/api/v1/clients/9223372036854775808/relations/${A.ids.client2}/partner`,
    status: 400,
    field: 'id',
  },
  {
    name: 'the string "Infinity" where an integer is expected (type coercion makes it a number)',
    method: 'POST',
    url: () => '/api/v1/surveys/links',
    payload: () => ({ clientId: A.ids.client, expiresInDays: 'Infinity' }),
    status: 400,
    field: 'expiresInDays',
    reason: 'out_of_range',
  },
  {
    name: 'the year 0000 in a birthday (PostgreSQL has no year 0)',
    method: 'POST',
    url: () => '/api/v1/contacts',
    payload: () => ({ clientId: A.ids.client, fullName: 'Нулевой Год', birthday: '0000-01-01' }),
    status: 400,
    field: 'birthday',
    reason: 'format',
  },
  {
    name: 'the year 0000 in a date-time',
    method: 'PATCH',
    url: () => `/api/v1/interactions/${A.ids.interaction}`,
    payload: () => ({ occurredAt: '0000-01-01T00:00:00Z' }),
    status: 400,
    field: 'occurredAt',
    reason: 'format',
  },
  {
    name: 'a time-zone offset of +23:59 (PostgreSQL takes up to ±15:59)',
    method: 'POST',
    url: () => '/api/v1/interactions',
    payload: () => ({ clientId: A.ids.client, kind: 'call', occurredAt: '2024-01-01T10:00:00+23:59' }),
    status: 400,
    field: 'occurredAt',
    reason: 'format',
  },
  {
    name: 'the year 0000 in a list filter',
    method: 'GET',
    url: () => '/api/v1/orders?from=0000-02-29',
    status: 400,
    field: 'from',
    reason: 'format',
  },
  {
    name: 'a received-on date of the year 0000 on a claim',
    method: 'POST',
    url: () => '/api/v1/claims',
    payload: () => ({
      clientId: A.ids.client,
      type: 'claim',
      category: 'quality',
      severity: 'low',
      subject: 'x',
      receivedOn: '0000-01-01',
    }),
    status: 400,
    field: 'receivedOn',
  },
  {
    name: 'an order line of the largest quantity at the largest price (the amount overflowed bigint)',
    method: 'POST',
    url: () => '/api/v1/orders',
    payload: () => ({
      clientId: A.ids.client,
      number: 'N-MAX',
      orderDate: '2025-01-10',
      lines: [
        {
          productId: A.ids.product,
          quantity: '9999999999.999',
          price: '9999999999999.99',
          unitCost: '9999999999999.99',
        },
      ],
    }),
    status: 400,
    field: 'lines/0/quantity',
    reason: 'too_large',
  },
  {
    name: 'an order whose lines are each within range but whose total is not',
    method: 'POST',
    url: () => '/api/v1/orders',
    payload: () => ({
      clientId: A.ids.client,
      number: 'N-SUM',
      orderDate: '2025-01-10',
      lines: [1, 2].map(() => ({ productId: A.ids.product, quantity: '1', price: '9999999999999.99' })),
    }),
    status: 400,
    field: 'lines',
    reason: 'too_large',
  },
  {
    name: 'a property with an empty name',
    method: 'POST',
    url: () => '/api/v1/clients',
    raw: '{"name":"x","":1}',
    status: 400,
    field: 'body',
    reason: 'unknown',
  },
  {
    name: 'an import upload sent as JSON (the body was parsed, not streamed)',
    method: 'POST',
    url: () => '/api/v1/imports/uploads',
    raw: '{"orgId":1}',
    status: 201,
  },
  {
    name: 'a survey token longer than a path parameter may be',
    method: 'GET',
    url: () => `/api/v1/public/surveys/${'я'.repeat(200)}`,
    status: 414,
  },
  { name: 'a path that is not valid UTF-8', method: 'GET', url: () => '/api/v1/public/surveys/%ED%A0%80', status: 400 },
];

describe(`hostile input that used to answer 500 (${engineName})`, () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const before = await fingerprint(A.orgId);
      const body = c.raw ?? (c.payload === undefined ? undefined : JSON.stringify(c.payload()));
      const res = await A.call({
        method: c.method,
        url: c.url(),
        ...(body === undefined
          ? {}
          : { payload: body, headers: { 'content-type': c.contentType ?? 'application/json' } }),
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBe(c.status);
      expect(answerFaults(res)).toEqual([]);
      if (c.status >= 400) {
        expect(res.headers['content-type']).toContain('application/problem+json');
        if (c.field)
          expect(res.json().errors).toEqual(
            expect.arrayContaining([
              expect.objectContaining({ field: c.field, ...(c.reason ? { reason: c.reason } : {}) }),
            ]),
          );
        expect(changedTables(before, await fingerprint(A.orgId))).toEqual([]);
      }
    });
  }

  it('sorts by "__proto__", "constructor" or "-toString" as by default (a lookup found Object\'s own members)', async () => {
    expect(sortedLists.length).toBeGreaterThan(10);
    for (const route of sortedLists) {
      for (const sort of ['__proto__', 'constructor', '-toString', 'hasOwnProperty']) {
        const res = await A.call({ url: `${route.path}?sort=${sort}` });
        expect(answerFaults(res), `${route.path}?sort=${sort}`).toEqual([]);
        expect([200, 400], `${route.path}?sort=${sort}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      }
    }
  });

  it('stores a legal name that looks like SQL or a script verbatim', async () => {
    for (const name of [
      "ООО «'; DROP TABLE clients; --»",
      '<script>alert(1)</script>',
      'Ромашка $1 \\ %_',
      '\u202Eкомпания\u202C 👨‍👩‍👧‍👦',
    ]) {
      const res = await A.call({ method: 'POST', url: '/api/v1/clients', payload: { name } });
      expect(res.statusCode, res.body).toBe(201);
      const read = await A.call({ url: `/api/v1/clients/${(res.json() as { id: number }).id}` });
      expect(read.json().name).toBe(name);
    }
  });
});
