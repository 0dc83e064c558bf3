import { Type, type Static } from 'typebox';
import { auditActions, auditActorKinds, auditEntities } from '../core/audit/vocabulary.js';
import { ExportQuery, Id, IsoDateTime, Nullable } from './common.js';

const isoDate = (description: string) => Type.String({ format: 'date', description: `${description} (YYYY-MM-DD)` });

/** A record's values in a row: field → value as the API shows it (money "1234.50", dates ISO). */
const Values = Nullable(
  Type.Record(Type.String(), Type.Unknown(), {
    description:
      'Field → value as the API shows it: money as decimal roubles ("1234.50"), dates ISO. A change holds only the fields that changed; a creation only `after`, a deletion only `before`.',
  }),
);

/** One change: who, when, what (entity and action) and the values before and after. */
export const AuditEntry = Type.Object({
  id: Id,
  at: IsoDateTime,
  userId: Nullable(Id),
  userName: Nullable(Type.String({ description: 'The user who made the change (or whose API token did)' })),
  actorKind: Type.Enum(auditActorKinds, {
    description: 'user (a session), token (an API token), cli, system, public (a survey answered through its link)',
  }),
  action: Type.Enum(auditActions),
  entity: Type.Enum(auditEntities),
  entityId: Nullable(Id),
  clientId: Nullable(Id),
  clientName: Nullable(Type.String()),
  subject: Nullable(Type.String({ description: "The record by name: the contact's name, the document number…" })),
  before: Values,
  after: Values,
  hidden: Type.Array(Type.String(), {
    description: 'Fields left out because your role does not see personal data (152-ФЗ)',
  }),
});
export type AuditEntryT = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry),
  total: Type.Integer({ description: 'Rows matching, counted up to 100,000' }),
  totalCapped: Type.Boolean({ description: 'true: more rows match than `total` says' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type AuditPageT = Static<typeof AuditPage>;

const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};

/** A client's history: its own changes and those of its records, newest first. */
export const ClientHistoryQuery = Type.Object(
  {
    ...paging,
    entity: Type.Optional(Type.Enum(auditEntities)),
  },
  { additionalProperties: false },
);
export type ClientHistoryQueryT = Static<typeof ClientHistoryQuery>;

/** The whole organisation's log (the owner's), filtered; format=csv|xlsx answers the filtered log as a file. */
export const AuditQuery = Type.Object(
  {
    ...paging,
    ...ExportQuery,
    entity: Type.Optional(Type.Enum(auditEntities)),
    action: Type.Optional(Type.Enum(auditActions)),
    userId: Type.Optional(Id),
    clientId: Type.Optional(Id),
    from: Type.Optional(isoDate('Changes on or after this day (UTC)')),
    to: Type.Optional(isoDate('Changes on or before this day (UTC)')),
  },
  { additionalProperties: false },
);
export type AuditQueryT = Static<typeof AuditQuery>;
