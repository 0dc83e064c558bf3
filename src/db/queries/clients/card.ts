import { and, eq, or } from 'drizzle-orm';
import type { Database } from '../../database.js';
import type { relationKinds } from '../../../core/vocabulary.js';
import type { Word } from '../../schema/columns.js';
import { clientRelations, clients } from '../../schema/index.js';

type RelationKind = Word<typeof relationKinds>;

export type PurchaseFactsRow = {
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
 * when none is: a sale without a cost is not pure margin); paid = Σ payments; overdue_due = Σ totals
 * of orders past their due date − payments made against them (floored at 0).
 */
export async function purchaseFactsOf(db: Database, orgId: number, clientId: number): Promise<PurchaseFactsRow> {
  const { rows } = await db.engine.query<PurchaseFactsRow>(
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
  return rows[0]!;
}

/** The client's links to other clients, each with the other client's name. */
export async function relationsOf(db: Database, orgId: number, clientId: number) {
  return db.orm
    .select({ rel: clientRelations, name: clients.name })
    .from(clientRelations)
    .innerJoin(clients, and(eq(clients.orgId, clientRelations.orgId), eq(clients.id, clientRelations.relatedClientId)))
    .where(and(eq(clientRelations.orgId, orgId), eq(clientRelations.clientId, clientId)));
}

/** Whether the client is already linked to the other one this way. */
export async function relationExists(
  db: Database,
  orgId: number,
  link: { clientId: number; relatedClientId: number; kind: RelationKind },
): Promise<boolean> {
  const existing = await db.orm
    .select()
    .from(clientRelations)
    .where(
      and(
        eq(clientRelations.orgId, orgId),
        eq(clientRelations.clientId, link.clientId),
        eq(clientRelations.relatedClientId, link.relatedClientId),
        eq(clientRelations.kind, link.kind),
      ),
    );
  return existing.length > 0;
}

/** Adds the link and its mirror (from the other client's side, `mirrorKind`); existing ones stay. */
export async function insertRelation(
  db: Database,
  orgId: number,
  link: {
    clientId: number;
    relatedClientId: number;
    kind: RelationKind;
    mirrorKind: RelationKind;
    notes: string | null;
  },
): Promise<void> {
  await db.orm
    .insert(clientRelations)
    .values([
      {
        orgId,
        clientId: link.clientId,
        relatedClientId: link.relatedClientId,
        kind: link.kind,
        notes: link.notes,
      },
      {
        orgId,
        clientId: link.relatedClientId,
        relatedClientId: link.clientId,
        kind: link.mirrorKind,
        notes: link.notes,
      },
    ])
    .onConflictDoNothing();
}

/** Deletes the link of this kind and every link back from the other client; how many rows went. */
export async function deleteRelation(
  db: Database,
  orgId: number,
  link: { clientId: number; relatedClientId: number; kind: RelationKind },
): Promise<number> {
  const deleted = await db.orm
    .delete(clientRelations)
    .where(
      and(
        eq(clientRelations.orgId, orgId),
        or(
          and(
            eq(clientRelations.clientId, link.clientId),
            eq(clientRelations.relatedClientId, link.relatedClientId),
            eq(clientRelations.kind, link.kind),
          ),
          and(eq(clientRelations.clientId, link.relatedClientId), eq(clientRelations.relatedClientId, link.clientId)),
        ),
      ),
    )
    .returning({ kind: clientRelations.kind });
  return deleted.length;
}
