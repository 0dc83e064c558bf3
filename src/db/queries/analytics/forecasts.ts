import { sql } from 'drizzle-orm';
import type { AtRiskSortKey } from '../../../core/analytics/forecast/at-risk.js';
import type { ClientSummary, ForecastModel, StoredForecast } from '../../../core/analytics/forecast/base.js';
import type { Database } from '../../database.js';
import { inClientScopeText, type ClientScope } from '../access/scope.js';
import { runSql } from '../sql.js';
import { SALE_STATUSES } from './rollups.js';
import { clientFilter, type Scope } from './scope.js';

// The forecasts (docs/analytics.md §21.12): every buying client's purchase summary for the models, the
// organisation's fit (org_forecasts) and each client's scored figures (client_forecasts).

/**
 * Every buying client's purchases up to the as-of day, set-based (docs/analytics.md §21.1, §21.12): purchase
 * days are the distinct days with a sale (a document of a sale status with a positive total, as
 * client_months counts them), a day's value the Σ of those sales' totals; x = purchase days − 1,
 * tₓ = last − first, T = as-of − first, the repeat value = Σ value of the days after the first, the
 * median of the gaps between consecutive days (percentile_cont: the mean of the two middle gaps when
 * their number is even), and the margin share = Σ (revenue − revenue of unknown cost − cost) ÷
 * Σ (revenue − revenue of unknown cost) over the client's months up to the as-of month (null when that
 * costed revenue is not positive). Clients in id order.
 */
export async function forecastSummaries(db: Database, scope: Scope, asOf: string): Promise<ClientSummary[]> {
  const org = scope.orgId;
  const { rows } = await runSql<{
    client_id: number;
    x: number;
    tx: number;
    t: number;
    repeat_value: number;
    median_gap: number | null;
    last_day: string;
    margin_share: number | null;
  }>(
    db,
    sql`
    WITH day AS (
      SELECT o.client_id, o.order_date AS day, sum(o.total) AS value
      FROM orders o
      WHERE o.org_id = ${org} AND o.status IN ${SALE_STATUSES} AND o.total > 0 AND o.order_date <= ${asOf}::date ${clientFilter(scope, 'o.client_id')}
      GROUP BY o.client_id, o.order_date
    ), seq AS (
      SELECT client_id, day, value, day - lag(day) OVER (PARTITION BY client_id ORDER BY day) AS gap FROM day
    ), buyer AS (
      SELECT client_id, count(*) - 1 AS x, min(day) AS first_day, max(day) AS last_day,
        coalesce(sum(value) FILTER (WHERE gap IS NOT NULL), 0) AS repeat_value,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY gap) AS median_gap
      FROM seq GROUP BY client_id
    ), margin AS (
      SELECT m.client_id, sum(m.revenue - m.uncosted_revenue) AS costed, sum(m.revenue - m.uncosted_revenue - m.cost) AS margin
      FROM client_months m
      WHERE m.org_id = ${org} AND m.month <= date_trunc('month', ${asOf}::date)::date ${clientFilter(scope, 'm.client_id')}
      GROUP BY m.client_id
    )
    SELECT b.client_id, b.x, b.last_day - b.first_day AS tx, ${asOf}::date - b.first_day AS t, b.repeat_value, b.median_gap,
      b.last_day, CASE WHEN mg.costed > 0 THEN mg.margin::float8 / mg.costed::float8 END AS margin_share
    FROM buyer b LEFT JOIN margin mg ON mg.client_id = b.client_id
    ORDER BY b.client_id`,
  );
  return rows.map((r) => ({
    clientId: Number(r.client_id),
    repeatPurchases: Number(r.x),
    lastAfterFirstDays: Number(r.tx),
    ageDays: Number(r.t),
    repeatValue: Number(r.repeat_value),
    marginShare: r.margin_share === null ? null : Number(r.margin_share),
    medianGapDays: r.median_gap === null ? null : Number(r.median_gap),
    lastPurchase: String(r.last_day),
  }));
}

/**
 * The forecast figures the client list shows, sorts and filters by (contract/analytics.ts' catalogue), read
 * from client_forecasts beside client_figures: `fc.<column>`.
 */
export const forecastFigureColumns: ReadonlySet<string> = new Set([
  'p_alive',
  'expected_purchases_90',
  'expected_margin_12m',
  'expected_margin_lost',
  'next_purchase_on',
  'overdue',
]);

/** `LEFT JOIN client_forecasts fc` onto the figures `f` of a list. */
export const forecastJoin = (orgId: number) =>
  sql`LEFT JOIN client_forecasts fc ON fc.org_id = ${orgId} AND fc.client_id = f.client_id`;

/** The database's clock now (not the transaction's start): stamps a refresh's reading of the purchases. */
export async function databaseNow(db: Database): Promise<string> {
  const { rows } = await db.engine.query<{ now: string }>('SELECT clock_timestamp() AS now');
  return String(rows[0]!.now);
}

/** client_forecasts' columns in the order `writeClientForecasts` passes them, with their array types. */
const forecastColumns: [keyof StoredForecast, string, string][] = [
  ['clientId', 'client_id', 'bigint'],
  ['repeatPurchases', 'repeat_purchases', 'int'],
  ['lastAfterFirstDays', 'last_after_first_days', 'int'],
  ['ageDays', 'age_days', 'int'],
  ['pAlive', 'p_alive', 'float8'],
  ['expectedPurchases30', 'expected_purchases_30', 'float8'],
  ['expectedPurchases90', 'expected_purchases_90', 'float8'],
  ['expectedPurchases365', 'expected_purchases_365', 'float8'],
  ['purchaseWithin30', 'purchase_within_30', 'float8'],
  ['expectedPurchaseValue', 'expected_purchase_value', 'bigint'],
  ['expectedMargin12m', 'expected_margin_12m', 'bigint'],
  ['expectedMarginLost', 'expected_margin_lost', 'bigint'],
  ['modelNextPurchaseOn', 'model_next_purchase_on', 'date'],
  ['usualGapDays', 'usual_gap_days', 'numeric'],
  ['daysSinceLast', 'days_since_last', 'int'],
  ['nextPurchaseOn', 'next_purchase_on', 'date'],
  ['overdue', 'overdue', 'boolean'],
];

/** Every column of a client's stored forecast but its keys, as `fc.<column>` (the card reads them all). */
export const clientForecastSelect = [
  ...forecastColumns.slice(1).map(([, column]) => `fc.${column}`),
  'fc.as_of AS forecast_as_of',
  'fc.scored_at',
].join(', ');

/** Rows per statement: a few thousand, so no statement is unbounded and there are few round trips. */
const WRITE_ROWS = 5000;

/**
 * Writes client forecasts set-based: one INSERT … SELECT FROM unnest(arrays) … ON CONFLICT per
 * `WRITE_ROWS` rows, each column an array parameter (numbers as their shortest exact text, so a float8
 * is stored as computed). `since`: leave a row scored after that moment (clock_timestamp) alone — an
 * upkeep re-scored it from purchases the caller did not see.
 */
export async function writeClientForecasts(
  db: Database,
  orgId: number,
  rows: readonly StoredForecast[],
  asOf: string,
  since?: string,
): Promise<void> {
  const names = sql.raw(forecastColumns.map(([, c]) => c).join(', '));
  const updates = sql.raw(
    forecastColumns
      .slice(1)
      .map(([, c]) => `${c} = EXCLUDED.${c}`)
      .join(', '),
  );
  const guard = since === undefined ? sql`` : sql`WHERE client_forecasts.scored_at < ${since}::timestamptz`;
  for (let start = 0; start < rows.length; start += WRITE_ROWS) {
    const chunk = rows.slice(start, start + WRITE_ROWS);
    const arrays = forecastColumns.map(
      ([key, , type]) =>
        sql`${sql.param(chunk.map((r) => (r[key] === null ? null : String(r[key]))))}::${sql.raw(type)}[]`,
    );
    await runSql(
      db,
      sql`
      INSERT INTO client_forecasts (org_id, ${names}, as_of, scored_at)
      SELECT ${orgId}::bigint, u.*, ${asOf}::date, clock_timestamp() FROM unnest(${sql.join(arrays, sql`, `)}) AS u
      ON CONFLICT (org_id, client_id) DO UPDATE SET ${updates}, as_of = EXCLUDED.as_of, scored_at = EXCLUDED.scored_at
      ${guard}`,
    );
  }
}

/**
 * Deletes the forecasts of the scope's clients that have none now (no purchase day up to the as-of
 * day): every row of the scope whose client is not in `kept`. `since` as in `writeClientForecasts`.
 */
export async function deleteOtherForecasts(
  db: Database,
  scope: Scope,
  kept: readonly number[],
  since?: string,
): Promise<void> {
  await runSql(
    db,
    sql`
    DELETE FROM client_forecasts f WHERE f.org_id = ${scope.orgId} ${clientFilter(scope, 'f.client_id')}
      ${since === undefined ? sql`` : sql`AND f.scored_at < ${since}::timestamptz`}
      AND NOT EXISTS (SELECT 1 FROM unnest(${sql.param(kept.map(String))}::bigint[]) AS k(id) WHERE k.id = f.client_id)`,
  );
}

/** The organisation's last fit as stored (org_forecasts), undefined before its first. */
export type OrgForecastRow = {
  status: ForecastModel['status'];
  reason: ForecastModel['reason'];
  value_reason: ForecastModel['valueReason'];
  r: number | null;
  alpha: number | null;
  a: number | null;
  b: number | null;
  p: number | null;
  q: number | null;
  gamma: number | null;
  clients: number;
  repeat_buyers: number;
  log_likelihood: number | null;
  mean_purchase_value: number | null;
  frequency_value_correlation: number | null;
  as_of: string;
  fitted_at: string;
  read_ms: number;
  fit_ms: number;
  score_ms: number;
  write_ms: number;
};

export async function orgForecastOf(db: Database, orgId: number): Promise<OrgForecastRow | undefined> {
  const {
    rows: [row],
  } = await db.engine.query<OrgForecastRow>(
    `
    SELECT status, reason, value_reason, r, alpha, a, b, p, q, gamma, clients, repeat_buyers, log_likelihood, mean_purchase_value,
      frequency_value_correlation, as_of, fitted_at, read_ms, fit_ms, score_ms, write_ms
    FROM org_forecasts WHERE org_id = $1`,
    [orgId],
  );
  return row;
}

/** Stores the organisation's fit (fitted now), replacing the previous one. */
export async function saveOrgForecast(
  db: Database,
  orgId: number,
  model: ForecastModel,
  asOf: string,
  times: { readMs: number; fitMs: number; scoreMs: number; writeMs: number },
): Promise<void> {
  const bg = model.bgnbd;
  const gg = model.gammaGamma;
  await db.engine.query(
    `
    INSERT INTO org_forecasts (org_id, status, reason, value_reason, r, alpha, a, b, p, q, gamma, clients, repeat_buyers, log_likelihood,
      mean_purchase_value, frequency_value_correlation, as_of, fitted_at, read_ms, fit_ms, score_ms, write_ms)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, now(), $18, $19, $20, $21)
    ON CONFLICT (org_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, value_reason = EXCLUDED.value_reason,
      r = EXCLUDED.r, alpha = EXCLUDED.alpha, a = EXCLUDED.a, b = EXCLUDED.b, p = EXCLUDED.p, q = EXCLUDED.q, gamma = EXCLUDED.gamma,
      clients = EXCLUDED.clients, repeat_buyers = EXCLUDED.repeat_buyers, log_likelihood = EXCLUDED.log_likelihood,
      mean_purchase_value = EXCLUDED.mean_purchase_value, frequency_value_correlation = EXCLUDED.frequency_value_correlation,
      as_of = EXCLUDED.as_of, fitted_at = EXCLUDED.fitted_at, read_ms = EXCLUDED.read_ms, fit_ms = EXCLUDED.fit_ms, score_ms = EXCLUDED.score_ms,
      write_ms = EXCLUDED.write_ms`,
    [
      orgId,
      model.status,
      model.reason,
      model.valueReason,
      ...[bg?.r, bg?.alpha, bg?.a, bg?.b, gg?.p, gg?.q, gg?.gamma].map((v) => (v === undefined ? null : String(v))),
      model.clients,
      model.repeatBuyers,
      model.logLikelihood === null ? null : String(model.logLikelihood),
      model.meanPurchaseValue,
      model.frequencyValueCorrelation === null ? null : String(model.frequencyValueCorrelation),
      asOf,
      Math.round(times.readMs),
      Math.round(times.fitMs),
      Math.round(times.scoreMs),
      Math.round(times.writeMs),
    ],
  );
}

/** The column of each sort key of the at-risk view. */
const atRiskOrders: Record<AtRiskSortKey, string> = {
  expectedMarginLost: 'fc.expected_margin_lost',
  pAlive: 'fc.p_alive',
  expectedMargin12m: 'fc.expected_margin_12m',
  daysSinceLast: 'fc.days_since_last',
  name: 'c.name',
};

export type AtRiskRow = Record<string, unknown> & {
  client_id: number;
  name: string;
  significance: string | null;
  owner_user_id: number | null;
  owner_name: string | null;
  abc_profit: string | null;
  ladder_stage: string | null;
  margin: number | null;
  p_alive: number | null;
  overdue: boolean | null;
};

/**
 * The at-risk view (docs/analytics.md §21.13): significant clients — class A by profit, or key or major on
 * the card (§14) — with at least one reason: P(alive) under `doubtfulAlive`, their own rhythm overdue, or
 * lost on the ladder; sorted (default: the margin expected lost, largest first), nulls last, then by the
 * period's margin and the client. With the count and Σ margin expected lost of all of them.
 */
export async function atRiskClients(
  db: Database,
  orgId: number,
  options: {
    significances: readonly string[];
    doubtfulAlive: number;
    order: AtRiskSortKey;
    descending: boolean;
    ownerUserId?: number | 'none' | undefined;
    scope?: ClientScope | null | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ rows: AtRiskRow[]; total: number; lostTotal: number }> {
  const where = [
    sql`fc.org_id = ${orgId}`,
    sql`(f.abc_profit = 'A' OR c.significance = ANY(${sql.param([...options.significances])}::text[]))`,
    sql`(fc.p_alive < ${options.doubtfulAlive}::float8 OR fc.overdue OR f.ladder_stage = 'lost')`,
  ];
  if (options.ownerUserId === 'none') where.push(sql`c.owner_user_id IS NULL`);
  else if (options.ownerUserId !== undefined) where.push(sql`c.owner_user_id = ${options.ownerUserId}`);
  if (options.scope) where.push(sql.raw(inClientScopeText(options.scope, 'fc.client_id')));
  const from = sql`client_forecasts fc
    JOIN client_figures f ON f.org_id = fc.org_id AND f.client_id = fc.client_id
    JOIN clients c ON c.org_id = fc.org_id AND c.id = fc.client_id`;
  const condition = sql.join(where, sql` AND `);
  const dir = options.descending ? 'DESC' : 'ASC';
  const order = sql.raw(
    `${atRiskOrders[options.order]} ${dir} NULLS LAST, f.margin DESC NULLS LAST, fc.client_id ${dir}`,
  );
  const [{ rows }, { rows: totals }] = await Promise.all([
    runSql<AtRiskRow>(
      db,
      sql`
      SELECT fc.*, c.name, c.significance, c.owner_user_id, u.name AS owner_name, f.abc_profit, f.ladder_stage, f.margin
      FROM ${from} LEFT JOIN users u ON u.org_id = c.org_id AND u.id = c.owner_user_id
      WHERE ${condition}
      ORDER BY ${order} LIMIT ${options.limit}::int OFFSET ${options.offset}::int`,
    ),
    runSql<{ n: number; lost: number }>(
      db,
      sql`SELECT count(*) AS n, coalesce(sum(fc.expected_margin_lost), 0) AS lost FROM ${from} WHERE ${condition}`,
    ),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0), lostTotal: Number(totals[0]?.lost ?? 0) };
}
