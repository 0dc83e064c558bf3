import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../support/database.js';
import {
  answerFaults,
  changedTables,
  useHostileApp,
  hasIdParams,
  idNameKinds,
  isApi,
  isPublic,
  key,
  paramsFrom,
  referencePaths,
  seedOrganisation,
  withValue,
  urlOf,
  validBody,
  type SeededOrg,
} from './support.js';

/**
 * Another organisation's records must look missing. B holds a record of every kind; a user of A calls
 * every route that takes an id with B's ids (read, change, delete, actions) and every write that refers
 * to other records with B's ids in its body. Each must answer 404 (a refusal that names a field is
 * allowed for references in a body), never 2xx, 403 or 409 that would tell B's record exists, never 5xx;
 * and neither organisation may change. A's lists, searches and exports never show B's records.
 */

const { db, app, routes, fingerprint } = await useHostileApp();

let A: SeededOrg;
let B: SeededOrg;
beforeAll(async () => {
  A = await seedOrganisation(app, db);
  B = await seedOrganisation(app, db);
});

const idRoutes = () => routes.filter((r) => isApi(r) && !isPublic(r) && hasIdParams(r));

describe(`another organisation's records (${engineName})`, () => {
  it('finds the routes that take an id', () => {
    expect(idRoutes().length).toBeGreaterThan(40);
  });

  it("answers 404 on every route that takes an id when the id is another organisation's, and changes nothing", async () => {
    const theirs = await fingerprint(B.orgId);
    const ours = await fingerprint(A.orgId);
    const faults: string[] = [];
    let calls = 0;
    for (const route of idRoutes()) {
      const integerParams = route.pathParams.filter((p) => p.schema.type === 'integer');
      // All of B's ids; and, where a route takes several, A's record with B's in the other places.
      const variants: [string, Record<string, string | number>][] = [['B ids', paramsFrom(route, () => B.ids)]];
      if (integerParams.length > 1)
        variants.push([
          'A record, B ids after',
          paramsFrom(route, (name) => (name === integerParams[0]!.name ? A.ids : B.ids)),
        ]);
      for (const [variant, params] of variants) {
        const bodies = route.body
          ? ([
              ['A refs', validBody(route, A.ids)],
              ['B refs', validBody(route, B.ids)],
            ] as const)
          : ([['no body', undefined]] as const);
        for (const [refs, body] of bodies) {
          const options: InjectOptions = { method: route.method, url: urlOf(route, (p) => params[p.name]!) };
          if (body !== undefined) options.payload = body as never;
          const res = await A.call(options);
          calls++;
          const at = `${key(route)} [${variant}, ${refs}] → ${res.statusCode}`;
          if (res.statusCode !== 404) faults.push(`${at}: ${res.body.slice(0, 200)}`);
          for (const f of answerFaults(res)) faults.push(`${at}: ${f}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(60);
    expect(faults.join('\n')).toBe('');
    expect(changedTables(theirs, await fingerprint(B.orgId)), 'B changed').toEqual([]);
    expect(changedTables(ours, await fingerprint(A.orgId)), 'A changed').toEqual([]);
  });

  it("refuses a write of A that refers to B's records in its body, and changes nothing", async () => {
    const theirs = await fingerprint(B.orgId);
    const faults: string[] = [];
    let calls = 0;
    const writes = routes.filter((r) => isApi(r) && !isPublic(r) && r.body && r.method !== 'DELETE');
    for (const route of writes) {
      for (const path of referencePaths(route.body)) {
        const name = String(path.at(-1));
        const theirId = B.ids[idNameKinds[name]!];
        if (theirId === undefined) continue;
        const params = paramsFrom(route, () => A.ids);
        const body = withValue(validBody(route, A.ids), path, theirId, route.body!, A.ids);
        const before = await fingerprint(A.orgId);
        const res = await A.call({
          method: route.method,
          url: urlOf(route, (p) => params[p.name]!),
          payload: body as never,
        });
        calls++;
        const at = `${key(route)} ${path.join('/')}=B's ${idNameKinds[name]} → ${res.statusCode}`;
        if (res.statusCode !== 404 && res.statusCode !== 400) faults.push(`${at}: ${res.body.slice(0, 200)}`);
        // A 400 must be about the reference, not about the rest of the body (which would prove nothing).
        if (
          res.statusCode === 400 &&
          !(res.json() as { errors?: { field: string }[] }).errors?.some((e) => e.field === path.join('/'))
        )
          faults.push(`${at} for another reason: ${res.body.slice(0, 300)}`);
        for (const f of answerFaults(res)) faults.push(`${at}: ${f}`);
        const changed = changedTables(before, await fingerprint(A.orgId));
        if (res.statusCode >= 400 && changed.length) faults.push(`${at} yet changed ${changed.join(', ')}`);
      }
    }
    expect(calls).toBeGreaterThan(20);
    expect(faults.join('\n')).toBe('');
    expect(changedTables(theirs, await fingerprint(B.orgId)), 'B changed').toEqual([]);
  });

  it("never shows B's records in A's lists, searches, cards, figures or exports", async () => {
    const gets = routes.filter((r) => r.method === 'GET' && isApi(r) && !isPublic(r));
    const faults: string[] = [];
    const theirIds = new Set(Object.values(B.ids));
    const ownIds = new Set(Object.values(A.ids));
    // An `id` in a list equal to one of B's that is not also one of A's (ids come from one sequence per table).
    const leakedIds = (value: unknown, path: string): string[] => {
      if (Array.isArray(value)) return value.flatMap((v, i) => leakedIds(v, `${path}/${i}`));
      if (value && typeof value === 'object') {
        return Object.entries(value).flatMap(([k, v]) =>
          k === 'clientId' && typeof v === 'number' && v === B.ids.client && !ownIds.has(v)
            ? [`${path}/${k}=${v}`]
            : leakedIds(v, `${path}/${k}`),
        );
      }
      return [];
    };
    let calls = 0;
    for (const route of gets) {
      const params = route.pathParams.length ? paramsFrom(route, () => A.ids) : {};
      const queries: Record<string, string>[] = [{}];
      const names = new Set(route.query.map((q) => q.name));
      if (names.has('q')) queries.push({ q: B.marker });
      if (names.has('clientId')) queries.push({ clientId: String(B.ids.client) });
      if (names.has('contactId')) queries.push({ contactId: String(B.ids.contact) });
      if (names.has('format')) queries.push({ format: 'csv' });
      for (const query of queries) {
        const search = new URLSearchParams(query).toString();
        const url = `${urlOf(route, (p) => params[p.name]!)}${search ? `?${search}` : ''}`;
        const res = await A.call({ url });
        calls++;
        for (const f of answerFaults(res)) faults.push(`GET ${url}: ${f}`);
        if (res.body.includes(B.marker))
          faults.push(
            `GET ${url} shows B's record: …${res.body.slice(Math.max(0, res.body.indexOf(B.marker) - 80), res.body.indexOf(B.marker) + 40)}…`,
          );
        if (res.statusCode === 200 && String(res.headers['content-type']).includes('json')) {
          faults.push(...leakedIds(res.json(), `GET ${url}`));
          const items = (res.json() as { items?: { id?: number }[] }).items;
          const kind = route.path.split('/').at(-1);
          if (Array.isArray(items) && kind === 'clients')
            for (const item of items)
              if (item.id && theirIds.has(item.id) && item.id === B.ids.client && !ownIds.has(item.id))
                faults.push(`GET ${url} lists B's client ${item.id}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(40);
    expect(faults.join('\n')).toBe('');
    const search = await A.call({ url: `/api/v1/clients?q=${B.marker}` });
    expect(search.json()).toMatchObject({ total: 0, items: [] });
  });
});
