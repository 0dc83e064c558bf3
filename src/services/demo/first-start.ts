import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { insertUser } from '../../db/queries/access/users.js';
import { countOrganisations, insertOrganisation, lockFirstStart } from '../../db/queries/organizations.js';
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
    await lockFirstStart(db);
    if ((await countOrganisations(db)) > 0) return null;
    const orgId = await insertOrganisation(db, options.loadDemo ? 'ООО «Демо-Дистрибуция»' : 'Моя компания');
    const password = options.adminPassword ?? randomBytes(9).toString('base64url');
    await insertUser(db, orgId, {
      name: 'Администратор',
      email: options.adminEmail,
      role: 'owner',
      passwordHash: await hashPassword(password),
      // A generated password is shown once in the terminal: the web app asks the owner to choose their own.
      passwordTemporary: options.adminPassword === undefined,
    });
    return { orgId, password };
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
