import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/database.js';
import { organizations, users } from '../../db/schema/index.js';
import { hashPassword } from '../access/secrets.js';
import { loadDemo, type DemoProgress, type DemoSummary } from './load-demo.js';

export type FirstStart =
  | { created: false }
  | {
      created: true;
      orgId: number;
      adminEmail: string;
      adminPassword: string;
      passwordGenerated: boolean;
      demo: DemoSummary | null;
    };

/**
 * On an empty database: creates the first organisation and its administrator, and loads the demo
 * company into it (unless told not to). Does nothing when any organisation exists, so a removed demo
 * does not come back.
 */
export async function prepareFirstStart(
  db: Database,
  options: {
    adminEmail: string;
    adminPassword?: string | undefined;
    loadDemo: boolean;
    demoClients?: number;
    onProgress?: DemoProgress;
  },
): Promise<FirstStart> {
  const created = await db.engine.transaction(async () => {
    if (db.engine.kind === 'postgres') await db.engine.query('SELECT pg_advisory_xact_lock(7262778)');
    const [{ n } = { n: 0 }] = await db.orm.select({ n: sql<number>`count(*)` }).from(organizations);
    if (Number(n) > 0) return null;
    const [org] = await db.orm
      .insert(organizations)
      .values({ name: options.loadDemo ? 'ООО «Демо-Дистрибуция»' : 'Моя компания' })
      .returning();
    const password = options.adminPassword ?? randomBytes(9).toString('base64url');
    await db.orm.insert(users).values({
      orgId: org!.id,
      name: 'Администратор',
      email: options.adminEmail,
      role: 'owner',
      passwordHash: await hashPassword(password),
    });
    return { orgId: org!.id, password };
  });
  if (!created) return { created: false };
  const demo = options.loadDemo
    ? await loadDemo(
        db,
        created.orgId,
        { clients: options.demoClients ?? 300, years: 3, seed: 1, until: new Date().toISOString().slice(0, 10) },
        options.onProgress,
      )
    : null;
  return {
    created: true,
    orgId: created.orgId,
    adminEmail: options.adminEmail,
    adminPassword: created.password,
    passwordGenerated: !options.adminPassword,
    demo,
  };
}
