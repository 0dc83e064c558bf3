import type { ClientCardT } from '../../contract/card.js';
import type { ClientRelationT } from '../../contract/clients.js';
import { DomainError, fieldProblem, invalidInput, notFound } from '../../core/errors.js';
import { formatMoney } from '../../core/money/money.js';
import type { relationKinds } from '../../core/vocabulary.js';
import type { Database } from '../../db/database.js';
import { getRecord } from '../../db/queries/records.js';
import { clients, users } from '../../db/schema/index.js';
import {
  deleteRelation,
  insertRelation,
  purchaseFactsOf,
  relationExists,
  relationsOf,
} from '../../db/queries/clients/card.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertClientInScope, rowScope } from '../access/scope.js';
import { isoTimestamp } from '../convert.js';
import { contactService } from './contacts.js';
import { clientToApi, getClient } from './clients.js';
import { legalEntityService } from './legal-entities.js';
import { findOrders } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { interactionService } from '../sales/interactions.js';
import { audit } from '../audit/record.js';
import { paymentTrackingState } from '../../db/queries/analytics/payment-tracking.js';
import { analyticsSettingsFor } from '../analytics/settings.js';

type RelationKind = (typeof relationKinds)[number];

/**
 * Purchase facts of one client, live from its documents (indexed by client, so a few ms):
 * revenue = Σ totals of non-cancelled orders; gross margin over the lines whose cost is known (null
 * when none is: a sale without a cost is not pure margin); balance due = revenue − payments;
 * overdue = Σ totals of orders past their due date − payments made against them (floored at 0).
 * Both are unknown (null) when the organisation does not track payments: a sales history loaded
 * without its payments would otherwise show every document as owed.
 */
async function purchaseFacts(db: Database, orgId: number, clientId: number): Promise<ClientCardT['purchases']> {
  const { tracked } = await paymentTrackingState(db, orgId, (await analyticsSettingsFor(db, orgId)).paymentTracking);
  const f = await purchaseFactsOf(db, orgId, clientId);
  const n = (v: unknown) => Number(v ?? 0);
  return {
    orders: n(f.orders),
    revenue: formatMoney(n(f.revenue)),
    grossMargin: f.margin === null ? null : formatMoney(n(f.margin)),
    firstOrderDate: f.first_order,
    lastOrderDate: f.last_order,
    paid: formatMoney(n(f.paid)),
    paymentsTracked: tracked,
    balanceDue: tracked ? formatMoney(n(f.revenue) - n(f.paid)) : null,
    overdue: tracked ? formatMoney(n(f.overdue_due)) : null,
    productsBought: n(f.products),
    interactionMinutes: n(f.minutes),
    relationshipSpend: formatMoney(n(f.spend)),
  };
}

async function relationsView(db: Database, orgId: number, clientId: number): Promise<ClientRelationT[]> {
  const rows = await relationsOf(db, orgId, clientId);
  return rows.map(({ rel, name }) => ({
    clientId: rel.clientId,
    relatedClientId: rel.relatedClientId,
    relatedClientName: name,
    kind: rel.kind,
    notes: rel.notes,
    createdAt: isoTimestamp(rel.createdAt),
  }));
}

/** The whole client card in one read: the five blocks, the people, and the latest documents. */
export async function getClientCard(db: Database, actor: Actor, clientId: number): Promise<ClientCardT> {
  const row = await getRecord<typeof clients.$inferSelect>(
    db,
    clients,
    actor.orgId,
    clientId,
    rowScope(actor, clients),
  );
  if (!row) throw notFound('client', clientId);
  const recent = { clientId, page: 1, pageSize: 20 };
  const [owner, legal, people, relations, purchases, recentOrders, recentPayments, recentInteractions] =
    await Promise.all([
      row.ownerUserId ? getRecord<{ name: string }>(db, users, actor.orgId, row.ownerUserId) : undefined,
      legalEntityService.find(db, actor, { clientId, pageSize: 200, sort: 'fullName' }),
      contactService.find(db, actor, { clientId, pageSize: 200 }),
      relationsView(db, actor.orgId, clientId),
      purchaseFacts(db, actor.orgId, clientId),
      findOrders(db, actor, recent),
      paymentService.find(db, actor, recent),
      interactionService.find(db, actor, recent),
    ]);
  return {
    client: clientToApi(row),
    ownerName: owner?.name ?? null,
    legalEntities: legal.items,
    contacts: people.items,
    relations,
    purchases,
    recentOrders: recentOrders.items,
    recentPayments: recentPayments.items,
    recentInteractions: recentInteractions.items,
  };
}

/** Links two clients (a holding and its subsidiary, partners…); the link is kept from both sides. */
export async function addClientRelation(
  db: Database,
  actor: Actor,
  clientId: number,
  input: { relatedClientId: number; kind: RelationKind; notes?: string | null },
): Promise<ClientRelationT[]> {
  assertCanWrite(actor);
  if (input.relatedClientId === clientId)
    throw invalidInput([fieldProblem('relatedClientId', 'self', 'client.linkedToItself')]);
  return db.engine.transaction(async () => {
    await getClient(db, actor, clientId);
    await getClient(db, actor, input.relatedClientId);
    const mirror: Partial<Record<RelationKind, RelationKind>> = {
      holding: 'subsidiary',
      subsidiary: 'holding',
      supplier: 'customer',
      customer: 'supplier',
    };
    if (await relationExists(db, actor.orgId, { clientId, relatedClientId: input.relatedClientId, kind: input.kind }))
      throw new DomainError('conflict', 'client.alreadyLinked');
    await insertRelation(db, actor.orgId, {
      clientId,
      relatedClientId: input.relatedClientId,
      kind: input.kind,
      mirrorKind: mirror[input.kind] ?? input.kind,
      notes: input.notes ?? null,
    });
    await audit(db, actor, {
      action: 'create',
      entity: 'client_relation',
      clientId,
      after: { relatedClientId: input.relatedClientId, kind: input.kind, notes: input.notes ?? null },
    });
    return relationsView(db, actor.orgId, clientId);
  });
}

export async function removeClientRelation(
  db: Database,
  actor: Actor,
  clientId: number,
  relatedClientId: number,
  kind: RelationKind,
): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    await assertClientInScope(db, actor, clientId);
    const deleted = await deleteRelation(db, actor.orgId, { clientId, relatedClientId, kind });
    if (deleted === 0) throw notFound('clientLink', `${clientId}→${relatedClientId}`);
    await audit(db, actor, {
      action: 'delete',
      entity: 'client_relation',
      clientId,
      before: { relatedClientId, kind },
    });
  });
}
