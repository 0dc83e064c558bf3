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
