import type { Database } from '../../db/database.js';
import { insertAuditRow } from '../../db/queries/audit/log.js';
import { getRecord } from '../../db/queries/records.js';
import { contacts } from '../../db/schema/index.js';
import type { Actor, ActorKind } from '../actor.js';
import type { AuditAction, AuditEntity } from '../../core/audit/vocabulary.js';
import { auditPair } from './values.js';

export type { AuditAction, AuditEntity };

export type AuditChange = {
  action: AuditAction;
  entity: AuditEntity;
  entityId?: number | null | undefined;
  /** The client the record belongs to, so it shows in that client's history. */
  clientId?: number | null | undefined;
  /** The record as the API shows it before the change (update, delete) and after it (create, update). */
  before?: Record<string, unknown> | null | undefined;
  after?: Record<string, unknown> | null | undefined;
};

/** Who acted, for the log: a session, an API token, the CLI, the server itself, or a person answering a public link. */
export const actorKindOf = (actor: Actor): ActorKind => actor.kind ?? (actor.userId === null ? 'cli' : 'user');

/**
 * Writes one row of the audit log for a change, in the caller's transaction (the engine's transaction
 * rides on AsyncLocalStorage, so a change rolled back takes its row with it). Before/after hold the
 * values as the API shows them — money as decimal rouble strings, dates ISO — without secrets
 * (values.ts), and for an update only the fields that changed; an update that changed nothing writes
 * nothing.
 */
export async function audit(db: Database, actor: Actor, change: AuditChange): Promise<void> {
  const pair = auditPair(change.action, change.before, change.after);
  if (!pair) return;
  await insertAuditRow(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    actorKind: actorKindOf(actor),
    action: change.action,
    entity: change.entity,
    entityId: change.entityId ?? null,
    clientId: change.clientId ?? null,
    before: pair.before,
    after: pair.after,
  });
}

/** One summary row for a bulk load: what kind of file, and how many rows went where. Always written. */
export async function auditImport(
  db: Database,
  actor: Actor,
  after: Record<string, unknown>,
  action: AuditAction = 'create',
): Promise<void> {
  await insertAuditRow(db, {
    orgId: actor.orgId,
    userId: actor.userId,
    actorKind: actorKindOf(actor),
    action,
    entity: 'import',
    entityId: null,
    clientId: null,
    before: action === 'delete' ? after : null,
    after: action === 'delete' ? null : after,
  });
}

/** How the generic record service logs one kind of record: its name in the log and the client a row belongs to. */
export type RecordAudit<Row> = {
  entity: AuditEntity;
  /** Default: the row's clientId. */
  clientOf?(db: Database, actor: Actor, row: Row): Promise<number | null>;
};

/** The client of a record that hangs off a contact (a family member): the contact's client. */
export async function clientOfContact(db: Database, actor: Actor, row: { contactId: number }): Promise<number | null> {
  const contact = await getRecord<{ clientId: number }>(db, contacts, actor.orgId, row.contactId);
  return contact?.clientId ?? null;
}

/**
 * The record service's one call per write: `before` is the row before an update or delete, `after`
 * the row after a create or update; both go through the kind's toApi, so the log speaks the API.
 */
export async function auditRecord<Row extends { id: number }>(
  db: Database,
  actor: Actor,
  spec: { audit?: RecordAudit<Row> | undefined; toApi(row: Row): unknown },
  action: 'create' | 'update' | 'delete',
  before: Row | undefined,
  after: Row | undefined,
): Promise<void> {
  const how = spec.audit;
  if (!how) return;
  const row = (after ?? before)!;
  const clientId = how.clientOf
    ? await how.clientOf(db, actor, row)
    : ((row as { clientId?: number | null }).clientId ?? null);
  await audit(db, actor, {
    action,
    entity: how.entity,
    entityId: row.id,
    clientId,
    before: before ? (spec.toApi(before) as Record<string, unknown>) : null,
    after: after ? (spec.toApi(after) as Record<string, unknown>) : null,
  });
}
