import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ClientShareCreate, ClientShareParams, ClientShares } from '../../contract/access.js';
import { IdParams } from '../../contract/common.js';
import { findClientShares, shareClient, unshareClient } from '../../services/access/shares.js';
import { noContent, withProblems } from './responses.js';

/** Client shares: a manager works with the clients they own and those shared with them. */
export const accessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['clients'];
  app.get(
    '/api/v1/clients/:id/shares',
    {
      schema: {
        tags,
        summary: 'Managers the client is shared with besides its owner',
        params: IdParams,
        response: withProblems({ 200: ClientShares }),
      },
    },
    (req) => findClientShares(app.db, req.actor, req.params.id),
  );
  app.post(
    '/api/v1/clients/:id/shares',
    {
      schema: {
        tags,
        summary: 'Share the client with a manager (owner, head of sales, or the manager who owns it)',
        params: IdParams,
        body: ClientShareCreate,
        response: withProblems({ 201: ClientShares }),
      },
    },
    async (req, reply) => reply.status(201).send(await shareClient(app.db, req.actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/clients/:id/shares/:userId',
    {
      schema: {
        tags,
        summary: 'Stop sharing the client with a manager',
        params: ClientShareParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await unshareClient(app.db, req.actor, req.params.id, req.params.userId);
      return noContent(reply);
    },
  );
};
