import { describe, expect, it } from 'vitest';
import { expectedStoredForecast } from '../../../../test/support/forecast-expectations.js';
import { sampler, simulatePurchaseDays } from '../../../../test/support/forecast-simulation.js';
import { fitBgNbd } from './bgnbd.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { fitForecastModel, scoreSummaries, type ClientSummary } from './base.js';
import { forecastClients } from './score.js';

const AS_OF = '2026-06-15';
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const isoDay = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

/** Clients buying at a Gamma-distributed rate, each dropping out after a purchase with a Beta-distributed p; whole days. */
function simulated(n: number, seed: number) {
  const s = sampler(seed);
  const today = dayNumber(AS_OF);
  return Array.from({ length: n }, (_, i) => {
    const T = Math.floor(s.uniform() * 700);
    const days = simulatePurchaseDays(s, { r: 0.9, alpha: 40, a: 0.8, b: 3 }, T).map((d) => today - T + d);
    // Purchase values ~ Gamma(4, ν), ν ~ Gamma(3, 2 000 000): 40 000.00 ₽ on average.
    const nu = s.gamma(3, 2_000_000);
    const values = days.map(() => Math.round(s.gamma(4, nu)));
    return { clientId: i + 1, days: days.map(isoDay), values, marginShare: 0.15 + 0.2 * s.uniform() };
  });
}

/** The summary of §21.12 worked out from the days themselves. */
function summaryOf(c: ReturnType<typeof simulated>[number]): ClientSummary {
  const d = c.days.map(dayNumber);
  const gaps = d.slice(1).map((x, i) => x - d[i]!);
  const sorted = [...gaps].sort((u, v) => u - v);
  const mid = sorted.length >> 1;
  return {
    clientId: c.clientId,
    repeatPurchases: d.length - 1,
    lastAfterFirstDays: d[d.length - 1]! - d[0]!,
    ageDays: dayNumber(AS_OF) - d[0]!,
    repeatValue: c.values.slice(1).reduce((a, b) => a + b, 0),
    marginShare: c.marginShare,
    medianGapDays: gaps.length === 0 ? null : gaps.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
    lastPurchase: c.days[c.days.length - 1]!,
  };
}

describe('fitForecastModel', () => {
  const clients = simulated(600, 3);
  const summaries = clients.map(summaryOf);

  it('fits both models as fitBgNbd and fitGammaGamma do on the histories and spends', () => {
    const model = fitForecastModel(summaries);
    const bg = fitBgNbd(summaries.map((s) => ({ x: s.repeatPurchases, tx: s.lastAfterFirstDays, T: s.ageDays })));
    const gg = fitGammaGamma(
      summaries.map((s) => ({
        x: s.repeatPurchases,
        meanValue: s.repeatPurchases ? s.repeatValue / s.repeatPurchases : 0,
      })),
    );
    if (!bg.ok || !gg.ok) throw new Error('the simulated base should fit');
    expect(model).toEqual({
      status: 'fitted',
      reason: null,
      valueReason: null,
      bgnbd: bg.params,
      gammaGamma: gg.params,
      clients: 600,
      repeatBuyers: bg.repeatBuyers,
      logLikelihood: bg.logLikelihood,
      meanPurchaseValue: gg.meanValue,
      frequencyValueCorrelation: gg.frequencyValueCorrelation,
    });
  });

  it('falls back with BG/NBD’s reason, and fits no spend model then', () => {
    expect(fitForecastModel(summaries.slice(0, 40))).toMatchObject({
      status: 'fallback',
      reason: 'too-few-clients',
      valueReason: null,
      bgnbd: null,
      gammaGamma: null,
      clients: 40,
    });
  });

  it('is partial when only the spend model falls back: repeat purchases of no value', () => {
    const model = fitForecastModel(summaries.map((s) => ({ ...s, repeatValue: 0 })));
    expect(model).toMatchObject({ status: 'partial', reason: null, valueReason: 'too-few-repeat-buyers' });
    expect(model.bgnbd).not.toBeNull();
    expect(model.gammaGamma).toBeNull();
  });
});

describe('scoreSummaries', () => {
  const clients = simulated(300, 5);
  const summaries = clients.map(summaryOf);
  const model = fitForecastModel(summaries);

  it('stores what forecastClients and ownRhythm give, P(alive) and the margin lost left out for one-time buyers', () => {
    const rows = scoreSummaries(model, summaries, AS_OF, { monthlyDiscountRate: 0.01 });
    const forecasts = forecastClients(
      model.bgnbd!,
      model.gammaGamma,
      summaries.map((s) => ({
        history: { x: s.repeatPurchases, tx: s.lastAfterFirstDays, T: s.ageDays },
        spend: { x: s.repeatPurchases, meanValue: s.repeatPurchases ? s.repeatValue / s.repeatPurchases : 0 },
        marginShare: s.marginShare,
      })),
      { monthlyDiscountRate: 0.01 },
    );
    rows.forEach((row, i) => {
      const s = summaries[i]!;
      const history = { x: s.repeatPurchases, tx: s.lastAfterFirstDays, T: s.ageDays };
      expect(row).toEqual(expectedStoredForecast(i + 1, history, forecasts[i]!, clients[i]!.days, AS_OF));
    });
    expect(rows.some((r) => r.overdue === true)).toBe(true);
    // A one-time buyer gets no P(alive) and no margin lost (BG/NBD keeps it alive for ever); others do.
    expect(rows.some((r) => r.pAlive === null)).toBe(true);
    for (const r of rows) {
      expect(r.pAlive === null).toBe(r.repeatPurchases === 0);
      expect(r.expectedMarginLost === null).toBe(r.repeatPurchases === 0);
    }
  });

  it('after a fallback keeps each client’s own rhythm and no model figure', () => {
    const rows = scoreSummaries({ bgnbd: null, gammaGamma: null }, summaries, AS_OF, { monthlyDiscountRate: 0.01 });
    rows.forEach((row, i) => {
      const s = summaries[i]!;
      const history = { x: s.repeatPurchases, tx: s.lastAfterFirstDays, T: s.ageDays };
      expect(row).toEqual(expectedStoredForecast(i + 1, history, null, clients[i]!.days, AS_OF));
    });
  });
});
