import type {
  ClientLossCreateT,
  ClientLossListQueryT,
  ClientLossPageT,
  ClientLossT,
  ClientLossUpdateT,
  LossParetoQueryT,
  LossParetoT,
} from '../../contract/losses.js';
import { DomainError, fieldProblem, notFound, type FieldProblem } from '../../core/errors.js';
import { lossPareto, wonBackRate } from '../../core/losses/pareto.js';
import { formatMoney } from '../../core/money/money.js';
import type { Database } from '../../db/database.js';
import {
  chartsDue,
  getLoss as getLossRow,
  insertLoss,
  lastPurchaseOf,
  listLosses,
  openLossOf,
  profitOverYearTo,
  reasonCounts,
  setClientLost,
  topCompetitors,
  updateLossTexts,
  type LossRow,
} from '../../db/queries/losses/losses.js';
import { getRecord } from '../../db/queries/records.js';
import { clients } from '../../db/schema/index.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertRecordInScope, clientScope, rowScope } from '../access/scope.js';
import { isoTimestamp, moneyOut, throwIfProblems } from '../convert.js';
import { analyticsSettingsFor } from '../analytics/settings.js';
import { keepAnalytics } from '../analytics/upkeep.js';
import { auditLoss } from '../audit/views.js';

type ClientRow = typeof clients.$inferSelect;

function lossToApi(r: LossRow): ClientLossT {
  return {
    ...r,
    profitAtLoss: moneyOut(r.profitAtLoss),
    createdAt: isoTimestamp(r.createdAt),
    updatedAt: isoTimestamp(r.updatedAt),
  };
}

/** Trimmed text, or null when nothing is left. */
const text = (v: string | null | undefined): string | null | undefined =>
  v === undefined ? undefined : v === null ? null : v.trim() || null;

const competitorRequired: FieldProblem = fieldProblem('competitor', 'required', 'loss.competitorRequired');

/**
 * Marks a client lost with the lesson of its loss (docs/domain.md §9), in one transaction: the
 * loss record (the client's significance copied from its card; profit at loss = its profit after
 * cost to serve over the 12 months up to the loss, from the monthly rollups), the client's status
 * and lost day, the analytics upkeep every client write does, and the charts marked due so the
 * lost-vs-gained alarm counts the loss at the next refresh. The loss day defaults to today (or, for a
 * client already marked lost without a record, to the day it was marked) and can
 * be neither in the future nor before the client's last purchase (it would be won back at once).
 * A client with a loss not yet won back answers 409: edit that record instead.
 */
export async function markClientLost(
  db: Database,
  actor: Actor,
  clientId: number,
  input: ClientLossCreateT,
): Promise<ClientLossT> {
  assertCanWrite(actor);
  const today = db.clock.today();
  const competitor = text(input.competitor) ?? null;
  const problems: FieldProblem[] = [];
  if (input.lostOn && input.lostOn > today) problems.push(fieldProblem('lostOn', 'future', 'loss.future'));
  if (input.reason === 'competitor' && !competitor) problems.push(competitorRequired);
  throwIfProblems(problems);
  return db.engine.transaction(async () => {
    const client = await getRecord<ClientRow>(db, clients, actor.orgId, clientId, rowScope(actor, clients));
    if (!client) throw notFound('client', clientId);
    // A client marked lost before losses were recorded keeps its day unless another is given.
    const lostOn = input.lostOn ?? (client.status === 'lost' && client.lostOn ? client.lostOn : today);
    const open = await openLossOf(db, actor.orgId, clientId);
    if (open) throw new DomainError('conflict', 'loss.alreadyLost', { lostOn: open.lostOn, id: open.id });
    const lastPurchase = await lastPurchaseOf(db, actor.orgId, clientId);
    if (lastPurchase && lastPurchase >= lostOn) {
      throwIfProblems([fieldProblem('lostOn', 'beforeLastPurchase', 'loss.boughtAfter', { lastPurchase })]);
    }
    const settings = await analyticsSettingsFor(db, actor.orgId);
    const id = await insertLoss(db, actor.orgId, {
      clientId,
      lostOn,
      reason: input.reason,
      reasonNotes: text(input.reasonNotes) ?? null,
      competitor,
      significance: client.significance,
      profitAtLoss: await profitOverYearTo(db, actor.orgId, clientId, lostOn, settings.hourlyRate),
      systemicError: text(input.systemicError) ?? null,
      winBackPlan: text(input.winBackPlan) ?? null,
      createdBy: actor.userId,
    });
    await setClientLost(db, actor.orgId, clientId, lostOn);
    await keepAnalytics(db, actor.orgId, { clientIds: [clientId], days: [] });
    await chartsDue(db, actor.orgId);
    const loss = lossToApi((await getLossRow(db, actor.orgId, id))!);
    await auditLoss(db, actor, 'create', undefined, loss, { status: client.status, lostOn: client.lostOn });
    return loss;
  });
}

/** Changes what a loss record says (reason, competitor, notes, systemic error, win-back plan); its dates and figures stay. */
export async function updateLoss(
  db: Database,
  actor: Actor,
  id: number,
  input: ClientLossUpdateT,
): Promise<ClientLossT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    const existing = await getLossRow(db, actor.orgId, id);
    if (!existing) throw notFound('loss', id);
    await assertRecordInScope(db, actor, existing.clientId, 'loss', id);
    const values = {
      reason: input.reason,
      reasonNotes: text(input.reasonNotes),
      competitor: text(input.competitor),
      systemicError: text(input.systemicError),
      winBackPlan: text(input.winBackPlan),
    };
    const reason = values.reason ?? existing.reason;
    const competitor = values.competitor !== undefined ? values.competitor : existing.competitor;
    if (reason === 'competitor' && !competitor) throwIfProblems([competitorRequired]);
    await updateLossTexts(db, actor.orgId, id, values);
    const loss = lossToApi((await getLossRow(db, actor.orgId, id))!);
    await auditLoss(db, actor, 'update', lossToApi(existing), loss);
    return loss;
  });
}

export async function getLoss(db: Database, actor: Actor, id: number): Promise<ClientLossT> {
  const row = await getLossRow(db, actor.orgId, id);
  if (!row) throw notFound('loss', id);
  await assertRecordInScope(db, actor, row.clientId, 'loss', id);
  return lossToApi(row);
}

export async function findLosses(db: Database, actor: Actor, query: ClientLossListQueryT): Promise<ClientLossPageT> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const { items, total } = await listLosses(
    db,
    actor.orgId,
    { ...query, scope: clientScope(actor) },
    { page, pageSize, sort: query.sort },
  );
  return { items: items.map(lossToApi), total, page, pageSize };
}

/** The same day a year earlier, less a day after: the 12 months ending `to`. */
function yearBefore(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The Pareto of loss reasons over a period (by the number of losses or the profit lost; see
 * core/losses/pareto.ts), the competitors named most, and the won-back rate of the period: losses
 * dated in it whose client has bought again since ÷ losses dated in it. The counting is SQL.
 */
export async function lossParetoOf(db: Database, actor: Actor, query: LossParetoQueryT): Promise<LossParetoT> {
  const to = query.to ?? db.clock.today();
  const from = query.from ?? yearBefore(to);
  if (from > to) throwIfProblems([fieldProblem('from', 'afterTo', 'field.periodReversed')]);
  const by = query.by ?? 'count';
  const [counts, competitors] = await Promise.all([
    reasonCounts(db, actor.orgId, from, to, clientScope(actor)),
    topCompetitors(db, actor.orgId, from, to, 10, clientScope(actor)),
  ]);
  const extra = new Map(counts.map((c) => [c.reason, c]));
  const losses = counts.reduce((s, c) => s + c.count, 0);
  const wonBack = counts.reduce((s, c) => s + c.wonBack, 0);
  return {
    period: { from, to },
    by,
    losses,
    significant: counts.reduce((s, c) => s + c.significant, 0),
    profitLost: formatMoney(counts.reduce((s, c) => s + c.profitLost, 0)),
    wonBack,
    wonBackRate: wonBackRate(losses, wonBack),
    reasons: lossPareto(counts, by).map((r) => ({
      reason: r.reason,
      count: r.count,
      profitLost: formatMoney(r.profitLost),
      share: r.share,
      cumulativeShare: r.cumulativeShare,
      vitalFew: r.vitalFew,
      significant: extra.get(r.reason)?.significant ?? 0,
      wonBack: extra.get(r.reason)?.wonBack ?? 0,
    })),
    competitors: competitors.map((c) => ({ ...c, profitLost: formatMoney(c.profitLost) })),
  };
}
