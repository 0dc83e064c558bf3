// Forecast benchmark: the pure statistical core of client forecasts (docs/analytics.md §21) on simulated
// clients — purchase days under BG/NBD, purchase values under Gamma-Gamma, in whole days as Rapport
// counts them — fitted and scored in this process, no database. Prints the times and the memory.
// usage: node --import tsx bench/forecast.ts   env: BENCH_CLIENTS (100000), BENCH_YEARS (3),
//        BENCH_SEED (1), BENCH_DIR (./bench/out)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  expectedPurchases,
  fitBgNbd,
  probabilityAlive,
  type BgNbdParams,
  type PurchaseHistory,
} from '../src/core/analytics/forecast/bgnbd.js';
import { expectedMargin } from '../src/core/analytics/forecast/clv.js';
import { forecastClients, type ClientForecast } from '../src/core/analytics/forecast/score.js';
import {
  expectedPurchaseValue,
  fitGammaGamma,
  type GammaGammaParams,
} from '../src/core/analytics/forecast/gamma-gamma.js';
import { probabilityOfPurchaseWithin, purchaseHorizon } from '../src/core/analytics/forecast/next-purchase.js';
import { sampler, simulateMeanValue } from '../test/support/forecast-simulation.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100_000);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const OUT = path.resolve(process.env.BENCH_DIR ?? 'bench/out');
/** Fitting both models for 100,000 clients must take well under 3 s (issue 18). */
const GOALS = { fitMs: 3000 };

/** Days: a client buying every 40 days or so on average, a fifth dropping out after a purchase. */
const BG_TRUTH: BgNbdParams = { r: 0.9, alpha: 40, a: 0.8, b: 3 };
/** Kopecks: a purchase of 40 000.00 ₽ on average. */
const GG_TRUTH: GammaGammaParams = { p: 4, q: 3, gamma: 2_000_000 };

const ms = (x: number) => Math.round(x * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const memory = () => {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) };
};
/**
 * Wall time and the process's CPU time (user + system) of `work`, in ms: on a shared machine the CPU
 * time is the steadier figure.
 */
function timed<T>(work: () => T): [T, number, number] {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  return [value, performance.now() - t, (used.user + used.system) / 1000];
}

/**
 * One client as Rapport sees it: the first purchase on a day within the last YEARS years, purchase
 * days after it at rate λ until the client drops out (probability p after each), several purchases on
 * one day being one purchase day; x, tₓ and T in whole days, and the mean value of the repeat days.
 */
function simulateClient(s: ReturnType<typeof sampler>) {
  const T = Math.floor(s.uniform() * YEARS * 365);
  const lambda = s.gamma(BG_TRUTH.r, BG_TRUTH.alpha);
  const p = s.beta(BG_TRUTH.a, BG_TRUTH.b);
  let [t, x, tx] = [0, 0, 0];
  for (;;) {
    t += s.exponential(lambda);
    if (t > T) break;
    const day = Math.floor(t);
    if (day > tx) [x, tx] = [x + 1, day];
    if (s.uniform() < p) break;
  }
  return {
    history: { x, tx, T },
    meanValue: x > 0 ? simulateMeanValue(s, GG_TRUTH, x) : 0,
    marginShare: 0.15 + 0.2 * s.uniform(),
  };
}

console.log(
  `Rapport forecast benchmark: ${CLIENTS} clients over ${YEARS} years (simulated, seed ${SEED}), times in days`,
);
const [clients, simulateMs] = timed(() => {
  const s = sampler(SEED);
  return Array.from({ length: CLIENTS }, () => simulateClient(s));
});
const histories: PurchaseHistory[] = clients.map((c) => c.history);
const spend = clients.map((c) => ({ x: c.history.x, meanValue: c.meanValue }));
const distinct = new Set(histories.map((h) => `${h.x},${h.tx},${h.T}`)).size;
const distinctXT = new Set(histories.map((h) => `${h.x},${h.T}`)).size;
console.log(
  `simulated in ${ms(simulateMs)} ms: ${histories.filter((h) => h.x > 0).length} repeat buyers, ${distinct} distinct (x, tₓ, T), ${distinctXT} distinct (x, T)`,
);

const [bg, bgMs, bgCpu] = timed(() => fitBgNbd(histories));
const [gg, ggMs, ggCpu] = timed(() => fitGammaGamma(spend));
const fitMs = bgMs + ggMs;
const fitCpu = bgCpu + ggCpu;
/** "wall ms (cpu ms)" */
const both = (wall: number, cpu: number) => `${ms(wall)} ms (CPU ${ms(cpu)} ms)`;
const afterFit = memory();
const show = (p: object) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${Number(v).toPrecision(4)}`)
    .join(', ');
console.log(
  `fit BG/NBD: ${both(bgMs, bgCpu)}, ${bg.ok ? `${show(bg.params)} (truth ${show(BG_TRUTH)}), ℓ ${ms(bg.logLikelihood)}` : `fallback: ${bg.reason}`}`,
);
console.log(
  `fit Gamma-Gamma: ${both(ggMs, ggCpu)}, ${gg.ok ? `${show(gg.params)} (truth ${show(GG_TRUTH)}), corr(x, z̄) ${gg.frequencyValueCorrelation.toFixed(3)}` : `fallback: ${gg.reason}`}`,
);
const fitOk = fitMs < GOALS.fitMs;
console.log(`fit both: ${both(fitMs, fitCpu)}, goal < ${GOALS.fitMs} ms: ${fitOk ? 'ok' : 'OVER'}`);
if (!bg.ok || !gg.ok) throw new Error('a model gave no parameters: nothing to score');

// Scoring: every figure a client's card and list would show, for the whole base at once.
const n = histories.length;
const [forecasts, scoreMs, scoreCpu] = timed(() =>
  forecastClients(
    bg.params,
    gg.params,
    clients.map((c, i) => ({ history: c.history, spend: spend[i]!, marginShare: c.marginShare })),
    { monthlyDiscountRate: 0.01 },
  ),
);
const afterScore = memory();
// One client alone, as after a write: the per-client functions.
const sample = Math.min(n, 2000);
const [, oneMs, oneCpu] = timed(() => {
  for (let i = 0; i < sample; i++) {
    const h = histories[i]!;
    probabilityAlive(bg.params, h);
    for (const t of [30, 90, 365]) expectedPurchases(bg.params, h, t);
    probabilityOfPurchaseWithin(bg.params, h, 30);
    purchaseHorizon(bg.params, h);
    const value = expectedPurchaseValue(gg.params, spend[i]!);
    expectedMargin(bg.params, h, value, clients[i]!.marginShare, { monthlyDiscountRate: 0.01 });
  }
});
const total = (pick: (f: ClientForecast) => number) => forecasts.reduce((s, f) => s + pick(f), 0);
console.log(
  `score everyone (P(alive), E[purchases] in 30/90/365 days, P(buy within 30 days), median wait, expected value, 12-month margin): ${both(scoreMs, scoreCpu)}, ${ms((scoreMs * 1000) / n)} µs a client`,
);
console.log(
  `one client at a time, the same figures (${sample} clients): ${ms((oneMs * 1000) / sample)} µs a client (CPU ${ms((oneCpu * 1000) / sample)} µs)`,
);
console.log(
  `totals: fit + score ${both(fitMs + scoreMs, fitCpu + scoreCpu)}; mean P(alive) ${(total((f) => f.probabilityAlive) / n).toFixed(3)}, expected purchases next 365 days ${Math.round(total((f) => f.expectedPurchases[2]!))}, expected 12-month margin ${Math.round(total((f) => f.expectedMargin) / 100).toLocaleString('en')} ₽`,
);
console.log(
  `memory after the fits: rss ${afterFit.rssMb} MB, heap ${afterFit.heapUsedMb} MB; after scoring: rss ${afterScore.rssMb} MB, heap ${afterScore.heapUsedMb} MB`,
);

mkdirSync(OUT, { recursive: true });
const file = path.join(OUT, 'forecast.json');
writeFileSync(
  file,
  JSON.stringify(
    {
      clients: n,
      years: YEARS,
      seed: SEED,
      distinctHistories: distinct,
      simulateMs: ms(simulateMs),
      bgnbd: {
        ms: ms(bgMs),
        cpuMs: ms(bgCpu),
        params: bg.params,
        truth: BG_TRUTH,
        logLikelihood: bg.logLikelihood,
        iterations: bg.iterations,
      },
      gammaGamma: { ms: ms(ggMs), cpuMs: ms(ggCpu), params: gg.params, truth: GG_TRUTH, iterations: gg.iterations },
      fit: { ms: ms(fitMs), cpuMs: ms(fitCpu), goalMs: GOALS.fitMs, ok: fitOk },
      score: { ms: ms(scoreMs), cpuMs: ms(scoreCpu) },
      oneClient: { usEach: ms((oneMs * 1000) / sample), cpuUsEach: ms((oneCpu * 1000) / sample) },
      fitAndScore: { ms: ms(fitMs + scoreMs), cpuMs: ms(fitCpu + scoreCpu) },
      memory: { afterFit, afterScore },
    },
    null,
    2,
  ) + '\n',
);
console.log(`figures written to ${path.relative(process.cwd(), file)}`);
