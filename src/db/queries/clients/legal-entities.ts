import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../../database.js';
import { legalEntities } from '../../schema/index.js';

/** One primary legal entity per client: every other one of the client stops being primary. */
export async function clearOtherPrimaries(
  db: Database,
  orgId: number,
  clientId: number,
  primaryId: number,
): Promise<void> {
  await db.orm
    .update(legalEntities)
    .set({ isPrimary: false })
    .where(and(eq(legalEntities.orgId, orgId), eq(legalEntities.clientId, clientId), ne(legalEntities.id, primaryId)));
}
