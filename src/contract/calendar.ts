import { Type, type Static } from 'typebox';
import { Id, IsoDate, IsoDateTime, LongText, Money, Nullable, pageOf } from './common.js';
import { calendarEventKinds, taskKinds, taskStatuses } from './enums.js';

const oneOf = Type.Enum;
const Scope = Type.Union([Type.Literal('mine'), Type.Literal('all')], {
  description: 'mine: the clients the user owns (tasks: assigned to the user); all: the whole organisation',
});

export const CalendarEventsQuery = Type.Object(
  {
    from: IsoDate,
    to: Type.Optional(IsoDate),
    scope: Type.Optional(Scope),
    people: Type.Optional(
      Type.Union([Type.Literal('key'), Type.Literal('all')], {
        description: "Birthdays of key figures and their families only (default), or everybody's; useful dates always",
      }),
    ),
  },
  { additionalProperties: false },
);
export type CalendarEventsQueryT = Static<typeof CalendarEventsQuery>;

const ClientRef = Type.Object({ id: Id, name: Type.String(), ownerUserId: Nullable(Id) });

/**
 * One thing to show on a day. Public holidays and professional holidays carry their names in both
 * languages; personal dates carry the client, the contact and what the date is, with the age or
 * anniversary number when the year is known.
 */
export const CalendarEvent = Type.Object({
  /** Stable: the same event gets the same id in every answer (the iCalendar feed's UIDs come from it). */
  id: Type.String(),
  kind: oneOf(calendarEventKinds),
  date: IsoDate,
  /** Public and professional holidays: the catalogue's id and names. */
  holidayId: Type.Optional(Type.String()),
  nameRu: Type.Optional(Type.String()),
  nameEn: Type.Optional(Type.String()),
  /** Professional holidays: set by a legal act (true), a custom only (false), or the reference names no basis (null). */
  official: Type.Optional(Nullable(Type.Boolean())),
  /** Professional holidays: the clients in scope it fits (the first 20 by name) and how many there are. */
  clients: Type.Optional(Type.Array(ClientRef)),
  clientCount: Type.Optional(Type.Integer()),
  /** Personal and company dates. */
  clientId: Type.Optional(Id),
  clientName: Type.Optional(Type.String()),
  ownerUserId: Type.Optional(Nullable(Id)),
  contactId: Type.Optional(Nullable(Id)),
  contactName: Type.Optional(Nullable(Type.String())),
  keyFigure: Type.Optional(Type.Boolean()),
  familyMemberId: Type.Optional(Id),
  familyMemberName: Type.Optional(Type.String()),
  relation: Type.Optional(Type.String()),
  usefulDateId: Type.Optional(Id),
  /** A useful date's own title ("Именины", "Открытие сезона"). */
  title: Type.Optional(Type.String()),
  /** The year the date started (birth, founding) when known. */
  sinceYear: Type.Optional(Nullable(Type.Integer())),
  /** Age on a birthday, number of the anniversary: year(date) − sinceYear. */
  count: Type.Optional(Nullable(Type.Integer())),
});
export type CalendarEventT = Static<typeof CalendarEvent>;

/** A day of the production calendar that is not an ordinary Monday–Friday working day or Saturday/Sunday off. */
export const CalendarDay = Type.Object({
  date: IsoDate,
  kind: Type.Union([Type.Literal('off'), Type.Literal('shortened'), Type.Literal('working')]),
  /** holiday | transfer | non_working (off); working_weekend (a Saturday or Sunday worked by decree); working (a shortened weekday). */
  reason: Type.String(),
  holiday: Type.Optional(Type.String()),
  from: Type.Optional(IsoDate),
});
export type CalendarDayT = Static<typeof CalendarDay>;

export const CalendarEvents = Type.Object({
  from: IsoDate,
  to: IsoDate,
  scope: Scope,
  /** True when a year of the range rests on the rules or a draft (2027), not on a decree. */
  provisional: Type.Boolean(),
  days: Type.Array(CalendarDay),
  events: Type.Array(CalendarEvent),
  /** Days with more personal dates than one day shows (30): how many were left out. */
  hiddenByDay: Type.Array(Type.Object({ date: IsoDate, count: Type.Integer({ minimum: 1 }) })),
});
export type CalendarEventsT = Static<typeof CalendarEvents>;

export const CalendarSettings = Type.Object(
  {
    congratulationLeadDays: Type.Integer({
      minimum: 0,
      maximum: 60,
      description: 'Days before an event its congratulation task falls due (a useful date may set its own)',
    }),
  },
  { additionalProperties: false },
);
export type CalendarSettingsT = Static<typeof CalendarSettings>;

export const CalendarFeed = Type.Object({
  active: Type.Boolean(),
  /** Only in the answer that creates or rotates the feed: the secret is not kept and cannot be shown again. */
  url: Type.Optional(Type.String()),
  /** The same address for calendar applications that open webcal:// links. */
  webcalUrl: Type.Optional(Type.String()),
});
export type CalendarFeedT = Static<typeof CalendarFeed>;

export const GiftGiven = Type.Object({
  date: IsoDate,
  notes: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  cost: Money,
});

export const Task = Type.Object({
  id: Id,
  userId: Nullable(Id),
  userName: Nullable(Type.String()),
  clientId: Nullable(Id),
  clientName: Nullable(Type.String()),
  contactId: Nullable(Id),
  contactName: Nullable(Type.String()),
  kind: oneOf(taskKinds),
  title: Type.String(),
  eventKind: Nullable(oneOf(calendarEventKinds)),
  eventOn: Nullable(IsoDate),
  dueOn: IsoDate,
  status: oneOf(taskStatuses),
  doneAt: Nullable(IsoDateTime),
  notes: Nullable(Type.String()),
  sourceKey: Nullable(Type.String()),
  /** Gifts recorded (interactions of kind gift) to the contact — or the client, for a company date — in the year before the event. */
  lastYearGifts: Type.Array(GiftGiven),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type TaskT = Static<typeof Task>;
export const TaskPage = pageOf(Task);
export type TaskPageT = Static<typeof TaskPage>;

export const TaskListQuery = Type.Object(
  {
    scope: Type.Optional(Scope),
    status: Type.Optional(oneOf(taskStatuses)),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    clientId: Type.Optional(Id),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type TaskListQueryT = Static<typeof TaskListQuery>;

const Title = Type.String({ minLength: 1, maxLength: 300 });

export const TaskCreate = Type.Object(
  {
    title: Title,
    dueOn: IsoDate,
    kind: Type.Optional(oneOf(taskKinds)),
    notes: Type.Optional(Nullable(LongText)),
    clientId: Type.Optional(Nullable(Id)),
    contactId: Type.Optional(Nullable(Id)),
    /** The responsible user; the author by default. A manager assigns only to themselves. */
    userId: Type.Optional(Nullable(Id)),
    eventKind: Type.Optional(Nullable(oneOf(calendarEventKinds))),
    eventOn: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type TaskCreateT = Static<typeof TaskCreate>;

export const TaskUpdate = Type.Partial(
  Type.Object({
    status: oneOf(taskStatuses),
    notes: Nullable(LongText),
    dueOn: IsoDate,
    title: Title,
    /** Reassigning is for the owner and the head of sales. */
    userId: Nullable(Id),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type TaskUpdateT = Static<typeof TaskUpdate>;

export const CongratulationRun = Type.Object({ today: IsoDate, created: Type.Integer(), candidates: Type.Integer() });
export type CongratulationRunT = Static<typeof CongratulationRun>;
