// The hooks other writes call: a lost client who buys again is won back (orders, sales import), and
// one made active by hand has its loss closed (client edits). Each runs inside its caller's transaction.
import type { Database } from '../../db/database.js';
import { closeOpenLoss, recordWinBacks } from '../../db/queries/losses/losses.js';

/**
 * After documents are written for `clientIds`: each lost client with a document after its lost day
 * (not a draft, not cancelled, not a return) is won back — its open loss gets that document's date
 * and id, the client becomes active. Set-based, one statement for any number of clients. Returns the
 * days the won-back clients had been lost: the caller's analytics upkeep must redo their ladder
 * history from then (`keepAnalytics(…, { days: [...documentDays, ...lostDays] })`).
 */
export async function winBackBuyers(db: Database, orgId: number, clientIds: Iterable<number>): Promise<string[]> {
  const won = await recordWinBacks(db, orgId, [...new Set(clientIds)]);
  return won.map((w) => w.lostOn);
}

/**
 * A person moved a lost client back to active (or prospect) on the card: the open loss, if any, is
 * closed as won back that day with no order — the record and its lesson stay.
 */
export function closeLossByHand(db: Database, orgId: number, clientId: number, on: string): Promise<boolean> {
  return closeOpenLoss(db, orgId, clientId, on);
}
