import { sql, type SQL } from 'drizzle-orm';
import type { PaymentTracking } from '../../../core/analytics/settings.js';
import type { Database } from '../../database.js';

/**
 * Whether the organisation's payment discipline is tracked, as SQL: set on or off, or — by default —
 * once it has recorded any payment. A sales history without payments would otherwise show every
 * document as overdue and charge it a cost of late payment: that debt is unknown, not real.
 */
export function paymentsTrackedSql(orgId: number, setting: PaymentTracking): SQL {
  if (setting === 'on') return sql`true`;
  if (setting === 'off') return sql`false`;
  return sql`EXISTS (SELECT 1 FROM payments WHERE org_id = ${orgId})`;
}

export type PaymentTrackingState = { setting: PaymentTracking; tracked: boolean; hasPayments: boolean };

/** The organisation's payment tracking now: the setting, what it means today, and whether any payment exists. */
export async function paymentTrackingState(
  db: Database,
  orgId: number,
  setting: PaymentTracking,
): Promise<PaymentTrackingState> {
  const {
    rows: [r],
  } = await db.engine.query<{ has: boolean }>('SELECT EXISTS (SELECT 1 FROM payments WHERE org_id = $1) AS has', [
    orgId,
  ]);
  const hasPayments = Boolean(r?.has);
  return { setting, hasPayments, tracked: setting === 'on' || (setting === 'auto' && hasPayments) };
}

/**
 * Whether the stored figures of the clients outside `except` were computed under another tracking
 * state than `tracked` (overdue_now is null exactly when not tracked): the first payment of an
 * organisation, or a change of the setting, changes every client's figures, not only the written one's.
 */
export async function figuresTrackedOtherwise(
  db: Database,
  orgId: number,
  tracked: boolean,
  except: readonly number[],
): Promise<boolean> {
  const {
    rows: [r],
  } = await db.engine.query<{ tracked: boolean }>(
    'SELECT overdue_now IS NOT NULL AS tracked FROM client_figures WHERE org_id = $1 AND client_id <> ALL($2::bigint[]) LIMIT 1',
    [orgId, except.map(String)],
  );
  return r !== undefined && r.tracked !== tracked;
}
