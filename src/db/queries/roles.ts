import type { Database } from '../database.js';

/**
 * Whether this connection may set `session_replication_role` (a superuser; always so on PGlite),
 * which bulk loads use to skip per-row foreign-key triggers and then prove the references set-based.
 */
export async function isSuperuser(db: Database): Promise<boolean> {
  const {
    rows: [role],
  } = await db.engine.query<{ superuser: boolean }>(
    'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
  );
  return Boolean(role?.superuser);
}
