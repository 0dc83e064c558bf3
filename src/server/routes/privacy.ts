import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../contract/common.js';
import {
  ClientConsentStatuses,
  ConsentCreate,
  ConsentUpdate,
  ContactConsents,
  ErasureRequest,
  ErasureResult,
  PersonalDataExport,
  PersonalDataQuery,
} from '../../contract/privacy.js';
import { clientConsentStatuses, listConsents, recordConsent, updateConsent } from '../../services/privacy/consents.js';
import { eraseContact } from '../../services/privacy/erasure.js';
import { personalDataOf, personalDataSheets } from '../../services/privacy/export.js';
import { xlsxStream } from '../../files/spreadsheet.js';
import { fileLanguage, withProblems } from './responses.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Personal data of the clients' people (152-ФЗ, GDPR): consents, everything held on one person, erasure on request. */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['personal data'];

  app.get(
    '/api/v1/contacts/:id/consents',
    {
      schema: {
        tags,
        summary:
          "A person's consents to the processing of their personal data, with the status today (none / given / withdrawn / expired)",
        params: IdParams,
        response: withProblems({ 200: ContactConsents }),
      },
    },
    (req) => listConsents(app.db, req.actor, req.params.id),
  );

  app.post(
    '/api/v1/contacts/:id/consents',
    {
      schema: {
        tags,
        summary:
          "Record a consent: purpose, form (a separate document from 01.09.2025), given on, valid until; answers the person's consents",
        params: IdParams,
        body: ConsentCreate,
        response: withProblems({ 201: ContactConsents }),
      },
    },
    async (req, reply) => reply.status(201).send(await recordConsent(app.db, req.actor, req.params.id, req.body)),
  );

  app.patch(
    '/api/v1/consents/:id',
    {
      schema: {
        tags,
        summary:
          "Withdraw a consent on a day (152-ФЗ ст. 9 ч. 2); answers the person's consents, with the day to destroy the data by",
        params: IdParams,
        body: ConsentUpdate,
        response: withProblems({ 200: ContactConsents }),
      },
    },
    (req) => updateConsent(app.db, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/v1/clients/:id/consents',
    {
      schema: {
        tags,
        summary: 'The consent status of each person of a client (for the card)',
        params: IdParams,
        response: withProblems({ 200: ClientConsentStatuses }),
      },
    },
    (req) => clientConsentStatuses(app.db, req.actor, req.params.id),
  );

  app.get(
    '/api/v1/contacts/:id/personal-data',
    {
      schema: {
        tags,
        summary:
          'Everything held on one person (152-ФЗ ст. 14): JSON, or XLSX with one sheet per part. Owner, head of sales, the manager who owns the client',
        params: IdParams,
        querystring: PersonalDataQuery,
        response: withProblems({ 200: Type.Union([PersonalDataExport, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const lang = fileLanguage(q);
      const data = await personalDataOf(app.db, req.actor, req.params.id, q.format ?? 'json', undefined, lang);
      reply.header('cache-control', 'no-store');
      if (q.format !== 'xlsx')
        return reply
          .header('content-disposition', `attachment; filename="personal-data-${data.contact.id}.json"`)
          .send(data);
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="personal-data-${data.contact.id}.xlsx"`)
        .send(xlsxStream(personalDataSheets(data, lang)));
    },
  );

  app.post(
    '/api/v1/contacts/:id/erase',
    {
      schema: {
        tags,
        summary:
          "Erase a person's personal data on their request, keeping the commercial history (owner, head of sales); a second erasure is 409",
        params: IdParams,
        body: ErasureRequest,
        response: withProblems({ 200: ErasureResult }),
      },
    },
    (req) => eraseContact(app.db, req.actor, req.params.id, req.body),
  );
};
