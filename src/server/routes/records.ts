import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { IdParams, pageOf } from '../../contract/common.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../services/actor.js';
import { recordLabels } from '../../contract/record-labels.js';
import { sendSheet, withProblems } from './responses.js';

/** The most rows one list export carries; larger lists export by filter. */
const EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 1000;

const cell = (v: unknown): string | number | null => {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
};

/** The use cases of one record kind, as the services expose them. */
export type RecordUseCases = {
  create(db: Database, actor: Actor, input: never): Promise<unknown>;
  update(db: Database, actor: Actor, id: number, input: never): Promise<unknown>;
  get(db: Database, actor: Actor, id: number): Promise<unknown>;
  remove(db: Database, actor: Actor, id: number): Promise<void>;
  find(db: Database, actor: Actor, query: never): Promise<unknown>;
};

/** Registers list, create, read, update and delete for one record kind under /api/v1/<path>. */
export function recordRoutes(app: FastifyInstance, r: {
  path: string; tag: string; noun: string; useCases: RecordUseCases;
  item: TSchema; listItem?: TSchema; create: TSchema; update: TSchema; listQuery: TSchema;
}): void {
  const base = `/api/v1/${r.path}`;
  const id = (req: { params: unknown }) => (req.params as { id: number }).id;
  const listed = (r.listItem ?? r.item) as unknown as { properties: Record<string, { type?: string }> };
  const columns = Object.keys(listed.properties).filter((k) => listed.properties[k]!.type !== 'object');
  app.get(base, { schema: { tags: [r.tag], summary: `List ${r.noun}s; format=csv|xlsx answers the whole filtered list as a file`, querystring: r.listQuery, response: withProblems({ 200: Type.Union([pageOf(r.listItem ?? r.item), Type.Unknown()]) }) } },
    async (req, reply) => {
      const q = req.query as { format?: 'csv' | 'xlsx'; lang?: 'ru' | 'en' } & Record<string, unknown>;
      if (!q.format) return r.useCases.find(app.db, req.actor, q as never);
      // The whole filtered list, a page at a time, so one export never asks the database for everything at once.
      const rows: (string | number | null)[][] = [];
      for (let page = 1; rows.length < EXPORT_ROWS; page++) {
        const { items } = await r.useCases.find(app.db, req.actor, { ...q, page, pageSize: EXPORT_PAGE } as never) as { items: Record<string, unknown>[] };
        for (const item of items) rows.push(columns.map((k) => cell(item[k])));
        if (items.length < EXPORT_PAGE) break;
      }
      const lang = q.lang ?? ((req.actor as { locale?: string }).locale === 'en' ? 'en' : 'ru');
      return sendSheet(reply, q.format, r.path, { name: r.path, headers: columns.map((k) => recordLabels[k]?.[lang] ?? k), rows });
    });
  app.post(base, { schema: { tags: [r.tag], summary: `Create a ${r.noun}`, body: r.create, response: withProblems({ 201: r.item }) } },
    async (req, reply) => reply.status(201).send(await r.useCases.create(app.db, req.actor, req.body as never)));
  app.get(`${base}/:id`, { schema: { tags: [r.tag], summary: `Read a ${r.noun}`, params: IdParams, response: withProblems({ 200: r.item }) } },
    (req) => r.useCases.get(app.db, req.actor, id(req)));
  app.patch(`${base}/:id`, { schema: { tags: [r.tag], summary: `Change a ${r.noun} (only the fields given)`, params: IdParams, body: r.update, response: withProblems({ 200: r.item }) } },
    (req) => r.useCases.update(app.db, req.actor, id(req), req.body as never));
  app.delete(`${base}/:id`, { schema: { tags: [r.tag], summary: `Delete a ${r.noun}`, params: IdParams, response: withProblems({ 204: Type.Null() }) } },
    async (req, reply) => { await r.useCases.remove(app.db, req.actor, id(req)); return reply.status(204).send(); });
}
