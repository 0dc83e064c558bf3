import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../contract/common.js';
import {
  BaseAnalysisPage,
  BaseAnalysisQuery,
  ContactLinkCreate,
  ContactLinkParams,
  FamilyMember,
  FamilyMemberCreate,
  FamilyMemberListQuery,
  FamilyMemberUpdate,
  PersonalKnowledge,
  PowerStructure,
  UsefulDate,
  UsefulDateCreate,
  UsefulDateListQuery,
  UsefulDateUpdate,
} from '../../contract/people.js';
import { baseAnalysisSheet, findBaseAnalysisList } from '../../services/people/base-analysis.js';
import { familyMemberService } from '../../services/people/family.js';
import { getPersonalKnowledge } from '../../services/people/personal.js';
import { addContactLink, getPowerStructure, removeContactLink } from '../../services/people/power-structure.js';
import { usefulDateService } from '../../services/people/useful-dates.js';
import { recordRoutes } from './records.js';
import { fileLanguage, noContent, sendSheet, withProblems } from './responses.js';

/** The most rows one export carries; larger bases export by filter. */
const EXPORT_ROWS = 100_000;

/** The client's people (docs/domain.md §4–5): power structure, base analysis, personal knowledge of key figures. */
export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['people'];

  app.get(
    '/api/v1/clients/:id/power-structure',
    {
      schema: {
        tags,
        summary: "The client's power structure: people, reporting and influence links, and the base-analysis checklist",
        params: IdParams,
        response: withProblems({ 200: PowerStructure }),
      },
    },
    (req) => getPowerStructure(app.db, req.actor, req.params.id),
  );

  app.post(
    '/api/v1/clients/:id/contact-links',
    {
      schema: {
        tags,
        summary:
          'Link two people of the client: reports_to (one boss each, no cycles) or influences; answers the power structure',
        params: IdParams,
        body: ContactLinkCreate,
        response: withProblems({ 201: PowerStructure }),
      },
    },
    async (req, reply) => reply.status(201).send(await addContactLink(app.db, req.actor, req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/clients/:id/contact-links/:from/:to/:kind',
    {
      schema: {
        tags,
        summary: 'Remove a link between two people of the client',
        params: ContactLinkParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await removeContactLink(app.db, req.actor, req.params.id, req.params);
      return noContent(reply);
    },
  );

  app.get(
    '/api/v1/people/base-analysis',
    {
      schema: {
        tags,
        summary:
          'The base analysis (docs/domain.md §4) across the base: clients with the questions answered and missing, most important first; CSV/XLSX export',
        querystring: BaseAnalysisQuery,
        response: withProblems({ 200: Type.Union([BaseAnalysisPage, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      if (q.format !== 'csv' && q.format !== 'xlsx') return findBaseAnalysisList(app.db, req.actor, q);
      const page = await findBaseAnalysisList(app.db, req.actor, q, EXPORT_ROWS);
      const lang = fileLanguage(q);
      return sendSheet(reply, q.format, 'base-analysis', baseAnalysisSheet(page.items, lang));
    },
  );

  app.get(
    '/api/v1/contacts/:id/personal',
    {
      schema: {
        tags,
        summary:
          "A person's personal knowledge: traits, family, useful dates, gifts given and last year's gifts (personal data)",
        params: IdParams,
        response: withProblems({ 200: PersonalKnowledge }),
      },
    },
    (req) => getPersonalKnowledge(app.db, req.actor, req.params.id),
  );

  recordRoutes(app, {
    path: 'family-members',
    tag: 'people',
    noun: 'family member',
    item: FamilyMember,
    create: FamilyMemberCreate,
    update: FamilyMemberUpdate,
    listQuery: FamilyMemberListQuery,
    useCases: familyMemberService,
  });
  recordRoutes(app, {
    path: 'useful-dates',
    tag: 'people',
    noun: 'useful date',
    item: UsefulDate,
    create: UsefulDateCreate,
    update: UsefulDateUpdate,
    listQuery: UsefulDateListQuery,
    useCases: usefulDateService,
  });
};
