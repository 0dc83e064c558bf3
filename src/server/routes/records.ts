import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { IdParams, pageOf } from '../../contract/common.js';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../services/actor.js';
import { withProblems } from './responses.js';

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
  app.get(base, { schema: { tags: [r.tag], summary: `List ${r.noun}s`, querystring: r.listQuery, response: withProblems({ 200: pageOf(r.listItem ?? r.item) }) } },
    (req) => r.useCases.find(app.db, req.actor, req.query as never));
  app.post(base, { schema: { tags: [r.tag], summary: `Create a ${r.noun}`, body: r.create, response: withProblems({ 201: r.item }) } },
    async (req, reply) => reply.status(201).send(await r.useCases.create(app.db, req.actor, req.body as never)));
  app.get(`${base}/:id`, { schema: { tags: [r.tag], summary: `Read a ${r.noun}`, params: IdParams, response: withProblems({ 200: r.item }) } },
    (req) => r.useCases.get(app.db, req.actor, id(req)));
  app.patch(`${base}/:id`, { schema: { tags: [r.tag], summary: `Change a ${r.noun} (only the fields given)`, params: IdParams, body: r.update, response: withProblems({ 200: r.item }) } },
    (req) => r.useCases.update(app.db, req.actor, id(req), req.body as never));
  app.delete(`${base}/:id`, { schema: { tags: [r.tag], summary: `Delete a ${r.noun}`, params: IdParams, response: withProblems({ 204: Type.Null() }) } },
    async (req, reply) => { await r.useCases.remove(app.db, req.actor, id(req)); return reply.status(204).send(); });
}
