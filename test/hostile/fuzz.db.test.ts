import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../support/app.js';
import { engineName, useDatabase } from '../support/database.js';
import { boundaryValues, hostileText, hostileValue, pathIdLike } from './hostile-values.js';
import {
  answerFaults,
  changedTables,
  discoverRoutes,
  fingerprinter,
  firstAllowed,
  importFinished,
  isPublic,
  isWrite,
  key,
  paramKind,
  seedOrganisation,
  urlOf,
  validBody,
  validValue,
  walPosition,
  type JsonSchema,
  type Route,
  type SeededOrg,
} from './support.js';

/**
 * Property-based: thousands of malformed and hostile payloads to every write route the app lists.
 * Each answer must be below 500, problem+json with a detail when refused (fields and reasons for bad
 * input), and a refused request must leave the organisation's rows exactly as they were. A hostile
 * looking text that is legal (a name with `'; DROP TABLE`) may be stored: then it is stored verbatim.
 *
 * FUZZ_RUNS raises the runs per route (default 50 for routes with a body, a sixth of it for those without); FUZZ_SEED replays a run.
 */

const db = await useDatabase();
const app = await useApp(db);
const routes = (await discoverRoutes(app)).filter(isWrite);
const fingerprint = await fingerprinter(db);
const RUNS = Number(process.env.FUZZ_RUNS) || 50;
const SEED = Number(process.env.FUZZ_SEED) || Date.now() % 2 ** 31;

let A: SeededOrg;
let B: SeededOrg;
beforeAll(async () => {
  A = await seedOrganisation(app, db);
  B = await seedOrganisation(app, db);
});

type Payload = {
  params: Record<string, string | number>;
  /** undefined: no body; a string: sent as it is. */
  body: unknown;
  raw?: boolean;
  note: string;
  /** A text put into a property: when the request succeeds, the answer must carry it verbatim. */
  probe?: { path: (string | number)[]; value: string };
};

/** The properties a body may be attacked at: top level, and inside arrays of objects and nested objects. */
function bodyPaths(
  schema: JsonSchema | undefined,
  prefix: (string | number)[] = [],
): { path: (string | number)[]; schema: JsonSchema }[] {
  const out: { path: (string | number)[]; schema: JsonSchema }[] = [];
  for (const [name, s] of Object.entries(schema?.properties ?? {})) {
    out.push({ path: [...prefix, name], schema: s });
    if (s.type === 'object') out.push(...bodyPaths(s, [...prefix, name]));
    if (s.type === 'array' && s.items?.type === 'object') out.push(...bodyPaths(s.items, [...prefix, name, 0]));
  }
  return out;
}

/** A free-text property: a string without a format, pattern or list of values (numbers and dates are not texts). */
const isText = (s: JsonSchema) => s.type === 'string' && !s.format && !s.pattern && !s.enum;
/** Requisites are kept as their digits by design ("044-525-225" is the БИК 044525225): not compared verbatim. */
const normalised = new Set(['inn', 'kpp', 'ogrn', 'bik', 'settlementAccount', 'correspondentAccount']);

const clone = <T>(v: T): T => structuredClone(v);
function setAt(
  target: unknown,
  path: (string | number)[],
  value: unknown,
  ids: SeededOrg['ids'],
  schema: JsonSchema,
): unknown {
  const root = clone(target) as Record<string | number, unknown>;
  let node = root;
  let s: JsonSchema | undefined = schema;
  for (const [i, step] of path.entries()) {
    if (i === path.length - 1) {
      node[step] = value;
      break;
    }
    s = typeof step === 'number' ? s?.items : s?.properties?.[step];
    if (node[step] === undefined || node[step] === null || typeof node[step] !== 'object')
      node[step] =
        typeof step === 'number' || s?.type === 'array' ? [validValue(s?.items ?? {}, ids)] : validValue(s ?? {}, ids);
    node = node[step] as Record<string | number, unknown>;
  }
  return root;
}
const without = (target: unknown, name: string) => {
  const c = clone(target) as Record<string, unknown>;
  delete c[name];
  return c;
};
const valueAt = (v: unknown, path: (string | number)[]) =>
  path.reduce<unknown>(
    (n, p) => (n && typeof n === 'object' ? (n as Record<string | number, unknown>)[p] : undefined),
    v,
  );

/** The route's path parameters: A's own record (or the link's secret), so the body reaches the service. */
function ownParams(route: Route): Record<string, string | number> {
  return Object.fromEntries(
    route.pathParams.map((p) => {
      if (p.name === 'token') return [p.name, A.surveyToken];
      if (p.schema.type !== 'integer') return [p.name, String(firstAllowed(p.schema) ?? 'x')];
      const kind = paramKind(route, p.name);
      if (!kind || A.ids[kind] === undefined)
        throw new Error(`${key(route)}: no record known for :${p.name}; add its kind to test/hostile/support.ts`);
      return [p.name, A.ids[kind]!];
    }),
  );
}

/** Ids that must never name a record of A: nonsense, out of range, or B's. */
function foreignIds(route: Route, param: string): fc.Arbitrary<string | number> {
  const kind = paramKind(route, param);
  const theirs = kind && B.ids[kind] !== undefined ? [B.ids[kind]!] : Object.values(B.ids);
  // Type coercion reads " 1", "0x1F" or "1e3" as the ids 1, 31 and 1000: such a value naming one of A's own
  // records would just change it (disable the signed-in owner, say), so those stay out.
  const ours = new Set(Object.values(A.ids));
  const nonsense = pathIdLike.filter((v) => !ours.has(Number(v)));
  return fc.oneof(fc.constantFrom(...nonsense), fc.constantFrom(...theirs));
}

function payloads(route: Route): fc.Arbitrary<Payload> {
  const own = ownParams(route);
  const schema = route.body;
  const base = validBody(route, A.ids);
  // The upload to read or import is the one waiting for A (an id that names no file proves little).
  if (base && typeof base === 'object' && 'uploadId' in base) (base as { uploadId: string }).uploadId = A.uploadId;
  const paths = bodyPaths(schema);
  const options: { weight: number; arbitrary: fc.Arbitrary<Payload> }[] = [];
  // A record's own delete with its own id would just delete it: deletes are attacked through their ids only.
  const paramsArb =
    route.pathParams.length === 0
      ? fc.constant({})
      : fc.oneof(
          { weight: route.method === 'DELETE' ? 0 : 3, arbitrary: fc.constant(own) },
          {
            weight: 2,
            arbitrary: fc.constantFrom(...route.pathParams).chain((p) =>
              foreignIds(route, p.name).map((v) => ({
                ...(route.method === 'DELETE'
                  ? Object.fromEntries(
                      route.pathParams.map((q) => [
                        q.name,
                        q.schema.type === 'integer' ? (B.ids[paramKind(route, q.name) ?? 'client'] ?? 1) : own[q.name]!,
                      ]),
                    )
                  : own),
                [p.name]: v,
              })),
            ),
          },
          {
            weight: route.pathParams.some((p) => p.schema.type !== 'integer') ? 1 : 0,
            arbitrary: hostileText.map((t) => ({
              ...(route.method === 'DELETE'
                ? Object.fromEntries(route.pathParams.map((q) => [q.name, q.schema.type === 'integer' ? 1 : t]))
                : own),
              ...Object.fromEntries(
                route.pathParams.filter((p) => p.schema.type !== 'integer').map((p) => [p.name, t]),
              ),
            })),
          },
        );
  if (paths.length) {
    options.push({
      weight: 5,
      arbitrary: fc.tuple(paramsArb, fc.constantFrom(...paths), hostileValue).map(([params, p, v]) => ({
        params,
        body: setAt(base, p.path, v, A.ids, schema!),
        note: `${p.path.join('.')} = hostile`,
        ...(typeof v === 'string' && isText(p.schema) ? { probe: { path: p.path, value: v } } : {}),
      })),
    });
    options.push({
      weight: 2,
      arbitrary: fc.tuple(paramsArb, fc.constantFrom(...paths)).chain(([params, p]) => {
        const edges = boundaryValues(p.schema, A.ids, String(p.path.at(-1)));
        return edges.length
          ? fc.constantFrom(...edges).map((v) => ({
              params,
              body: setAt(base, p.path, v, A.ids, schema!),
              note: `${p.path.join('.')} at its limit`,
            }))
          : fc.constant({ params, body: base, note: 'baseline' });
      }),
    });
    // Every amount and count at its largest at once: totals must not overflow the database's integers.
    options.push({
      weight: 1,
      arbitrary: paramsArb.map((params) => {
        let body = base;
        for (const p of paths) {
          const top = boundaryValues(p.schema, A.ids, String(p.path.at(-1))).find(
            (v) => typeof v === 'number' || (typeof v === 'string' && /^9+(\.9+)?$/.test(v)),
          );
          if (top !== undefined && !/Id$/.test(String(p.path.at(-1)))) body = setAt(body, p.path, top, A.ids, schema!);
        }
        return { params, body, note: 'every number at its maximum' };
      }),
    });
    // Legal but hostile-looking text in every text property: accepted and kept verbatim, or refused cleanly.
    const texts = paths.filter((p) => p.path.length === 1 && isText(p.schema));
    if (texts.length) {
      options.push({
        weight: 2,
        arbitrary: fc
          .tuple(
            paramsArb,
            fc.constantFrom(...texts),
            hostileText.filter((t) => t.length < 250),
          )
          .map(([params, p, v]) => ({
            params,
            body: setAt(base, p.path, v, A.ids, schema!),
            note: `${p.path.join('.')} = legal-looking text`,
            probe: { path: p.path, value: v },
          })),
      });
    }
  }
  const required = schema?.required ?? [];
  if (required.length)
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(paramsArb, fc.constantFrom(...required))
        .map(([params, r]) => ({ params, body: without(base, r), note: `${r} missing` })),
    });
  options.push({
    weight: 1,
    arbitrary: fc
      .tuple(
        paramsArb,
        fc.constantFrom('__proto__', 'constructor', 'orgId', 'org_id', 'id', '$where', 'isAdmin', 'role', ''),
        hostileValue,
      )
      .map(([params, k, v]) => ({
        params,
        body: JSON.parse(
          JSON.stringify({ ...((base as object) ?? {}), x: 1 }).replace(
            '"x":1',
            () => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`,
          ),
        ),
        note: `extra property ${k}`,
      })),
  });
  options.push({
    weight: 1,
    arbitrary: fc
      .tuple(paramsArb, hostileValue)
      .map(([params, v]) => ({ params, body: v, note: 'the whole body replaced' })),
  });
  options.push({
    weight: 1,
    arbitrary: fc
      .tuple(
        paramsArb,
        fc.constantFrom(
          '{',
          '{"a":',
          '[1,]',
          "{'a':1}",
          '{"a":1}}',
          'null',
          '"',
          '\u0000',
          '{"a":"\\ud800"}',
          '{"a":"\\u0000"}',
          '{"a":1e999}',
          '{"__proto__":{"x":1}}',
        ),
      )
      .map(([params, raw]) => ({ params, body: raw, raw: true, note: 'malformed JSON' })),
  });
  return fc.oneof(...options);
}

const settle = async (route: Route, res: LightMyRequestResponse) => {
  if (route.path === '/api/v1/imports' && res.statusCode === 202)
    await importFinished(A.call, (res.json() as { id: number }).id);
};

function send(route: Route, p: Payload): Promise<LightMyRequestResponse> {
  const url = urlOf(route, (param) => p.params[param.name]!);
  const options: InjectOptions = {
    method: route.method,
    url,
    remoteAddress: `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  };
  if (p.body !== undefined) {
    options.payload = p.raw ? (p.body as string) : (JSON.stringify(p.body) ?? 'null');
    options.headers = { 'content-type': 'application/json' };
  }
  return isPublic(route) ? app.inject(options) : A.call(options);
}

/** Answers per route by status class: the share accepted shows how deep the payloads reach. */
const tally = new Map<string, Record<string, number>>();
afterAll(() => {
  const total = [...tally.values()].reduce((n, t) => n + Object.values(t).reduce((a, b) => a + b, 0), 0);
  const lines = [...tally].map(
    ([route, t]) =>
      `  ${route.padEnd(58)} ${Object.entries(t)
        .sort()
        .map(([k, v]) => `${k}:${v}`)
        .join(' ')}`,
  );
  if (process.env.FUZZ_STATS)
    console.log(`${total} hostile requests on ${engineName}, seed ${SEED}\n${lines.join('\n')}`);
});

describe(`hostile payloads to every write route (${engineName}, seed ${SEED})`, () => {
  it('finds the write routes in the app', () => {
    expect(routes.length).toBeGreaterThan(40);
  });

  for (const route of routes) {
    const runs = route.body ? RUNS : Math.max(8, Math.round(RUNS / 6));
    it(`${key(route)} (${runs} runs)`, async () => {
      const faults = new Map<string, string>();
      const theirs = await fingerprint(B.orgId);
      let ours = await fingerprint(A.orgId);
      await fc.assert(
        fc.asyncProperty(payloads(route), async (p) => {
          const wal = await walPosition(db);
          const res = await send(route, p);
          const where = `${p.note} → ${res.statusCode}`;
          const counts = tally.get(key(route)) ?? {};
          const bucket = res.statusCode < 300 ? '2xx' : String(res.statusCode);
          counts[bucket] = (counts[bucket] ?? 0) + 1;
          tally.set(key(route), counts);
          if (res.statusCode === 401 && !isPublic(route))
            throw new Error(
              `the session of A ended (${p.note}; params ${JSON.stringify(p.params)}): the test can go no further`,
            );
          for (const f of answerFaults(res))
            faults.set(
              `${f.slice(0, 110)} | ${p.note}`,
              `${where}; body ${JSON.stringify(p.body)?.slice(0, 300)}; params ${JSON.stringify(p.params)}`,
            );
          if (res.statusCode >= 400) {
            if ((await walPosition(db)) === wal) return;
            const after = await fingerprint(A.orgId);
            const changed = changedTables(ours, after);
            if (changed.length)
              faults.set(
                `refused yet changed ${changed.join(', ')}`,
                `${where}: ${res.body.slice(0, 200)}; body ${JSON.stringify(p.body)?.slice(0, 300)}`,
              );
            ours = after;
          } else {
            await settle(route, res);
            ours = await fingerprint(A.orgId);
            if (
              p.probe &&
              !normalised.has(String(p.probe.path.at(-1))) &&
              res.headers['content-type']?.toString().includes('json')
            ) {
              const stored = valueAt(res.json(), p.probe.path);
              const sent = p.probe.value.replace(
                /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
                '\uFFFD',
              );
              if (typeof stored === 'string' && stored !== sent && stored !== sent.trim()) {
                faults.set(
                  `${p.probe.path.join('.')} not stored verbatim`,
                  `${JSON.stringify(sent).slice(0, 100)} became ${JSON.stringify(stored).slice(0, 100)}`,
                );
              }
            }
          }
        }),
        { numRuns: runs, seed: SEED, endOnFailure: true },
      );
      expect(changedTables(theirs, await fingerprint(B.orgId)), 'another organisation changed').toEqual([]);
      if (faults.size)
        throw new Error(
          `${faults.size} kind(s) of fault:\n${[...faults].map(([k, v]) => `  ${k}\n      ← ${v}`).join('\n')}`,
        );
    }, 120_000);
  }
});
