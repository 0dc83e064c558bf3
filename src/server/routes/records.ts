import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { IdParams, Money, pageOf } from '../../contract/common.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../services/actor.js';
import { recordLabels } from '../../contract/record-labels.js';
import { labelledVocabularies, yesNoLabels } from '../../core/value-labels.js';
import type { Cell, ColumnKind, Lang } from '../../files/spreadsheet.js';
import { sendSheet, withProblems } from './responses.js';

/** The most rows one list export carries; larger lists export by filter. */
const EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 1000;

type Label = { ru: string; en: string };
type Property = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: string[];
  anyOf?: Property[];
  items?: Property;
};

const moneyPattern = (Money as unknown as { pattern: string }).pattern;

/**
 * How a list column goes into a file, read off its schema: dates, timestamps, money and numbers typed so
 * Excel takes them as such; ids as plain codes; a closed vocabulary (the schema's enum, or `names` given)
 * by its names in the file's language, as the web app shows it; a flag as yes or no.
 */
function exportColumn(
  key: string,
  schema: Property,
  names: Record<string, Label> | undefined,
): { kind: ColumnKind; cell: (v: unknown, lang: Lang) => Cell } {
  const p = schema.anyOf?.find((s) => s.type !== 'null') ?? schema;
  const values = p.enum ?? p.items?.enum;
  const labels =
    names ??
    (values &&
      labelledVocabularies.find((v) => v.values.length === values.length && values.every((x) => v.values.includes(x)))
        ?.labels);
  const word = (v: unknown, lang: Lang) => (typeof v === 'string' ? (labels?.[v]?.[lang] ?? v) : String(v));
  const kind: ColumnKind =
    p.format === 'date'
      ? 'date'
      : p.format === 'date-time'
        ? 'datetime'
        : p.pattern === moneyPattern
          ? 'money'
          : p.type === 'integer'
            ? key === 'id' || key.endsWith('Id')
              ? 'id'
              : 'integer'
            : p.type === 'number'
              ? 'number'
              : 'text';
  return {
    kind,
    cell: (v, lang) => {
      if (v === null || v === undefined) return null;
      if (Array.isArray(v)) return v.map((x) => word(x, lang)).join(', ');
      if (typeof v === 'boolean') return yesNoLabels[v ? 'yes' : 'no'][lang];
      if (typeof v === 'number') return v;
      if (typeof v === 'string') return word(v, lang);
      return JSON.stringify(v);
    },
  };
}

/** The use cases of one record kind, as the services expose them. */
export type RecordUseCases = {
  create(db: Database, actor: Actor, input: never): Promise<unknown>;
  update(db: Database, actor: Actor, id: number, input: never): Promise<unknown>;
  get(db: Database, actor: Actor, id: number): Promise<unknown>;
  remove(db: Database, actor: Actor, id: number): Promise<void>;
  find(db: Database, actor: Actor, query: never): Promise<unknown>;
};

/** Registers list, create, read, update and delete for one record kind under /api/v1/<path>. */
export function recordRoutes(
  app: FastifyInstance,
  r: {
    path: string;
    tag: string;
    noun: string;
    useCases: RecordUseCases;
    item: TSchema;
    listItem?: TSchema;
    create: TSchema;
    update: TSchema;
    listQuery: TSchema;
    /** Names of the values of columns whose schema does not list them (a client's status is any text in its list item). */
    names?: Record<string, Record<string, Label>>;
  },
): void {
  const base = `/api/v1/${r.path}`;
  const id = (req: { params: unknown }) => (req.params as { id: number }).id;
  const listed = (r.listItem ?? r.item) as unknown as { properties: Record<string, Property> };
  const columns = Object.keys(listed.properties).filter((k) => listed.properties[k]!.type !== 'object');
  const exported = columns.map((k) => exportColumn(k, listed.properties[k]!, r.names?.[k]));
  app.get(
    base,
    {
      schema: {
        tags: [r.tag],
        summary: `List ${r.noun}s; format=csv|xlsx answers the whole filtered list as a file`,
        querystring: r.listQuery,
        response: withProblems({ 200: Type.Union([pageOf(r.listItem ?? r.item), Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query as { format?: 'csv' | 'xlsx'; lang?: 'ru' | 'en' } & Record<string, unknown>;
      if (!q.format) return r.useCases.find(app.db, req.actor, q as never);
      // The whole filtered list, a page at a time, so one export never asks the database for everything at once.
      const lang = q.lang ?? ((req.actor as { locale?: string }).locale === 'en' ? 'en' : 'ru');
      const rows: Cell[][] = [];
      for (let page = 1; rows.length < EXPORT_ROWS; page++) {
        const { items } = (await r.useCases.find(app.db, req.actor, {
          ...q,
          page,
          pageSize: EXPORT_PAGE,
        } as never)) as { items: Record<string, unknown>[] };
        for (const item of items) rows.push(columns.map((k, i) => exported[i]!.cell(item[k], lang)));
        if (items.length < EXPORT_PAGE) break;
      }
      return sendSheet(reply, q.format, r.path, {
        name: r.path,
        headers: columns.map((k) => recordLabels[k]?.[lang] ?? k),
        rows,
        kinds: exported.map((c) => c.kind),
        lang,
      });
    },
  );
  app.post(
    base,
    {
      schema: { tags: [r.tag], summary: `Create a ${r.noun}`, body: r.create, response: withProblems({ 201: r.item }) },
    },
    async (req, reply) => reply.status(201).send(await r.useCases.create(app.db, req.actor, req.body as never)),
  );
  app.get(
    `${base}/:id`,
    {
      schema: { tags: [r.tag], summary: `Read a ${r.noun}`, params: IdParams, response: withProblems({ 200: r.item }) },
    },
    (req) => r.useCases.get(app.db, req.actor, id(req)),
  );
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags: [r.tag],
        summary: `Change a ${r.noun} (only the fields given)`,
        params: IdParams,
        body: r.update,
        response: withProblems({ 200: r.item }),
      },
    },
    (req) => r.useCases.update(app.db, req.actor, id(req), req.body as never),
  );
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags: [r.tag],
        summary: `Delete a ${r.noun}`,
        params: IdParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await r.useCases.remove(app.db, req.actor, id(req));
      return reply.status(204).send();
    },
  );
}
