import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AuditPage, AuditQuery, ClientHistoryQuery } from '../../contract/audit.js';
import { IdParams } from '../../contract/common.js';
import { auditSheet, clientHistory, findAuditEntries } from '../../services/audit/history.js';
import { fileLanguage, sendSheet, withProblems } from './responses.js';

/** Who changed what and when: a client's history for anyone who sees the client, the whole log for the owner. */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['audit'];
  app.get(
    '/api/v1/clients/:id/history',
    {
      schema: {
        tags,
        summary:
          "The client's history: its changes and those of its records, newest first (with who and the values before and after)",
        params: IdParams,
        querystring: ClientHistoryQuery,
        response: withProblems({ 200: AuditPage }),
      },
    },
    (req) => clientHistory(app.db, req.actor, req.params.id, req.query),
  );
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        summary:
          "The organisation's audit log (owner only), filtered; format=csv|xlsx answers the filtered log as a file",
        querystring: AuditQuery,
        response: withProblems({ 200: Type.Union([AuditPage, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (!q.format) return findAuditEntries(app.db, req.actor, q);
      const lang = fileLanguage(q);
      return sendSheet(reply, q.format, 'audit', await auditSheet(app.db, req.actor, q, lang));
    },
  );
};
