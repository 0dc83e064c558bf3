import { Type, type Static, type TNumber, type TSchema } from 'typebox';
import {
  abcBases,
  abcClasses,
  computedCategories,
  ladderStages,
  rfmSegments,
  xyzClasses,
  xyzGrains,
} from '../core/analytics/segments.js';
import { numericSettingKeys, paymentTrackings } from '../core/analytics/settings.js';
import { categoryOverrides, clientStatuses } from '../core/vocabulary.js';
import { Id, IsoDate, Money, MoneyInput, Nullable, PageQuery, ShortText } from './common.js';

/** moneyOrNull: null when unknown (overdue while payments are not tracked). */
type Kind = 'money' | 'moneyOrNull' | 'integer' | 'number' | 'date' | 'share' | 'text';
type Label = { ru: string; en: string };

/**
 * Every per-client figure the API lists, sorts and exports: its API name, column, kind and the header
 * it carries in exports. Money is decimal roubles, shares are fractions of 1, dates ISO.
 */
export const figureCatalogue = [
  ['revenue', 'revenue', 'money', { ru: 'Выручка', en: 'Revenue' }],
  ['cost', 'cost', 'moneyOrNull', { ru: 'Себестоимость', en: 'Cost of goods' }],
  ['margin', 'margin', 'moneyOrNull', { ru: 'Валовая маржа', en: 'Gross margin' }],
  ['marginPct', 'margin_pct', 'number', { ru: 'Маржа, %', en: 'Margin %' }],
  ['returns', 'returns', 'money', { ru: 'Возвраты', en: 'Returns' }],
  ['orders', 'orders', 'integer', { ru: 'Заказов', en: 'Orders' }],
  ['purchaseDays', 'purchase_days', 'integer', { ru: 'Дней покупок', en: 'Purchase days' }],
  ['ordersPerMonth', 'orders_per_month', 'number', { ru: 'Заказов в месяц', en: 'Orders per month' }],
  ['avgIntervalDays', 'avg_interval_days', 'number', { ru: 'Средний интервал, дн.', en: 'Average interval, days' }],
  ['recencyDays', 'recency_days', 'integer', { ru: 'Дней с последней покупки', en: 'Days since last purchase' }],
  ['tenureDays', 'tenure_days', 'integer', { ru: 'Дней с первой покупки', en: 'Days since first purchase' }],
  ['firstPurchase', 'first_purchase', 'date', { ru: 'Первая покупка', en: 'First purchase' }],
  ['lastPurchase', 'last_purchase', 'date', { ru: 'Последняя покупка', en: 'Last purchase' }],
  ['productsBought', 'products_bought', 'integer', { ru: 'Товаров куплено', en: 'Products bought' }],
  ['groupsBought', 'groups_bought', 'integer', { ru: 'Товарных групп', en: 'Product groups bought' }],
  ['avgDiscountPct', 'avg_discount_pct', 'number', { ru: 'Средняя скидка, %', en: 'Average discount %' }],
  ['avgDelayDays', 'avg_delay_days', 'number', { ru: 'Средняя просрочка, дн.', en: 'Average payment delay, days' }],
  ['maxDelayDays', 'max_delay_days', 'integer', { ru: 'Наибольшая просрочка, дн.', en: 'Worst payment delay, days' }],
  ['overdueNow', 'overdue_now', 'moneyOrNull', { ru: 'Просроченная задолженность', en: 'Overdue now' }],
  ['interactions', 'interactions', 'integer', { ru: 'Контактов', en: 'Interactions' }],
  ['managerMinutes', 'manager_minutes', 'integer', { ru: 'Время менеджеров, мин', en: 'Manager time, min' }],
  ['managerTimeCost', 'manager_time_cost', 'money', { ru: 'Стоимость времени менеджеров', en: 'Manager time cost' }],
  ['logisticsCost', 'logistics_cost', 'money', { ru: 'Логистика', en: 'Logistics' }],
  [
    'relationshipSpend',
    'relationship_spend',
    'money',
    { ru: 'Представительские и подарки', en: 'Entertainment and gifts' },
  ],
  ['latePaymentCost', 'late_payment_cost', 'money', { ru: 'Стоимость просрочки оплаты', en: 'Cost of late payment' }],
  ['costToServe', 'cost_to_serve', 'money', { ru: 'Затраты на обслуживание', en: 'Cost to serve' }],
  ['profit', 'profit', 'moneyOrNull', { ru: 'Прибыль после затрат на обслуживание', en: 'Profit after cost to serve' }],
  [
    'uncostedRevenue',
    'uncosted_revenue',
    'money',
    { ru: 'Выручка без данных о себестоимости', en: 'Revenue with no cost data' },
  ],
  ['profitShare', 'profit_share', 'share', { ru: 'Доля прибыли', en: 'Share of profit' }],
  ['timeShare', 'time_share', 'share', { ru: 'Доля времени менеджеров', en: "Share of managers' time" }],
  ['activeMonths', 'active_months', 'integer', { ru: 'Месяцев с покупками', en: 'Months with purchases' }],
  ['revenueCv', 'revenue_cv', 'number', { ru: 'Вариация выручки (CV)', en: 'Revenue variation (CV)' }],
  ['abcRevenue', 'abc_revenue', 'text', { ru: 'ABC по выручке', en: 'ABC by revenue' }],
  ['abcGross', 'abc_gross', 'text', { ru: 'ABC по валовым продажам', en: 'ABC by gross sales' }],
  ['abcProfit', 'abc_profit', 'text', { ru: 'ABC по прибыли', en: 'ABC by profit' }],
  ['xyz', 'xyz', 'text', { ru: 'XYZ', en: 'XYZ' }],
  ['rScore', 'r_score', 'integer', { ru: 'R', en: 'R' }],
  ['fScore', 'f_score', 'integer', { ru: 'F', en: 'F' }],
  ['mScore', 'm_score', 'integer', { ru: 'M', en: 'M' }],
  ['rfmSegment', 'rfm_segment', 'text', { ru: 'RFM-сегмент', en: 'RFM segment' }],
  ['computedCategory', 'computed_category', 'text', { ru: 'Расчётная категория', en: 'Computed category' }],
  ['category', 'category', 'text', { ru: 'Категория', en: 'Category' }],
  ['ladderStage', 'ladder_stage', 'text', { ru: 'Ступень лестницы лояльности', en: 'Loyalty ladder stage' }],
  ['stageSince', 'stage_since', 'date', { ru: 'На ступени с', en: 'Stage since' }],
] as const satisfies readonly (readonly [string, string, Kind, Label])[];

export type FigureKey = (typeof figureCatalogue)[number][0];
export const figureKeys = figureCatalogue.map((f) => f[0]) as FigureKey[];

const schemaOf = (kind: Kind): TSchema => {
  switch (kind) {
    case 'money':
      return Money;
    case 'moneyOrNull':
      return Nullable(Money);
    case 'integer':
      return Nullable(Type.Integer());
    case 'number':
    case 'share':
      return Nullable(Type.Number());
    case 'date':
      return Nullable(IsoDate);
    case 'text':
      return Nullable(Type.String());
  }
};

export const Figures = Type.Object(
  Object.fromEntries(figureCatalogue.map(([key, , kind]) => [key, schemaOf(kind)])) as Record<FigureKey, TSchema>,
);

export const ClientFiguresItem = Type.Object({
  clientId: Id,
  name: Type.String(),
  status: Type.String(),
  region: Nullable(Type.String()),
  industry: Nullable(Type.String()),
  ownerUserId: Nullable(Type.Integer()),
  categoryOverride: Nullable(Type.String()),
  figures: Figures,
});
export type ClientFiguresItemT = Static<typeof ClientFiguresItem>;

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A month, YYYY-MM' });
const oneOf = <const T extends readonly string[]>(values: T) => Type.Enum<[...T]>([...values]);

/** The client list sorts by any figure, and by these columns of the client itself (then by name). */
export const clientSortKeys = ['name', 'status', 'region', 'industry'] as const;
export type ClientSortKey = (typeof clientSortKeys)[number];

/** The client list by figures: filters by segment and by figure ranges, sort by any figure or by name, status, region, industry. */
export const FiguresListQuery = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(
      Type.String({
        maxLength: 40,
        description:
          "A figure (e.g. profit) or the client's name, status, region or industry; prefix with - for descending, e.g. -profit. Default -profit",
      }),
    ),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Full-text search over names, ИНН/КПП/ОГРН and contacts' }),
    ),
    status: Type.Optional(oneOf(clientStatuses)),
    region: Type.Optional(ShortText),
    industry: Type.Optional(ShortText),
    ownerUserId: Type.Optional(
      Type.Union([Id, Type.Literal('none')], {
        description: "The owner (manager) of the clients; 'none' for the clients nobody owns",
      }),
    ),
    abcRevenue: Type.Optional(oneOf(abcClasses)),
    abcGross: Type.Optional(oneOf(abcClasses)),
    abcProfit: Type.Optional(oneOf(abcClasses)),
    xyz: Type.Optional(oneOf([...xyzClasses, 'none'])),
    rfmSegment: Type.Optional(oneOf(rfmSegments)),
    ladderStage: Type.Optional(oneOf(ladderStages)),
    category: Type.Optional(oneOf([...new Set([...computedCategories, ...categoryOverrides])])),
    rScore: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    fScore: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    firstPurchaseFrom: Type.Optional(IsoDate),
    firstPurchaseTo: Type.Optional(IsoDate),
    minRevenue: Type.Optional(Money),
    maxRevenue: Type.Optional(Money),
    minProfit: Type.Optional(Money),
    maxProfit: Type.Optional(Money),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    format: Type.Optional(oneOf(['json', 'csv', 'xlsx'])),
    lang: Type.Optional(oneOf(['ru', 'en'])),
  },
  { additionalProperties: false },
);
export type FiguresListQueryT = Static<typeof FiguresListQuery>;

export const FiguresPage = Type.Object({
  items: Type.Array(ClientFiguresItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  period: Type.Object({ from: IsoDate, to: IsoDate, asOf: IsoDate }),
  classesComputedAt: Nullable(Type.String()),
});

const PaymentTrackingSetting = Type.Enum([...paymentTrackings] as string[], {
  description:
    'Payment discipline: auto (tracked once any payment is recorded), on, or off. Not tracked: no delays, overdue unknown (null), no cost of late payment',
});
/** Whether payment discipline is tracked now, and why: the setting, or (auto) whether any payment exists. */
export const PaymentTrackingState = Type.Object({
  setting: PaymentTrackingSetting,
  tracked: Type.Boolean(),
  hasPayments: Type.Boolean(),
});
export const ClientMonth = Type.Object({
  month: IsoDate,
  revenue: Money,
  cost: Nullable(Money),
  margin: Nullable(Money),
  uncostedRevenue: Money,
  orders: Type.Integer(),
  minutes: Type.Integer(),
  spend: Money,
  logistics: Money,
});
export const StageChange = Type.Object({
  month: IsoDate,
  stage: Type.String(),
  previousStage: Nullable(Type.String()),
});
export const ClientAnalytics = Type.Object({
  clientId: Id,
  period: Type.Object({ from: IsoDate, to: IsoDate, asOf: IsoDate }),
  figures: Figures,
  manualCategory: Nullable(Type.String()),
  manualCategoryReason: Nullable(Type.String()),
  months: Type.Array(ClientMonth),
  stages: Type.Array(StageChange),
  paymentTracking: PaymentTrackingState,
});

const XyzGrain = Type.Enum(xyzGrains, {
  description: 'Period XYZ measures the variation of revenue over: month or quarter',
});
const numericSettings = Object.fromEntries(
  numericSettingKeys.filter((k) => k !== 'hourlyRate').map((k) => [k, Type.Number()]),
) as Record<Exclude<(typeof numericSettingKeys)[number], 'hourlyRate'>, TNumber>;
/** The settings as the API gives them: the cost of a manager hour in roubles, like every amount. */
export const AnalyticsSettingsSchema = Type.Object({
  hourlyRate: Money,
  ...numericSettings,
  xyzGrain: XyzGrain,
  paymentTracking: PaymentTrackingSetting,
});
export const AnalyticsSettingsChange = Type.Partial(
  Type.Object({
    hourlyRate: MoneyInput,
    ...numericSettings,
    xyzGrain: XyzGrain,
    paymentTracking: PaymentTrackingSetting,
  }),
  { additionalProperties: false, minProperties: 1 },
);

export type AnalyticsSettingsView = Static<typeof AnalyticsSettingsSchema>;

export const ChartQuery = Type.Object(
  {
    basis: Type.Optional(oneOf(abcBases)),
    grain: Type.Optional(oneOf(['quarter', 'year'])),
    from: Type.Optional(Month),
    to: Type.Optional(Month),
    format: Type.Optional(oneOf(['json', 'csv', 'xlsx'])),
    lang: Type.Optional(oneOf(['ru', 'en'])),
  },
  { additionalProperties: false },
);
export type ChartQueryT = Static<typeof ChartQuery>;

// ---- charts --------------------------------------------------------------------------------
const Counts = Type.Record(Type.String(), Type.Integer());
/** How much of the revenue margin and profit can speak for: lines with no cost data are left out, and said. */
export const CostCoverage = Type.Object(
  {
    unknownProfitClients: Type.Integer({
      description:
        'Clients with sales of which no line has a known cost: their margin and profit are unknown, and they are left out of every profit-based total and class',
    }),
    revenueWithoutCost: Money,
    revenueWithCostPct: Nullable(
      Type.Number({
        description:
          'Share (%) of the revenue whose cost is known, which margin and profit cover; null without revenue',
      }),
    ),
  },
  {
    description:
      "Margin and profit are over the revenue whose cost is known (from the document or the catalogue's purchase price); revenueWithoutCost is left out",
  },
);
export const Totals = Type.Object({
  clients: Type.Integer(),
  buyingClients: Type.Integer(),
  revenue: Money,
  margin: Money,
  costToServe: Money,
  profit: Money,
  managerMinutes: Type.Number(),
  overdueNow: Money,
  lossMakingClients: Type.Integer(),
  lossMakingProfit: Money,
  byStage: Counts,
  byCategory: Counts,
  byAbcProfit: Counts,
  costCoverage: CostCoverage,
});
export const FlowPeriod = Type.Object({
  period: IsoDate,
  previousBuyers: Type.Integer(),
  retained: Type.Integer(),
  retentionRate: Nullable(Type.Number()),
  significantLost: Type.Integer(),
  significantGained: Type.Integer(),
  alarm: Type.Boolean(),
});
export const InsignificantTotals = Type.Object({
  clients: Type.Integer(),
  profit: Money,
  profitShare: Type.Number(),
  timeShare: Type.Number(),
  managerMinutes: Type.Number(),
  profitThresholdPct: Type.Number(),
  timeThresholdPct: Type.Number(),
  takesBulkOfTime: Type.Boolean(),
  rfmChampions: Type.Integer({
    description:
      'Members that RFM calls champions: they buy often and recently with a large gross margin, yet little of it is left after cost to serve',
  }),
  unknownProfitClients: Type.Integer({
    description: 'Clients left out because their profit is unknown (no cost data)',
  }),
});
const PeriodOut = Type.Object({ from: IsoDate, to: IsoDate, asOf: Type.Optional(IsoDate) });
export const AnalyticsSummary = Type.Object({
  computedAt: Nullable(Type.String()),
  refreshMs: Nullable(Type.Integer()),
  period: Nullable(PeriodOut),
  totals: Totals,
  insignificant: InsignificantTotals,
  retentionTargetPct: Type.Number(),
  paymentTracking: PaymentTrackingState,
  quarters: Type.Array(FlowPeriod),
  years: Type.Array(FlowPeriod),
});
const AbcBasis = Type.Enum(abcBases, {
  description:
    'What ABC ranks clients by: profit after cost to serve, revenue (net of returns), or gross sales (before returns, as 1C sales reports count them)',
});
/** The ABC × XYZ matrix with the rules in force, so a reader sees what its classes mean. */
export const Matrix = Type.Object({
  basis: AbcBasis,
  abc: Type.Object(
    { a: Type.Number(), b: Type.Number() },
    { description: 'Cumulative shares (%) of the basis that close classes A and B' },
  ),
  xyz: Type.Object(
    { grain: XyzGrain, x: Type.Number(), y: Type.Number(), minActiveMonths: Type.Integer() },
    {
      description:
        'XYZ: coefficient of variation of revenue per grain period, X up to x %, Y up to y %, no class under minActiveMonths months with purchases',
    },
  ),
  cells: Type.Array(
    Type.Object({
      abc: Type.String(),
      xyz: Type.String(),
      clients: Type.Integer(),
      revenue: Money,
      grossSales: Money,
      profit: Money,
    }),
  ),
  costCoverage: CostCoverage,
});
export const RfmMap = Type.Object({
  basis: Type.Union([Type.Literal('margin'), Type.Literal('revenue')], {
    description:
      "M of RFM: gross margin (revenue net of returns − cost of goods), before cost to serve; revenue when some buyer's margin is unknown (no cost data)",
  }),
  segments: Type.Array(
    Type.Object({
      segment: Type.String(),
      clients: Type.Integer(),
      revenue: Money,
      margin: Money,
      profit: Money,
      avgRecencyDays: Type.Number(),
    }),
  ),
  grid: Type.Array(Type.Object({ r: Type.Integer(), f: Type.Integer(), clients: Type.Integer() })),
});
export const Whale = Type.Object({
  basis: Type.Literal('profit', { description: 'Clients ranked by profit after cost to serve' }),
  clients: Type.Integer(),
  totalProfit: Money,
  peakProfit: Money,
  hump: Nullable(Type.Number()),
  curve: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      clientShare: Type.Number(),
      cumulativeProfit: Money,
      profitShare: Nullable(Type.Number()),
    }),
  ),
  costCoverage: CostCoverage,
});
export const Funnel = Type.Object({
  period: PeriodOut,
  climbed: Type.Integer(),
  stayed: Type.Integer(),
  fell: Type.Integer(),
  transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), clients: Type.Integer() })),
});
export const Cohorts = Type.Object({
  computedAt: Nullable(Type.String()),
  cohorts: Type.Array(Type.Object({ cohort: IsoDate, size: Type.Integer(), retained: Type.Array(Type.Integer()) })),
});
export const Flows = Type.Object({
  computedAt: Nullable(Type.String()),
  retentionTargetPct: Type.Number(),
  grain: Type.String(),
  periods: Type.Array(FlowPeriod),
});
export const Insignificant = Type.Object({ totals: InsignificantTotals, ...FiguresPage.properties });
export const RefreshResult = Type.Object({
  periodFrom: IsoDate,
  periodTo: IsoDate,
  asOf: IsoDate,
  durationMs: Type.Integer(),
  clients: Type.Integer(),
  buyingClients: Type.Integer(),
  revenue: Money,
  profit: Money,
});
