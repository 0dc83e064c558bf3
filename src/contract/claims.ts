import { Type, type Static } from 'typebox';
import { ExportQuery, Id, IsoDate, IsoDateTime, LongText, Nullable, PageQuery, pageOf } from './common.js';
import { claimCategories, claimSeverities, claimStatuses, claimTypes } from './enums.js';

const oneOf = Type.Enum;
/** An ISO date with its meaning in the API documentation. */
const isoDate = (description: string) => Type.String({ format: 'date', description: `${description} (YYYY-MM-DD)` });
const statusList = `(${claimStatuses.join('|')})`;

// ---- a claim or wish ----------------------------------------------------------------------------
const claimEditable = {
  contactId: Nullable(Id),
  type: oneOf(claimTypes),
  category: oneOf(claimCategories),
  severity: oneOf(claimSeverities),
  receivedOn: isoDate('The day the client raised it; not in the future'),
  dueOn: isoDate(
    'When it must be resolved by; on create it defaults from the severity in working days of the production calendar (critical 1, high 3, medium 5, low 10)',
  ),
  subject: Type.String({ minLength: 1, maxLength: 300 }),
  description: Nullable(LongText),
  responsibleUserId: Nullable(Id),
  orderId: Nullable(Id),
};

export const ClaimCreate = Type.Object(
  {
    clientId: Id,
    ...Type.Partial(Type.Object(claimEditable)).properties,
    type: claimEditable.type,
    category: claimEditable.category,
    severity: claimEditable.severity,
    subject: claimEditable.subject,
  },
  {
    additionalProperties: false,
    description:
      'receivedOn defaults to today; responsibleUserId to the client\'s manager, else to you; dueOn to the severity\'s deadline. A new claim starts as "new".',
  },
);
export type ClaimCreateT = Static<typeof ClaimCreate>;

/** Everything but the client and the status: the status moves only through POST /claims/:id/transition. */
export const ClaimUpdate = Type.Partial(Type.Object(claimEditable), { additionalProperties: false, minProperties: 1 });
export type ClaimUpdateT = Static<typeof ClaimUpdate>;

export const Claim = Type.Object({
  id: Id,
  clientId: Id,
  clientName: Type.String(),
  ...claimEditable,
  contactName: Nullable(Type.String()),
  responsibleName: Nullable(Type.String()),
  orderNumber: Nullable(Type.String()),
  status: oneOf(claimStatuses),
  resolution: Nullable(Type.String()),
  resolvedOn: Nullable(IsoDate),
  overdue: Type.Boolean({ description: 'Open and due before today' }),
  daysToResolve: Nullable(Type.Integer({ description: 'resolvedOn − receivedOn in calendar days; null while open' })),
  createdBy: Nullable(Id),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ClaimT = Static<typeof Claim>;

export const ClaimEvent = Type.Object({
  id: Id,
  fromStatus: Nullable(oneOf(claimStatuses)),
  toStatus: oneOf(claimStatuses),
  userId: Nullable(Id),
  userName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: IsoDateTime,
});
export type ClaimEventT = Static<typeof ClaimEvent>;

/** A claim as read, created or changed: with its history, oldest first (the creation is the first line). */
export const ClaimDetail = Type.Object({ ...Claim.properties, history: Type.Array(ClaimEvent) });
export type ClaimDetailT = Static<typeof ClaimDetail>;

export const ClaimTransition = Type.Object(
  {
    to: oneOf(claimStatuses),
    note: Type.Optional(Nullable(LongText)),
    resolution: Type.Optional(
      Type.String({ maxLength: 20000, description: 'Required to resolve or reject: what was done, or why not' }),
    ),
  },
  { additionalProperties: false },
);
export type ClaimTransitionT = Static<typeof ClaimTransition>;

export const claimSortFields = ['receivedOn', 'dueOn', 'severity', 'status', 'createdAt', 'resolvedOn'] as const;

export const ClaimListQuery = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    sort: Type.Optional(
      Type.String({
        pattern: `^-?(${claimSortFields.join('|')})$`,
        description: `One of ${claimSortFields.join(', ')}; prefix with - for descending (severity: most severe first with -severity). Default -receivedOn`,
      }),
    ),
    clientId: Type.Optional(Id),
    status: Type.Optional(
      Type.String({
        pattern: `^${statusList}(,${statusList})*$`,
        description: 'One status or several, comma-separated: new,in_progress',
      }),
    ),
    type: Type.Optional(oneOf(claimTypes)),
    category: Type.Optional(oneOf(claimCategories)),
    severity: Type.Optional(oneOf(claimSeverities)),
    responsibleUserId: Type.Optional(Id),
    overdue: Type.Optional(Type.Boolean({ description: 'true: open claims due before today' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Words in the subject or description' })),
    from: Type.Optional(isoDate('Received on or after')),
    to: Type.Optional(isoDate('Received on or before')),
  },
  { additionalProperties: false },
);
export type ClaimListQueryT = Static<typeof ClaimListQuery>;

export const ClaimPage = pageOf(Claim);
export type ClaimPageT = Static<typeof ClaimPage>;

// ---- the summary across the company or for one client ---------------------------------------------
export const ClaimSummaryQuery = Type.Object(
  {
    from: Type.Optional(isoDate('Received on or after; default the first day of the month 11 months before `to`')),
    to: Type.Optional(isoDate('Received on or before; default today')),
    clientId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type ClaimSummaryQueryT = Static<typeof ClaimSummaryQuery>;

const Count = Type.Integer({ minimum: 0 });
const Days = Nullable(Type.Number({ description: 'Calendar days, rounded to 0.1' }));

export const ClaimSummary = Type.Object({
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
  clientId: Nullable(Id),
  received: Type.Integer({ description: 'Claims received in the period' }),
  byStatus: Type.Record(Type.String(), Count, {
    description: 'Claims received in the period by their status now (every status present)',
  }),
  byType: Type.Record(Type.String(), Count, {
    description: 'Claims received in the period by type (every type present)',
  }),
  closed: Type.Integer({ description: 'Of those received in the period, resolved or rejected' }),
  averageDaysToResolve: Days,
  medianDaysToResolve: Days,
  topCategories: Type.Array(
    Type.Object({
      category: oneOf(claimCategories),
      count: Count,
      share: Type.Number({ description: 'count / received' }),
      averageDaysToResolve: Days,
      open: Count,
    }),
    { description: 'Categories with claims received in the period, most first' },
  ),
  openNow: Type.Integer({ description: 'Open claims today, whenever received' }),
  overdue: Type.Object({
    count: Type.Integer({ description: 'Open claims due before today, whenever received' }),
    oldest: Type.Array(Claim, { description: 'The most overdue ones (earliest due first), up to 5' }),
  }),
  months: Type.Array(
    Type.Object({
      month: Type.String({ description: 'YYYY-MM' }),
      received: Count,
      resolved: Type.Integer({
        minimum: 0,
        description: 'Claims closed (resolved or rejected) in that month, whenever received',
      }),
    }),
  ),
});
export type ClaimSummaryT = Static<typeof ClaimSummary>;
