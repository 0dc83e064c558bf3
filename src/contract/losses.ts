import { Type, type Static } from 'typebox';
import { ExportQuery, Id, IsoDate, IsoDateTime, LongText, Money, Nullable, PageQuery, pageOf } from './common.js';
import { lossReasons, significances } from './enums.js';

const oneOf = Type.Enum;

/** What a person writes about a loss (docs/domain.md §9): why, to whom, the systemic error and the win-back plan. */
const lossTexts = {
  reason: oneOf(lossReasons, { description: 'Why the client left, from the catalogue' }),
  reasonNotes: Nullable(LongText),
  competitor: Nullable(
    Type.String({ maxLength: 300, description: 'Who the client left for; required when the reason is "competitor"' }),
  ),
  systemicError: Nullable(
    Type.String({ maxLength: 20000, description: 'The systemic error in our work behind the loss' }),
  ),
  winBackPlan: Nullable(Type.String({ maxLength: 20000, description: 'How we mean to win the client back' })),
};

export const ClientLossCreate = Type.Object(
  {
    lostOn: Type.Optional(
      Type.String({
        format: 'date',
        description: 'The day the client was lost; today by default, never in the future',
      }),
    ),
    reason: lossTexts.reason,
    reasonNotes: Type.Optional(lossTexts.reasonNotes),
    competitor: Type.Optional(lossTexts.competitor),
    systemicError: Type.Optional(lossTexts.systemicError),
    winBackPlan: Type.Optional(lossTexts.winBackPlan),
  },
  { additionalProperties: false },
);
export type ClientLossCreateT = Static<typeof ClientLossCreate>;

export const ClientLossUpdate = Type.Partial(Type.Object(lossTexts), { additionalProperties: false, minProperties: 1 });
export type ClientLossUpdateT = Static<typeof ClientLossUpdate>;

export const ClientLoss = Type.Object({
  id: Id,
  clientId: Id,
  clientName: Type.String(),
  lostOn: IsoDate,
  ...lossTexts,
  significance: Nullable(
    oneOf(significances, { description: "The client's significance when lost, copied from its card" }),
  ),
  /** The client's profit after cost to serve over the 12 months up to the loss, roubles. */
  profitAtLoss: Nullable(Money),
  /** The day the client bought again (or was made active by hand). */
  wonBackOn: Nullable(IsoDate),
  wonBackOrderId: Nullable(Id),
  wonBackOrderNumber: Nullable(Type.String()),
  createdBy: Nullable(Id),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ClientLossT = Static<typeof ClientLoss>;
export const ClientLossPage = pageOf(ClientLoss);
export type ClientLossPageT = Static<typeof ClientLossPage>;

export const lossStates = ['open', 'won_back'] as const;
export const lossSorts = ['lostOn', 'profitAtLoss', 'reason', 'wonBackOn', 'createdAt'] as const;
export const ClientLossListQuery = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    from: Type.Optional(Type.String({ format: 'date', description: 'Lost on or after' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Lost on or before' })),
    reason: Type.Optional(oneOf(lossReasons)),
    clientId: Type.Optional(Id),
    state: Type.Optional(
      oneOf(lossStates, { description: 'open: not won back yet; won_back: the client bought again' }),
    ),
    significantOnly: Type.Optional(Type.Boolean({ description: 'Only clients that were key or major when lost' })),
  },
  { additionalProperties: false },
);
export type ClientLossListQueryT = Static<typeof ClientLossListQuery>;

export const LossParetoQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({
        format: 'date',
        description: 'Start of the period (lost on or after); 12 months before `to` by default',
      }),
    ),
    to: Type.Optional(
      Type.String({ format: 'date', description: 'End of the period (lost on or before); today by default' }),
    ),
    by: Type.Optional(
      oneOf(['count', 'profit'] as const, {
        description: 'Rank reasons by the number of losses or by the profit lost',
      }),
    ),
  },
  { additionalProperties: false },
);
export type LossParetoQueryT = Static<typeof LossParetoQuery>;

export const LossParetoRow = Type.Object({
  reason: oneOf(lossReasons),
  count: Type.Integer(),
  /** Σ profit at loss of the clients that were profitable, roubles. */
  profitLost: Money,
  share: Type.Number({ description: 'Share of the total by the chosen basis, 0..1' }),
  cumulativeShare: Type.Number({ description: 'Cumulative share down the ranking, 0..1' }),
  vitalFew: Type.Boolean({ description: 'Among the reasons making up the first 80 %' }),
  significant: Type.Integer({ description: 'Of them, clients that were key or major when lost' }),
  wonBack: Type.Integer({ description: 'Of them, clients that bought again since' }),
});
export const LossCompetitor = Type.Object({ competitor: Type.String(), count: Type.Integer(), profitLost: Money });
export const LossPareto = Type.Object({
  period: Type.Object({ from: IsoDate, to: IsoDate }),
  by: Type.String(),
  losses: Type.Integer(),
  significant: Type.Integer(),
  profitLost: Money,
  wonBack: Type.Integer({ description: "The period's losses whose client bought again since" }),
  wonBackRate: Nullable(Type.Number({ description: 'wonBack ÷ losses' })),
  reasons: Type.Array(LossParetoRow),
  competitors: Type.Array(LossCompetitor),
});
export type LossParetoT = Static<typeof LossPareto>;
