import { bigint, date, foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, orgIdColumn } from './columns.js';
import { clients, contacts } from './clients.js';
import { users } from './organizations.js';
import type { AuditAction, AuditActorKind, AuditEntity } from '../../core/audit/vocabulary.js';
import type { ConsentForm } from '../../core/privacy/consent.js';

/** A client a manager may work with besides those they own (a colleague's client shared for a deal, a holiday). */
export const clientShares = pgTable(
  'client_shares',
  {
    orgId: orgIdColumn(),
    clientId: bigint('client_id', { mode: 'number' }).notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    sharedBy: bigint('shared_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.clientId], foreignColumns: [clients.orgId, clients.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.sharedBy], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('client_shares_user_idx').on(t.orgId, t.userId),
  ],
);

/**
 * Who changed what and when: one row per change of a client, contact, order, payment, setting, user
 * (and the other records), with the values before and after. Written in the transaction of the change,
 * so a change that did not happen leaves no row. Personal data in it is scrubbed when the person is erased.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    userId: bigint('user_id', { mode: 'number' }),
    /** user | token | cli | system | public (a survey answered through its link) */
    actorKind: text('actor_kind').$type<AuditActorKind>().notNull(),
    /** create | update | delete | transition | erase | sign_in … */
    action: text('action').$type<AuditAction>().notNull(),
    /** client | contact | legal_entity | order | payment | interaction | claim | loss | survey | setting | user | api_token | … */
    entity: text('entity').$type<AuditEntity>().notNull(),
    entityId: bigint('entity_id', { mode: 'number' }),
    /** The client the change belongs to, so a client's history is one index range. */
    clientId: bigint('client_id', { mode: 'number' }),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('audit_log_client_idx').on(t.orgId, t.clientId, t.at),
    index('audit_log_at_idx').on(t.orgId, t.at),
    index('audit_log_entity_idx').on(t.orgId, t.entity, t.entityId),
  ],
);

/** A person's consent to the processing of their personal data (152-ФЗ art. 9; GDPR art. 7): for what, since when, until when. */
export const contactConsents = pgTable(
  'contact_consents',
  {
    orgId: orgIdColumn(),
    id: idColumn(),
    contactId: bigint('contact_id', { mode: 'number' }).notNull(),
    /** The purpose as agreed (e.g. "congratulations and business correspondence"). */
    purpose: text('purpose').notNull(),
    /** written | electronic | oral | contract (how it was given) */
    form: text('form').$type<ConsentForm>().notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    notes: text('notes'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.recordedBy], foreignColumns: [users.orgId, users.id] }).onDelete('set null'),
    index('contact_consents_contact_idx').on(t.orgId, t.contactId),
  ],
);
