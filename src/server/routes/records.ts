import type { RouteApp } from './types.js';
import { Type, type Static, type TObject, type TSchema } from 'typebox';
import { ExportQuery, IdParams, Money, PageQuery, pageOf } from '../../contract/common.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../services/actor.js';
import { recordLabels } from '../../contract/record-labels.js';
import { labelledVocabularies, yesNoLabels } from '../../core/value-labels.js';
import type { Cell, ColumnKind, Lang } from '../../files/spreadsheet.js';
import { fileLanguage, noContent, sendSheet, withProblems } from './responses.js';

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

/** A money column is one whose schema has Money's pattern. */
const { pattern: moneyPattern }: Property = Money;

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

/** A page of a list, as `pageOf` describes it. */
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** What every list query has: a page, a sort, and the file format and language of an export. */
type ListQuery = TObject<typeof PageQuery & typeof ExportQuery>;

/**
 * The use cases of one record kind, as the services expose them: each takes what the request schema
 * lets through and answers what the response schema describes (a list item's columns are read by name
 * for an export).
 */
export type RecordUseCases<Item, ListItem, Create, Update, Query> = {
  create: (db: Database, actor: Actor, input: Create) => Promise<Item>;
  update: (db: Database, actor: Actor, id: number, input: Update) => Promise<Item>;
  get: (db: Database, actor: Actor, id: number) => Promise<Item>;
  remove: (db: Database, actor: Actor, id: number) => Promise<void>;
  find: (db: Database, actor: Actor, query: Query) => Promise<Page<ListItem & Record<string, unknown>>>;
};

/** One record kind's routes: where they live, their schemas, and the use cases behind them. */
export type RecordRoutes<
  Item extends TObject,
  Create extends TSchema,
  Update extends TSchema,
  Query extends ListQuery,
  ListItem extends TObject,
> = {
  path: string;
  tag: string;
  noun: string;
  item: Item;
  /** The list's item when it differs from the one read (an order without its lines). */
  listItem?: ListItem;
  create: Create;
  update: Update;
  listQuery: Query;
  /** Names of the values of columns whose schema does not list them (a client's status is any text in its list item). */
  names?: Record<string, Record<string, Label>>;
  useCases: RecordUseCases<Static<Item>, Static<ListItem>, Static<Create>, Static<Update>, Static<Query>>;
};

/** Registers list, create, read, update and delete for one record kind under /api/v1/<path>. */
export function recordRoutes<
  Item extends TObject,
  Create extends TSchema,
  Update extends TSchema,
  Query extends ListQuery,
  ListItem extends TObject = Item,
>(app: RouteApp, r: RecordRoutes<Item, Create, Update, Query, ListItem>): void;
// The body serves every record kind, so it sees plain schemas (data of unknown type) and a list query
// with only the shared fields; the signature above ties each kind's use cases to its schemas.
export function recordRoutes(app: RouteApp, r: RecordRoutes<TObject, TSchema, TSchema, ListQuery, TObject>): void {
  const base = `/api/v1/${r.path}`;
  // The list's columns as JSON Schema (a TypeBox schema is one): every property that is not an object.
  const properties: Record<string, Property> = (r.listItem ?? r.item).properties;
  const columns = Object.keys(properties).filter((k) => properties[k]!.type !== 'object');
  const exported = columns.map((k) => exportColumn(k, properties[k]!, r.names?.[k]));
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
      const q = req.query;
      if (!q.format) return r.useCases.find(app.db, req.actor, q);
      // The whole filtered list, a page at a time, so one export never asks the database for everything at once.
      const lang = fileLanguage(q);
      const rows: Cell[][] = [];
      for (let page = 1; rows.length < EXPORT_ROWS; page++) {
        const { items } = await r.useCases.find(app.db, req.actor, { ...q, page, pageSize: EXPORT_PAGE });
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
    async (req, reply) => reply.status(201).send(await r.useCases.create(app.db, req.actor, req.body)),
  );
  app.get(
    `${base}/:id`,
    {
      schema: { tags: [r.tag], summary: `Read a ${r.noun}`, params: IdParams, response: withProblems({ 200: r.item }) },
    },
    (req) => r.useCases.get(app.db, req.actor, req.params.id),
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
    (req) => r.useCases.update(app.db, req.actor, req.params.id, req.body),
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
      await r.useCases.remove(app.db, req.actor, req.params.id);
      return noContent(reply);
    },
  );
}
