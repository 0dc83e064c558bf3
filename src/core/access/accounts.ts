import { roles, type Role } from '../vocabulary.js';
import { can, roleWithin } from './permissions.js';

/**
 * The guard rails around people's accounts, one set for the server (which enforces them) and the web
 * app (which greys out what would be refused and says why):
 * - users are managed by the roles with `manageUsers` (the owner and the head of sales); anybody may
 *   change their own name, language and password;
 * - only a role that may `administer` (the owner) makes someone an owner or changes an owner's account
 *   (role, e-mail, password, disabling, signing out everywhere);
 * - nobody disables their own account (someone else must be able to undo it);
 * - nobody disables or demotes the last active owner: an organisation without one cannot manage owners,
 *   read its audit log or rebuild its analytics.
 */

/** A password a person chooses (or an administrator sets) has at least this many characters. */
export const PASSWORD_MIN_LENGTH = 10;

/** Why a change of an account is refused: a message code of the catalogue, and the field it is about. */
export type AccountRefusal = {
  status: 'forbidden' | 'conflict';
  code: 'access.usersOnly' | 'user.ownerRoleByOwner' | 'user.ownerAccount' | 'user.disableSelf' | 'user.lastOwner';
  field?: 'role' | 'disabled' | 'email' | 'password';
};

/** The roles an actor may give a user on creation or by a change (none without `manageUsers`). */
export function assignableRoles(actorRole: string): Role[] {
  if (!can(actorRole, 'manageUsers')) return [];
  return roles.filter((r) => r !== 'owner' || can(actorRole, 'administer'));
}

/** The roles an actor may issue an API token with: those granting nothing beyond the actor's own. */
export function tokenRoles(actorRole: string): Role[] {
  return roles.filter((r) => roleWithin(r, actorRole));
}

/** Why `actorRole` may not add a user with `role`, or null. */
export function createRefusal(actorRole: string, role: string): AccountRefusal | null {
  if (!can(actorRole, 'manageUsers')) return { status: 'forbidden', code: 'access.usersOnly' };
  if (role === 'owner' && !can(actorRole, 'administer'))
    return { status: 'forbidden', code: 'user.ownerRoleByOwner', field: 'role' };
  return null;
}

export type AccountChange = {
  name?: unknown;
  email?: unknown;
  locale?: unknown;
  role?: string;
  /** A new password set by someone else (one's own change is checked against the current password). */
  password?: unknown;
  disabled?: boolean;
  /** Ending the sessions, tokens and calendar feed. */
  signOut?: boolean;
};

/**
 * Why the change of `target` by `actor` is refused, or null. `activeOwners` is how many owners of the
 * organisation are enabled now (the target among them when it is one).
 */
export function changeRefusal(
  actor: { role: string; userId: number | null },
  target: { id: number; role: string; disabled: boolean },
  change: AccountChange,
  activeOwners: number,
): AccountRefusal | null {
  const self = actor.userId === target.id;
  const asAdministrator =
    !self ||
    change.role !== undefined ||
    change.disabled !== undefined ||
    change.email !== undefined ||
    (change.signOut === true && !self);
  if (asAdministrator && !can(actor.role, 'manageUsers')) return { status: 'forbidden', code: 'access.usersOnly' };
  if (!self && target.role === 'owner' && !can(actor.role, 'administer')) {
    const field = change.role !== undefined ? 'role' : change.disabled !== undefined ? 'disabled' : undefined;
    return { status: 'forbidden', code: 'user.ownerAccount', ...(field ? { field } : {}) };
  }
  if (change.role === 'owner' && target.role !== 'owner' && !can(actor.role, 'administer'))
    return { status: 'forbidden', code: 'user.ownerRoleByOwner', field: 'role' };
  if (self && change.disabled === true) return { status: 'forbidden', code: 'user.disableSelf', field: 'disabled' };
  const leavesOwners =
    target.role === 'owner' &&
    !target.disabled &&
    (change.disabled === true || (change.role !== undefined && change.role !== 'owner'));
  if (leavesOwners && activeOwners <= 1)
    return { status: 'conflict', code: 'user.lastOwner', field: change.disabled === true ? 'disabled' : 'role' };
  return null;
}
