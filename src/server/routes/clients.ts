import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ClientCard } from '../../contract/card.js';
import {
  Client,
  ClientCreate,
  ClientFieldValues,
  ClientFieldValuesQuery,
  ClientListItem,
  ClientListQuery,
  ClientRelation,
  ClientRelationCreate,
  ClientRelationParams,
  ClientUpdate,
  ClientWithDetails,
  ClientWithDetailsCreate,
  Contact,
  ContactCreate,
  ContactUpdate,
  DuplicateRequisitesPage,
  DuplicateRequisitesQuery,
  LegalEntity,
  LegalEntityCreate,
  LegalEntityUpdate,
  PossibleDuplicates,
  PossibleDuplicatesQuery,
} from '../../contract/clients.js';
import { IdParams } from '../../contract/common.js';
import { RecordListQuery } from '../../contract/sales.js';
import { clientStatusLabels } from '../../core/value-labels.js';
import { addClientRelation, getClientCard, removeClientRelation } from '../../services/clients/client-card.js';
import {
  createClient,
  deleteClient,
  findClientFieldValues,
  findClients,
  getClient,
  updateClient,
} from '../../services/clients/clients.js';
import { contactService } from '../../services/clients/contacts.js';
import { findDuplicateRequisites } from '../../services/clients/duplicate-requisites.js';
import { legalEntityService } from '../../services/clients/legal-entities.js';
import { createClientWithDetails, findPossibleDuplicates } from '../../services/clients/new-client.js';
import { recordRoutes } from './records.js';
import { noContent, withProblems } from './responses.js';

export const clientRoutes: FastifyPluginAsyncTypebox = async (app) => {
  recordRoutes(app, {
    path: 'clients',
    tag: 'clients',
    noun: 'client',
    item: Client,
    listItem: ClientListItem,
    create: ClientCreate,
    update: ClientUpdate,
    listQuery: ClientListQuery,
    names: { status: clientStatusLabels },
    useCases: {
      create: createClient,
      update: updateClient,
      get: getClient,
      remove: deleteClient,
      find: findClients,
    },
  });
  app.get(
    '/api/v1/clients/:id/card',
    {
      schema: {
        tags: ['clients'],
        summary: 'The whole client card: five blocks, people, latest documents and purchase facts',
        params: IdParams,
        response: withProblems({ 200: ClientCard }),
      },
    },
    (req) => getClientCard(app.db, req.actor, req.params.id),
  );
  app.get(
    '/api/v1/clients/field-values',
    {
      schema: {
        tags: ['clients'],
        summary:
          'The regions or industries of the clients the caller sees, each with how many clients have it (the choices of the list filters)',
        querystring: ClientFieldValuesQuery,
        response: withProblems({ 200: ClientFieldValues }),
      },
    },
    (req) => findClientFieldValues(app.db, req.actor, req.query),
  );
  app.get(
    '/api/v1/clients/duplicate-requisites',
    {
      schema: {
        tags: ['clients'],
        summary:
          "Groups of clients sharing a company's ИНН and КПП (candidates to merge), among the clients the caller sees",
        querystring: DuplicateRequisitesQuery,
        response: withProblems({ 200: DuplicateRequisitesPage }),
      },
    },
    (req) => findDuplicateRequisites(app.db, req.actor, req.query),
  );
  app.post(
    '/api/v1/clients/with-details',
    {
      schema: {
        tags: ['clients'],
        summary: 'Create a client with its primary legal entity and first contact, all or nothing',
        body: ClientWithDetailsCreate,
        response: withProblems({ 201: ClientWithDetails }),
      },
    },
    async (req, reply) => reply.status(201).send(await createClientWithDetails(app.db, req.actor, req.body)),
  );
  app.get(
    '/api/v1/clients/possible-duplicates',
    {
      schema: {
        tags: ['clients'],
        summary:
          'Clients that may be the one being entered: the same ИНН (and КПП), the same or a very similar name; of clients the caller may not open only how many',
        querystring: PossibleDuplicatesQuery,
        response: withProblems({ 200: PossibleDuplicates }),
      },
    },
    (req) => findPossibleDuplicates(app.db, req.actor, req.query),
  );
  app.post(
    '/api/v1/clients/:id/relations',
    {
      schema: {
        tags: ['clients'],
        summary: 'Link this client to another (holding, partner…)',
        params: IdParams,
        body: ClientRelationCreate,
        response: withProblems({ 201: Type.Array(ClientRelation) }),
      },
    },
    async (req, reply) => reply.status(201).send(await addClientRelation(app.db, req.actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/v1/clients/:id/relations/:relatedClientId/:kind',
    {
      schema: {
        tags: ['clients'],
        summary: 'Remove a link between clients',
        params: ClientRelationParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      const p = req.params;
      await removeClientRelation(app.db, req.actor, p.id, p.relatedClientId, p.kind);
      return noContent(reply);
    },
  );
  recordRoutes(app, {
    path: 'legal-entities',
    tag: 'clients',
    noun: 'legal entity',
    item: LegalEntity,
    create: LegalEntityCreate,
    update: LegalEntityUpdate,
    listQuery: RecordListQuery,
    useCases: legalEntityService,
  });
  recordRoutes(app, {
    path: 'contacts',
    tag: 'clients',
    noun: 'contact',
    item: Contact,
    create: ContactCreate,
    update: ContactUpdate,
    listQuery: RecordListQuery,
    useCases: contactService,
  });
};
