import { DomainError } from '../core/errors.js';
import { writerRoles } from '../core/vocabulary.js';

/** Who is acting: a signed-in user, an API token (with its role), or the CLI. */
export type Actor = { orgId: number; userId: number | null; role: string };

/** The CLI acts as the organisation's owner; it runs on the server with direct database access. */
export const systemActor = (orgId: number): Actor => ({ orgId, userId: null, role: 'owner' });

const writers = new Set<string>(writerRoles);
const administrators = new Set(['owner']);

/** Read-only users and analysts look, they do not change records. */
export function assertCanWrite(actor: Actor): void {
  if (!writers.has(actor.role)) throw new DomainError('forbidden', 'Your role can read but not change records. Ask an administrator for a manager role.');
}

/** Users, tokens and organisation settings are the administrator's. */
export function assertAdministrator(actor: Actor): void {
  if (!administrators.has(actor.role)) throw new DomainError('forbidden', 'Only an administrator can manage users and settings.');
}
