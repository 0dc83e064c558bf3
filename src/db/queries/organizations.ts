import { eq, sql } from 'drizzle-orm';
import type { Database } from '../database.js';
import { organizations } from '../schema/index.js';

/** The organisation's settings document (organizations.settings), undefined when there is no such organisation. */
export async function orgSettingsOf(db: Database, orgId: number): Promise<unknown> {
  const [org] = await db.orm
    .select({ settings: organizations.settings })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.settings;
}

/** The sections of organizations.settings; each is written on its own. */
export type SettingsSection = 'analytics' | 'calendar';

/** Replaces one section of organizations.settings (jsonb_set): the sections beside it stay as they are. */
export async function setOrgSettings(
  db: Database,
  orgId: number,
  section: SettingsSection,
  value: unknown,
): Promise<void> {
  await db.orm
    .update(organizations)
    .set({
      settings: sql`jsonb_set(${organizations.settings}, ${sql.raw(`'{${section}}'`)}, ${JSON.stringify(value)}::jsonb)`,
    })
    .where(eq(organizations.id, orgId));
}

/** Every organisation's id, in id order. */
export async function organisationIds(db: Database): Promise<number[]> {
  const { rows } = await db.engine.query<{ id: number }>('SELECT id FROM organizations ORDER BY id');
  return rows.map((r) => Number(r.id));
}

/** The organisation's name, undefined when there is no such organisation. */
export async function organisationName(db: Database, orgId: number): Promise<string | undefined> {
  const {
    rows: [org],
  } = await db.engine.query<{ name: string }>('SELECT name FROM organizations WHERE id = $1', [orgId]);
  return org?.name;
}

/** Whether the organisation holds the demo company; undefined when there is no such organisation. */
export async function hasDemoDataOf(db: Database, orgId: number): Promise<boolean | undefined> {
  const [org] = await db.orm
    .select({ hasDemoData: organizations.hasDemoData })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.hasDemoData;
}

export async function setHasDemoData(db: Database, orgId: number, hasDemoData: boolean): Promise<void> {
  await db.orm.update(organizations).set({ hasDemoData }).where(eq(organizations.id, orgId));
}

/**
 * Holds the first start's lock until the transaction ends, so two processes starting on an empty
 * PostgreSQL database create one organisation (PGlite has one connection: nothing to hold).
 */
export async function lockFirstStart(db: Database): Promise<void> {
  if (db.engine.kind === 'postgres') await db.engine.query('SELECT pg_advisory_xact_lock(7262778)');
}

export async function countOrganisations(db: Database): Promise<number> {
  const [{ n } = { n: 0 }] = await db.orm.select({ n: sql<number>`count(*)` }).from(organizations);
  return Number(n);
}

/** Creates an organisation; its id. */
export async function insertOrganisation(db: Database, name: string): Promise<number> {
  const [org] = await db.orm.insert(organizations).values({ name }).returning();
  return org!.id;
}
