import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/database.js';
import { ident, organisationCatalog } from '../../src/db/queries/backup/catalog.js';
import { signedIn, useApp } from '../support/app.js';
import { useDatabase } from '../support/database.js';
import { buildOrg, buildUser } from '../support/factories.js';

/**
 * What the hostile-input and tenant tests share: the routes as the app itself lists them (its OpenAPI
 * document, so a route added later is covered without editing a test), a fingerprint of everything an
 * organisation holds, the problem+json shape every refusal must have, and a full set of records of
 * every kind in an organisation of its own.
 */

export type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
};

export type Param = { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema };

export type Route = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify's form: /api/v1/clients/:id */
  path: string;
  pathParams: Param[];
  query: Param[];
  /** The JSON body schema; undefined when the route takes no JSON body. */
  body: JsonSchema | undefined;
  /** Content types the route documents for its body. */
  contentTypes: string[];
  /** The 200 answer's schema (lists: a page with items, or an array). */
  ok: JsonSchema | undefined;
};

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Sign-in and the sign-outs change the session, not the organisation: they are tested on their own
 * (a walk that signed its caller out everywhere would find every later route refused).
 */
export const SESSION_ROUTES = new Set([
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'POST /api/v1/auth/sign-out-everywhere',
]);

/** Every route of the app, read from its OpenAPI document. */
export async function discoverRoutes(app: FastifyInstance): Promise<Route[]> {
  await app.ready();
  const doc = app.swagger() as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Param[];
          requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
          responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
        }
      >
    >;
  };
  const routes: Route[] = [];
  for (const [openPath, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      routes.push({
        method: method.toUpperCase() as Route['method'],
        path: openPath.replace(/\{([^}]+)\}/g, ':$1'),
        pathParams: params.filter((p) => p.in === 'path'),
        query: params.filter((p) => p.in === 'query'),
        body: content['application/json']?.schema,
        contentTypes: Object.keys(content),
        ok: op.responses?.['200']?.content?.['application/json']?.schema,
      });
    }
  }
  return routes;
}

/** The test file's database, the app on it, every route it serves and the organisation fingerprint. */
export async function useHostileApp() {
  const db = await useDatabase();
  const app = await useApp(db);
  return { db, app, routes: await discoverRoutes(app), fingerprint: await fingerprinter(db) };
}

export const key = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;
export const isApi = (r: Route) => r.path.startsWith('/api/v1/');
export const isPublic = (r: Route) => r.path.startsWith('/api/v1/public/');
export const isWrite = (r: Route) => isApi(r) && WRITE.has(r.method) && !SESSION_ROUTES.has(key(r));
export const hasIdParams = (r: Route) => r.pathParams.some((p) => p.schema.type === 'integer');
/** A list: a GET without path parameters that answers many rows (a page of items, or an array). */
export const isList = (r: Route) =>
  r.method === 'GET' &&
  isApi(r) &&
  !isPublic(r) &&
  r.pathParams.length === 0 &&
  (r.query.some((q) => q.name === 'pageSize') ||
    r.ok?.type === 'array' ||
    !!r.ok?.anyOf?.some((s) => !!s.properties?.items));

// ---- the organisation's fingerprint ---------------------------------------------------------------

/** A function answering the count and md5 of every row per tenant table of one organisation. */
export async function fingerprinter(db: Database): Promise<(orgId: number) => Promise<Record<string, string>>> {
  const { tables } = await organisationCatalog(db);
  // Every table the catalogue lists as the organisation's (the backup's list), ordered rows as text.
  const sql = tables
    .map(
      (
        t,
      ) => `SELECT ${`'${t.name}'`} AS t, count(*)::text || ':' || md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h
    FROM ${ident(t.name)} x WHERE ${ident(t.tenantColumn)} = $1`,
    )
    .join('\nUNION ALL\n');
  return async (orgId) => {
    const { rows } = await db.engine.query<{ t: string; h: string }>(sql, [orgId]);
    return Object.fromEntries(rows.map((r) => [r.t, r.h]));
  };
}

/**
 * The database's write-ahead-log position: when it has not moved, nothing at all was written (a cheap
 * first look before the full fingerprint; anything else, even a rolled-back write, moves it).
 */
export async function walPosition(db: Database): Promise<string> {
  const { rows } = await db.engine.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn');
  return rows[0]!.lsn;
}

/** Tables whose rows differ between two fingerprints. */
export const changedTables = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);

// ---- what an answer must look like ---------------------------------------------------------------

/**
 * Problems with an answer to a refused or accepted request: never a 5xx; every 4xx is problem+json with
 * a detail; a 400 of bad input names the fields and the reasons. Empty when the answer is sound.
 */
export function answerFaults(res: LightMyRequestResponse): string[] {
  const faults: string[] = [];
  if (res.statusCode >= 500) faults.push(`answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  if (res.statusCode < 400) return faults;
  if (!String(res.headers['content-type'] ?? '').startsWith('application/problem+json')) {
    faults.push(`${res.statusCode} with content-type ${String(res.headers['content-type'])}`);
    return faults;
  }
  let body: {
    status?: unknown;
    detail?: unknown;
    code?: unknown;
    errors?: { field?: unknown; reason?: unknown; message?: unknown }[];
  };
  try {
    body = res.json();
  } catch {
    return [...faults, `${res.statusCode} with a body that is not JSON`];
  }
  if (body.status !== res.statusCode) faults.push(`problem status ${String(body.status)} ≠ ${res.statusCode}`);
  if (typeof body.detail !== 'string' || !body.detail.trim()) faults.push(`${res.statusCode} without a detail`);
  if (res.statusCode === 400 && body.code === 'invalid_input') {
    if (!body.errors?.length) faults.push(`400 invalid_input without errors[]: ${String(body.detail)}`);
    for (const e of body.errors ?? []) {
      if (
        typeof e.field !== 'string' ||
        !e.field ||
        typeof e.reason !== 'string' ||
        !e.reason ||
        typeof e.message !== 'string'
      ) {
        faults.push(`400 with an error lacking field/reason: ${JSON.stringify(e)}`);
      }
    }
  }
  return faults;
}

// ---- a full organisation ---------------------------------------------------------------------------

export type Call = (options: InjectOptions) => Promise<LightMyRequestResponse>;

/** The ids of one record of every kind, by kind. */
export type Ids = Record<string, number>;

export type SeededOrg = {
  orgId: number;
  email: string;
  userId: number;
  call: Call;
  ids: Ids;
  /** A word written into every free-text field of the organisation's records, to spot leaks. */
  marker: string;
  /** The secret of the survey link (its public address). */
  surveyToken: string;
  /** An upload waiting in the store. */
  uploadId: string;
};

const created = async (res: LightMyRequestResponse, what: string): Promise<Record<string, unknown>> => {
  if (res.statusCode >= 300) throw new Error(`creating ${what} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
  return res.json();
};

/**
 * An organisation with a record of every kind, created through the API as its owner: two clients
 * (related), a legal entity, two contacts (linked), a product, an order with lines, a payment, an
 * interaction, a claim, a loss, a survey response and link, a family member, a useful date, a task,
 * a saved mapping, an API token, a second user, a share and a consent (where the app has them), an
 * upload and a finished import job.
 */
export async function seedOrganisation(app: FastifyInstance, db: Database): Promise<SeededOrg> {
  const owner = await buildOrg(db);
  const second = await buildUser(db, owner.orgId, 'manager');
  const call = await signedIn(app, owner.email);
  const marker = `M${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const ids: Ids = { user: owner.userId, user2: second.userId };
  const post = async (url: string, payload: unknown, what: string) =>
    created(await call({ method: 'POST', url, payload: payload as never }), what);

  ids.client = (
    await post('/api/v1/clients', { name: `ООО «${marker} Альфа»`, notes: marker, tags: [marker] }, 'client')
  ).id as number;
  ids.client2 = (await post('/api/v1/clients', { name: `ООО «${marker} Бета»`, notes: marker }, 'client')).id as number;
  ids.client3 = (await post('/api/v1/clients', { name: `ООО «${marker} Гамма»`, notes: marker }, 'client'))
    .id as number;
  await post(
    `/api/v1/clients/${ids.client}/relations`,
    { relatedClientId: ids.client2, kind: 'partner', notes: marker },
    'relation',
  );
  ids.legalEntity = (
    await post(
      '/api/v1/legal-entities',
      {
        clientId: ids.client,
        fullName: `Общество с ограниченной ответственностью «${marker}»`,
        legalForm: 'ООО',
        inn: '7707083893',
        kpp: '773601001',
        ogrn: '1027700132195',
        isPrimary: true,
      },
      'legal entity',
    )
  ).id as number;
  ids.contact = (
    await post(
      '/api/v1/contacts',
      {
        clientId: ids.client,
        fullName: `Иванова ${marker}`,
        position: 'Директор',
        birthday: '1980-05-12',
        isKeyFigure: true,
        phones: ['+7 495 123-45-67'],
        notes: marker,
      },
      'contact',
    )
  ).id as number;
  ids.contact2 = (
    await post(
      '/api/v1/contacts',
      { clientId: ids.client, fullName: `Петров ${marker}`, position: 'Закупщик', notes: marker },
      'contact',
    )
  ).id as number;
  await post(
    `/api/v1/clients/${ids.client}/contact-links`,
    { fromContactId: ids.contact2, toContactId: ids.contact, kind: 'reports_to' },
    'contact link',
  );
  ids.product = (
    await post(
      '/api/v1/products',
      { sku: `SKU-${marker}`, name: `Перфоратор ${marker}`, unit: 'шт', listPrice: '1000.00', cost: '600.00' },
      'product',
    )
  ).id as number;
  const today = new Date().toISOString().slice(0, 10);
  ids.order = (
    await post(
      '/api/v1/orders',
      {
        clientId: ids.client,
        legalEntityId: ids.legalEntity,
        number: `З-${marker}`,
        orderDate: '2025-03-14',
        status: 'completed',
        notes: marker,
        lines: [
          { productId: ids.product, quantity: '3', price: '1200.00' },
          { productId: ids.product, quantity: 1 },
        ],
      },
      'order',
    )
  ).id as number;
  ids.order2 = (
    await post(
      '/api/v1/orders',
      {
        clientId: ids.client2,
        number: `З2-${marker}`,
        orderDate: '2025-04-01',
        status: 'completed',
        lines: [{ productId: ids.product, quantity: '1' }],
      },
      'order',
    )
  ).id as number;
  ids.payment = (
    await post(
      '/api/v1/payments',
      { clientId: ids.client, orderId: ids.order, paymentDate: '2025-03-20', amount: '4600.00', notes: marker },
      'payment',
    )
  ).id as number;
  ids.interaction = (
    await post(
      '/api/v1/interactions',
      {
        clientId: ids.client,
        contactId: ids.contact,
        kind: 'meeting',
        occurredAt: '2025-03-10T10:00:00Z',
        durationMinutes: 60,
        notes: marker,
      },
      'interaction',
    )
  ).id as number;
  ids.claim = (
    await post(
      '/api/v1/claims',
      {
        clientId: ids.client,
        contactId: ids.contact,
        orderId: ids.order,
        type: 'claim',
        category: 'quality',
        severity: 'high',
        subject: `Брак ${marker}`,
        description: marker,
      },
      'claim',
    )
  ).id as number;
  ids.loss = (
    await post(`/api/v1/clients/${ids.client3}/loss`, { reason: 'price', reasonNotes: marker, lostOn: today }, 'loss')
  ).id as number;
  ids.surveyResponse = (
    await post(
      '/api/v1/surveys',
      {
        clientId: ids.client,
        contactId: ids.contact,
        answeredOn: '2025-03-21',
        goods: 5,
        staff: 4,
        prices: 3,
        logistics: 4,
        service: 5,
        company: 5,
        nps: 9,
        comment: marker,
      },
      'survey response',
    )
  ).id as number;
  const link = await post(
    '/api/v1/surveys/links',
    { clientId: ids.client, contactId: ids.contact, expiresInDays: 30 },
    'survey link',
  );
  ids.surveyLink = link.id as number;
  const surveyToken = String(link.url ?? link.token ?? '')
    .split('/')
    .pop()!;
  ids.familyMember = (
    await post(
      '/api/v1/family-members',
      { contactId: ids.contact, relation: 'child', name: `Сын ${marker}`, birthday: '2010-09-01', notes: marker },
      'family member',
    )
  ).id as number;
  ids.usefulDate = (
    await post(
      '/api/v1/useful-dates',
      {
        clientId: ids.client,
        contactId: ids.contact,
        kind: 'hobby',
        title: `Рыбалка ${marker}`,
        month: 6,
        day: 15,
        notes: marker,
      },
      'useful date',
    )
  ).id as number;
  ids.task = (
    await post(
      '/api/v1/tasks',
      { title: `Позвонить ${marker}`, dueOn: today, clientId: ids.client, contactId: ids.contact, notes: marker },
      'task',
    )
  ).id as number;
  ids.mapping = (
    await post(
      '/api/v1/imports/mappings',
      { name: `Схема ${marker}`, kind: 'clients', headers: ['Наименование'], mapping: ['name'] },
      'mapping',
    )
  ).id as number;
  ids.apiToken = (await post('/api/v1/api-tokens', { name: `Токен ${marker}` }, 'api token')).id as number;

  // Areas built alongside (shares, consents): recorded when the app has their routes.
  const optional = async (url: string, payload: unknown) => {
    const res = await call({ method: 'POST', url, payload: payload as never });
    return res.statusCode === 404 && (res.json() as { detail?: string }).detail?.startsWith('No such endpoint')
      ? undefined
      : created(res, url);
  };
  await optional(`/api/v1/clients/${ids.client}/shares`, { userId: ids.user2 });
  const consents = await optional(`/api/v1/contacts/${ids.contact}/consents`, {
    purpose: `Поздравления ${marker}`,
    form: 'written',
    givenOn: '2025-09-02',
    notes: marker,
  });
  if (consents) ids.consent = (consents.items as { id: number }[])[0]!.id;

  const csv = `Наименование;Регион\nООО «${marker} Импорт»;Москва\n`;
  const upload = await created(
    await call({
      method: 'POST',
      url: '/api/v1/imports/uploads',
      payload: Buffer.from(csv),
      headers: { 'content-type': 'text/csv' },
    }),
    'upload',
  );
  const uploadId = upload.uploadId as string;
  const job = await post(
    '/api/v1/imports',
    { uploadId, fileName: `${marker}.csv`, kind: 'clients', dryRun: true },
    'import',
  );
  ids.importJob = job.id as number;
  await importFinished(call, ids.importJob);
  const second2 = await created(
    await call({
      method: 'POST',
      url: '/api/v1/imports/uploads',
      payload: Buffer.from(csv),
      headers: { 'content-type': 'text/csv' },
    }),
    'upload',
  );
  return {
    orgId: owner.orgId,
    email: owner.email,
    userId: owner.userId,
    call,
    ids,
    marker,
    surveyToken,
    uploadId: second2.uploadId as string,
  };
}

/** Waits until an import job has left the running states. */
export async function importFinished(call: Call, id: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const res = await call({ url: `/api/v1/imports/${id}` });
    const status = res.statusCode === 200 ? (res.json() as { status: string }).status : 'gone';
    if (status !== 'running' && status !== 'queued') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

// ---- which record a path parameter names --------------------------------------------------------

/** The kind of record behind the collection a path parameter follows (…/<collection>/:id). */
export const collectionKinds: Record<string, string> = {
  clients: 'client',
  'legal-entities': 'legalEntity',
  contacts: 'contact',
  products: 'product',
  orders: 'order',
  payments: 'payment',
  interactions: 'interaction',
  claims: 'claim',
  losses: 'loss',
  surveys: 'surveyResponse',
  'surveys/links': 'surveyLink',
  'family-members': 'familyMember',
  'useful-dates': 'usefulDate',
  tasks: 'task',
  imports: 'importJob',
  'imports/mappings': 'mapping',
  'api-tokens': 'apiToken',
  users: 'user2',
  'analytics/clients': 'client',
  consents: 'consent',
};

/** The kind of record an id-like property or parameter names, by its name. */
export const idNameKinds: Record<string, string> = {
  clientId: 'client',
  relatedClientId: 'client2',
  contactId: 'contact',
  fromContactId: 'contact2',
  toContactId: 'contact',
  from: 'contact2',
  to: 'contact',
  orderId: 'order',
  productId: 'product',
  legalEntityId: 'legalEntity',
  userId: 'user2',
  managerUserId: 'user',
  responsibleUserId: 'user',
  ownerUserId: 'user',
  familyMemberId: 'familyMember',
  usefulDateId: 'usefulDate',
  taskId: 'task',
  claimId: 'claim',
  paymentId: 'payment',
  interactionId: 'interaction',
  lossId: 'loss',
  jobId: 'importJob',
  mappingId: 'mapping',
  tokenId: 'apiToken',
};

/** The kind of record a path parameter of a route names; undefined when the route does not say. */
export function paramKind(route: Route, param: string): string | undefined {
  if (param !== 'id') return idNameKinds[param];
  const before = route.path.slice('/api/v1/'.length).split('/:id')[0]!;
  const parts = before.split('/');
  return collectionKinds[parts.slice(-2).join('/')] ?? collectionKinds[parts.at(-1)!];
}

/** The route's path parameters: integer ids from `ids` (by kind), other parameters their first allowed value. */
export function paramsFrom(route: Route, ids: (name: string) => Ids): Record<string, string | number> {
  return Object.fromEntries(
    route.pathParams.map((p) => {
      if (p.schema.type !== 'integer') return [p.name, String(firstAllowed(p.schema) ?? 'x')];
      const kind = paramKind(route, p.name);
      const id = kind ? ids(p.name)[kind] : undefined;
      if (id === undefined)
        throw new Error(`${key(route)}: no record known for :${p.name}; add its kind to test/hostile/support.ts`);
      return [p.name, id];
    }),
  );
}

/** Every id-like property of a body schema, with its path (lines/0/productId). */
export function referencePaths(
  schema: JsonSchema | undefined,
  prefix: (string | number)[] = [],
): (string | number)[][] {
  const out: (string | number)[][] = [];
  for (const [name, s] of Object.entries(schema?.properties ?? {})) {
    const alternatives = s.anyOf ?? [s];
    if (idNameKinds[name] && alternatives.some((a) => a.type === 'integer')) out.push([...prefix, name]);
    if (s.type === 'array' && s.items?.type === 'object') out.push(...referencePaths(s.items, [...prefix, name, 0]));
  }
  return out;
}

const schemaAt = (schema: JsonSchema, path: (string | number)[]) =>
  path.reduce<JsonSchema | undefined>(
    (s, step) => (typeof step === 'number' ? s?.items : s?.properties?.[step]),
    schema,
  );

export function withValue(
  body: unknown,
  path: (string | number)[],
  value: unknown,
  schema: JsonSchema,
  ids: Ids,
): unknown {
  const root = structuredClone(body ?? {}) as Record<string | number, unknown>;
  let node = root;
  path.forEach((step, i) => {
    if (i === path.length - 1) {
      node[step] = value;
      return;
    }
    const s = schemaAt(schema, path.slice(0, i + 1));
    node[step] ??= typeof path[i + 1] === 'number' ? [validValue(s?.items ?? {}, ids)] : validValue(s ?? {}, ids);
    node = node[step] as Record<string | number, unknown>;
  });
  return root;
}

/** Percent-encodes a path segment; a lone surrogate, which UTF-8 cannot encode, goes as the invalid bytes ED A0 80. */
const segment = (text: string) =>
  [...text].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');

/** The route's URL with its path parameters filled from `value(param)`. */
export const urlOf = (route: Route, value: (p: Param) => string | number) =>
  route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    segment(String(value(route.pathParams.find((p) => p.name === name)!))),
  );

/** The first allowed value of an enumerated parameter (kind of a link…). */
export const firstAllowed = (schema: JsonSchema): unknown =>
  schema.enum?.find((v) => v !== null) ?? schema.anyOf?.map(firstAllowed).find((v) => v !== undefined && v !== null);

// ---- a valid body, from the schema ---------------------------------------------------------------

let serial = 0;
/** A unique-enough tail for values a table keeps unique (SKU, order number, e-mail). */
const unique = () => `${Date.now().toString(36)}${(serial++).toString(36)}`;

/** Known patterns of the contracts and a value each fits. */
const patternValues: [RegExp, () => string][] = [
  [/^\^-\?\\d\{1,13\}/, () => '100.00'],
  [/^\^-\?\\d\{1,10\}/, () => '1'],
  [/\[0-9a-f\]\{32\}/, () => '0'.repeat(32)],
  [/^\^\[0-9\+\(\)/, () => '+7 495 000-00-00'],
  [/^\^\[A-Za-z\]\+\$$/, () => 'name'],
];

/**
 * A value the schema accepts: required properties and free texts (a change body names at least one), ids
 * by the property's name from `ids`, enums by their first value, texts unique so unique keys do not clash.
 */
export function validValue(schema: JsonSchema, ids: Ids, name = ''): unknown {
  if (schema.anyOf)
    return validValue(
      schema.anyOf.find((s) => !(s.enum?.length === 1 && s.enum[0] === null)) ?? schema.anyOf[0]!,
      ids,
      name,
    );
  if (schema.enum) return schema.enum.find((v) => v !== null);
  switch (schema.type) {
    case 'object': {
      const props = schema.properties ?? {};
      // Required properties and every free text (a loss for a competitor must name it), else the first one.
      const text = (s: JsonSchema): boolean =>
        (s.type === 'string' && !s.format && !s.pattern && !s.enum) || !!s.anyOf?.some(text);
      const names = [...new Set([...(schema.required ?? []), ...Object.keys(props).filter((n) => text(props[n]!))])];
      if (names.length < (schema.minProperties ?? 0))
        names.push(
          ...Object.keys(props)
            .filter((n) => !names.includes(n))
            .slice(0, schema.minProperties! - names.length),
        );
      return Object.fromEntries(names.map((n) => [n, validValue(props[n]!, ids, n)]));
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => validValue(schema.items ?? {}, ids, name));
    case 'integer':
    case 'number': {
      const kind = idNameKinds[name];
      if (kind && ids[kind] !== undefined) return ids[kind];
      if (schema.default !== undefined) return schema.default;
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    }
    case 'boolean':
      return false;
    case 'string': {
      if (schema.format === 'date') return '2025-03-14';
      if (schema.format === 'date-time') return '2025-03-14T10:00:00Z';
      if (schema.format === 'email') return `fuzz-${unique()}@example.com`;
      if (schema.pattern)
        return (
          patternValues.find(([re]) => re.test(schema.pattern!))?.[1]() ??
          fc.sample(fc.stringMatching(new RegExp(schema.pattern)), { numRuns: 1, seed: 1 })[0]!
        );
      const text = `Проверка ${unique()}`;
      return text.padEnd(schema.minLength ?? 0, 'x').slice(0, schema.maxLength ?? 300);
    }
    default:
      return null;
  }
}

/** What a schema cannot say a valid body needs (a survey needs at least one answer). */
const requisites = {
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  bik: undefined,
  settlementAccount: undefined,
  correspondentAccount: undefined,
};
const baselineExtras: Record<string, Record<string, unknown>> = {
  'POST /api/v1/surveys': { nps: 9 },
  'POST /api/v1/legal-entities': requisites,
  'PATCH /api/v1/legal-entities/:id': requisites,
  'POST /api/v1/claims/:id/transition': { to: 'in_progress' },
  'PATCH /api/v1/consents/:id': { withdrawnOn: new Date().toISOString().slice(0, 10) },
};

/** A valid body for a route, referring to the records in `ids`. */
export const validBody = (route: Route, ids: Ids): unknown =>
  route.body
    ? (JSON.parse(
        JSON.stringify({ ...(validValue(route.body, ids) as object), ...baselineExtras[key(route)] }),
      ) as unknown)
    : undefined;
