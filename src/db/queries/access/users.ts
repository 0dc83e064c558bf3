import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../../database.js';
import type { locales, Role } from '../../../core/vocabulary.js';
import type { Word } from '../../schema/columns.js';
import { organizations, users } from '../../schema/index.js';

/**
 * Whether the organisation has a user with this address (any case), other than `except`; other
 * organisations' users are not looked at.
 */
export async function emailTaken(db: Database, orgId: number, email: string, except?: number): Promise<boolean> {
  const rows = await db.orm
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.orgId, orgId),
        sql`lower(${users.email}) = lower(${email})`,
        except === undefined ? undefined : ne(users.id, except),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function insertUser(
  db: Database,
  orgId: number,
  user: {
    name: string;
    email: string;
    role: Role;
    locale?: Word<typeof locales>;
    passwordHash: string;
    passwordTemporary?: boolean;
  },
) {
  const [row] = await db.orm
    .insert(users)
    .values({ orgId, ...user })
    .returning();
  return row!;
}

/** The organisation's users by name. */
export async function usersOf(db: Database, orgId: number) {
  return db.orm.select().from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.name));
}

/**
 * How many owners of the organisation are enabled, holding their rows until the transaction ends: two
 * owners demoting each other at once cannot both pass the "last owner" check (the second one waits,
 * then counts without the first).
 */
export async function lockActiveOwners(db: Database, orgId: number): Promise<number> {
  const rows = await db.orm
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'owner'), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .for('update');
  return rows.length;
}

/** The user's row, or undefined; `lock` holds it until the transaction ends. */
export async function userRow(db: Database, orgId: number, userId: number, lock = false) {
  const query = db.orm
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export type UserChange = {
  name?: string;
  email?: string;
  role?: Role;
  locale?: Word<typeof locales>;
  passwordHash?: string;
  /** Set with a password someone else chose; cleared when the user chooses their own. */
  passwordTemporary?: boolean;
  /** true: disabled from now on; false: enabled again. */
  disabled?: boolean;
  calendarTokenHash?: string | null;
  /** Ends a lock after failed sign-ins and starts their count over (a password reset). */
  unlock?: true;
};

/** Changes the user's fields named in `change`; the row as changed, or undefined when there is no such user. */
export async function updateUserRow(db: Database, orgId: number, userId: number, change: UserChange) {
  const { disabled, unlock, ...values } = change;
  const [row] = await db.orm
    .update(users)
    .set({
      ...values,
      ...(disabled === undefined ? {} : { disabledAt: disabled ? sql`now()` : null }),
      ...(unlock ? { failedSignIns: 0, lockedUntil: null } : {}),
    })
    .where(and(eq(users.orgId, orgId), eq(users.id, userId)))
    .returning();
  return row;
}

/** The user's language, undefined when there is no such user. */
export async function localeOfUser(db: Database, orgId: number, userId: number): Promise<string | undefined> {
  const { rows } = await db.engine.query<{ locale: string }>('SELECT locale FROM users WHERE org_id = $1 AND id = $2', [
    orgId,
    userId,
  ]);
  return rows[0]?.locale;
}

/** Every user's language, by user id. */
export async function localesOfUsers(db: Database, orgId: number): Promise<Map<number, string>> {
  const rows = await db.orm.select({ id: users.id, locale: users.locale }).from(users).where(eq(users.orgId, orgId));
  return new Map(rows.map((u) => [u.id, u.locale]));
}

/**
 * The enabled user whose calendar feed secret has this SHA-256, with their organisation's name; undefined
 * for an unknown or revoked secret or a disabled user.
 */
export async function calendarFeedUser(db: Database, orgId: number, tokenHash: string) {
  const [user] = await db.orm
    .select({ id: users.id, name: users.name, role: users.role, locale: users.locale, orgName: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.orgId))
    .where(and(eq(users.orgId, orgId), eq(users.calendarTokenHash, tokenHash), isNull(users.disabledAt)));
  return user;
}
