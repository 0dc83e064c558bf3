import { DomainError } from '../core/errors.js';
import { can } from '../core/access/permissions.js';
import { writerRoles } from '../core/vocabulary.js';

/** How the actor came in, for the audit log: a session, an API token, the CLI, the server itself, a public link. */
export type ActorKind = 'user' | 'token' | 'cli' | 'system' | 'public';

/** Who is acting: a signed-in user, an API token (with its role), or the CLI. `kind` unset reads as a session user (or the CLI without a user). */
export type Actor = { orgId: number; userId: number | null; role: string; kind?: ActorKind };

/** The CLI acts as the organisation's owner; it runs on the server with direct database access. */
export const systemActor = (orgId: number): Actor => ({ orgId, userId: null, role: 'owner', kind: 'cli' });

const writers = new Set<string>(writerRoles);

/** Read-only users and analysts look, they do not change records. */
export function assertCanWrite(actor: Actor): void {
  if (!writers.has(actor.role)) throw new DomainError('forbidden', 'access.readOnly');
}

/** The owner's own: the audit log, rebuilding the analytics, owners' accounts, everyone's API tokens. */
export function assertAdministrator(actor: Actor): void {
  if (!can(actor.role, 'administer')) throw new DomainError('forbidden', 'access.administratorOnly');
}

/** Adding users, changing their roles, disabling them, resetting passwords: the owner and the head of sales. */
export function assertManagesUsers(actor: Actor): void {
  if (!can(actor.role, 'manageUsers')) throw new DomainError('forbidden', 'access.usersOnly');
}

/**
 * Users, API tokens, passwords and calendar feeds are managed by a person who signed in, never
 * through an API token: a leaked or read-only token must not become its user (set a password and
 * sign in with it), issue itself more tokens, or open a feed of personal dates.
 */
export function assertSignedInPerson(actor: Actor): void {
  if (actor.kind === 'token') {
    throw new DomainError('forbidden', 'access.signedInPersonOnly');
  }
}
