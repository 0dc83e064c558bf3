import { and, eq, or } from 'drizzle-orm';
import type { ClientCardT } from '../../contract/card.js';
import type { ClientRelationT } from '../../contract/clients.js';
import { DomainError, invalidInput, notFound } from '../../core/errors.js';
import { formatMoney } from '../../core/money/money.js';
import type { Database } from '../../db/database.js';
import { getRecord } from '../../db/queries/records.js';
import { clientRelations, clients, users } from '../../db/schema/index.js';
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

type FactsRow = {
  orders: number;
  revenue: number;
  margin: number | null;
  first_order: string | null;
  last_order: string | null;
  paid: number;
  overdue_due: number;
  products: number;
  minutes: number;
  spend: number;
};

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
  const { rows } = await db.engine.query<FactsRow>(
    `
    SELECT
      (SELECT count(*) FROM orders o WHERE o.org_id = $1 AND o.client_id = $2 AND o.status <> 'cancelled') AS orders,
      (SELECT coalesce(sum(o.total), 0) FROM orders o WHERE o.org_id = $1 AND o.client_id = $2 AND o.status <> 'cancelled') AS revenue,
      (SELECT CASE WHEN count(*) = 0 OR bool_or(l.cost_basis <> 'unknown') THEN coalesce(sum(l.amount - l.cost_amount) FILTER (WHERE l.cost_basis <> 'unknown'), 0) END
         FROM order_lines l JOIN orders o ON o.org_id = l.org_id AND o.id = l.order_id AND o.status <> 'cancelled'
        WHERE l.org_id = $1 AND l.client_id = $2) AS margin,
      (SELECT min(o.order_date)::text FROM orders o WHERE o.org_id = $1 AND o.client_id = $2 AND o.status <> 'cancelled') AS first_order,
      (SELECT max(o.order_date)::text FROM orders o WHERE o.org_id = $1 AND o.client_id = $2 AND o.status <> 'cancelled') AS last_order,
      (SELECT coalesce(sum(p.amount), 0) FROM payments p WHERE p.org_id = $1 AND p.client_id = $2) AS paid,
      (SELECT coalesce(sum(greatest(o.total - coalesce(pa.paid, 0), 0)), 0)
         FROM orders o
         LEFT JOIN (SELECT order_id, sum(amount) AS paid FROM payments WHERE org_id = $1 AND client_id = $2 GROUP BY order_id) pa ON pa.order_id = o.id
        WHERE o.org_id = $1 AND o.client_id = $2 AND o.status <> 'cancelled' AND o.payment_due_date < current_date) AS overdue_due,
      (SELECT count(DISTINCT l.product_id) FROM order_lines l WHERE l.org_id = $1 AND l.client_id = $2) AS products,
      (SELECT coalesce(sum(i.duration_minutes), 0) FROM interactions i WHERE i.org_id = $1 AND i.client_id = $2) AS minutes,
      (SELECT coalesce(sum(i.money_spent), 0) FROM interactions i WHERE i.org_id = $1 AND i.client_id = $2) AS spend`,
    [orgId, clientId],
  );
  const f = rows[0]!;
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

async function relationsOf(db: Database, orgId: number, clientId: number): Promise<ClientRelationT[]> {
  const rows = await db.orm
    .select({ rel: clientRelations, name: clients.name })
    .from(clientRelations)
    .innerJoin(clients, and(eq(clients.orgId, clientRelations.orgId), eq(clients.id, clientRelations.relatedClientId)))
    .where(and(eq(clientRelations.orgId, orgId), eq(clientRelations.clientId, clientId)));
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
  if (!row) throw notFound('Client', clientId);
  const recent = { clientId, page: 1, pageSize: 20 };
  const [owner, legal, people, relations, purchases, recentOrders, recentPayments, recentInteractions] =
    await Promise.all([
      row.ownerUserId ? getRecord<{ name: string }>(db, users, actor.orgId, row.ownerUserId) : undefined,
      legalEntityService.find(db, actor, { clientId, pageSize: 200, sort: 'fullName' }),
      contactService.find(db, actor, { clientId, pageSize: 200 }),
      relationsOf(db, actor.orgId, clientId),
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
  input: { relatedClientId: number; kind: string; notes?: string | null },
): Promise<ClientRelationT[]> {
  assertCanWrite(actor);
  if (input.relatedClientId === clientId)
    throw invalidInput([
      {
        field: 'relatedClientId',
        reason: 'self',
        message: { en: 'a client cannot be linked to itself', ru: 'клиента нельзя связать с самим собой' },
      },
    ]);
  return db.engine.transaction(async () => {
    await getClient(db, actor, clientId);
    await getClient(db, actor, input.relatedClientId);
    const mirror: Record<string, string> = {
      holding: 'subsidiary',
      subsidiary: 'holding',
      supplier: 'customer',
      customer: 'supplier',
    };
    const existing = await db.orm
      .select()
      .from(clientRelations)
      .where(
        and(
          eq(clientRelations.orgId, actor.orgId),
          eq(clientRelations.clientId, clientId),
          eq(clientRelations.relatedClientId, input.relatedClientId),
          eq(clientRelations.kind, input.kind),
        ),
      );
    if (existing.length) throw new DomainError('conflict', 'These clients are already linked this way.');
    await db.orm
      .insert(clientRelations)
      .values([
        {
          orgId: actor.orgId,
          clientId,
          relatedClientId: input.relatedClientId,
          kind: input.kind,
          notes: input.notes ?? null,
        },
        {
          orgId: actor.orgId,
          clientId: input.relatedClientId,
          relatedClientId: clientId,
          kind: mirror[input.kind] ?? input.kind,
          notes: input.notes ?? null,
        },
      ])
      .onConflictDoNothing();
    await audit(db, actor, {
      action: 'create',
      entity: 'client_relation',
      clientId,
      after: { relatedClientId: input.relatedClientId, kind: input.kind, notes: input.notes ?? null },
    });
    return relationsOf(db, actor.orgId, clientId);
  });
}

export async function removeClientRelation(
  db: Database,
  actor: Actor,
  clientId: number,
  relatedClientId: number,
  kind: string,
): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    await assertClientInScope(db, actor, clientId);
    const deleted = await db.orm
      .delete(clientRelations)
      .where(
        and(
          eq(clientRelations.orgId, actor.orgId),
          or(
            and(
              eq(clientRelations.clientId, clientId),
              eq(clientRelations.relatedClientId, relatedClientId),
              eq(clientRelations.kind, kind),
            ),
            and(eq(clientRelations.clientId, relatedClientId), eq(clientRelations.relatedClientId, clientId)),
          ),
        ),
      )
      .returning({ kind: clientRelations.kind });
    if (deleted.length === 0) throw notFound('Client link', `${clientId}→${relatedClientId}`);
    await audit(db, actor, {
      action: 'delete',
      entity: 'client_relation',
      clientId,
      before: { relatedClientId, kind },
    });
  });
}
