import type { Role } from '../vocabulary.js';

/**
 * What each role may do. The server enforces it in the services and in the queries (a manager's
 * lists and reads are limited to their clients in SQL); the web app reads the same table to hide
 * what a role cannot do.
 *
 * | capability        | owner | head_of_sales | manager | analyst | read_only |
 * |-------------------|:-----:|:-------------:|:-------:|:-------:|:---------:|
 * | administer        |   ✓   |               |         |         |           |
 * | manageUsers       |   ✓   |       ✓       |         |         |           |
 * | changeSettings    |   ✓   |       ✓       |         |         |           |
 * | importData        |   ✓   |       ✓       |         |         |           |
 * | writeRecords      |   ✓   |       ✓       |    ✓    |         |           |
 * | seeAllClients     |   ✓   |       ✓       |         |    ✓    |     ✓     |
 * | reassignClients   |   ✓   |       ✓       |         |         |           |
 * | shareClients      |   ✓   |       ✓       |    ✓    |         |           |
 * | seePersonalData   |   ✓   |       ✓       |    ✓    |         |     ✓     |
 *
 * - administer: the owner's own: the audit log, rebuilding the analytics from the documents, owners'
 *   accounts (and making someone an owner), every user's API tokens.
 * - manageUsers: add users, change their role, disable and enable them, reset their passwords, sign
 *   them out everywhere. The head of sales manages everyone but owners and never makes anyone an
 *   owner; nobody disables themselves or leaves the organisation without an active owner
 *   (`accounts.ts`). Every user issues API tokens for themselves, never with more rights than their
 *   own role; the owner sees and revokes everyone's.
 * - changeSettings: the analytics norms and rules and the calendar settings.
 * - importData: file imports (clients, contacts, products, sales, payments, interactions).
 * - writeRecords: create, change and delete clients and their records (a manager: only their clients).
 * - seeAllClients: without it a role sees only the clients it owns or that are shared with it.
 * - reassignClients: set or change a client's owner to anyone; a manager's new client is theirs.
 * - shareClients: share a client with a manager (a manager: only a client they own).
 * - seePersonalData: contacts' phones, e-mails, birthdays, family, personal knowledge (152-ФЗ);
 *   analysts read every figure and record with these fields masked.
 */
export const capabilities = [
  'administer',
  'manageUsers',
  'changeSettings',
  'importData',
  'writeRecords',
  'seeAllClients',
  'reassignClients',
  'shareClients',
  'seePersonalData',
] as const;
export type Capability = (typeof capabilities)[number];

const table: Record<Role, readonly Capability[]> = {
  owner: capabilities,
  head_of_sales: [
    'manageUsers',
    'changeSettings',
    'importData',
    'writeRecords',
    'seeAllClients',
    'reassignClients',
    'shareClients',
    'seePersonalData',
  ],
  manager: ['writeRecords', 'shareClients', 'seePersonalData'],
  analyst: ['seeAllClients'],
  read_only: ['seeAllClients', 'seePersonalData'],
};

const granted = new Map<string, ReadonlySet<Capability>>(
  Object.entries(table).map(([role, caps]) => [role, new Set(caps)]),
);

/** Whether a role has a capability; an unknown role has none. */
export function can(role: string, capability: Capability): boolean {
  return granted.get(role)?.has(capability) ?? false;
}

/** Every capability of a role (for the web app's /me and menus). */
export function capabilitiesOf(role: string): Capability[] {
  return capabilities.filter((c) => can(role, c));
}

/**
 * Whether a client's owner may become `requested` in this change, decided by the role: those who may
 * reassign set anyone; anybody else may only keep the owner as it is, or — creating a client, when
 * there is no owner yet — make themselves its owner.
 * `existing` is undefined on create; `requested` undefined means the request does not name an owner.
 */
export function ownerChangeAllowed(
  role: string,
  actorUserId: number | null,
  existing: { ownerUserId: number | null } | undefined,
  requested: number | null | undefined,
): boolean {
  if (requested === undefined || can(role, 'reassignClients')) return true;
  if (existing) return requested === existing.ownerUserId;
  return actorUserId !== null && requested === actorUserId;
}

/**
 * Whether a role grants nothing beyond another's: every capability of `role` is one of `within`'s.
 * An API token's role must be within its user's: ranks alone are not enough, since a read-only role
 * sees every client (which a manager does not) and personal data (which an analyst does not).
 */
export function roleWithin(role: string, within: string): boolean {
  return capabilities.every((c) => !can(role, c) || can(within, c));
}
