// What a client's stored forecast should be (docs/analytics.md §21.12), put together in the tests from the
// core's own per-model results — forecastClients' figures and ownRhythm over the client's purchase days —
// so that the scorer and the database are held to them rather than to the SQL's summaries.
import type { PurchaseHistory } from '../../src/core/analytics/forecast/bgnbd.js';
import { storedForecast, type StoredForecast } from '../../src/core/analytics/forecast/base.js';
import { ownRhythm } from '../../src/core/analytics/forecast/next-purchase.js';
import type { ClientForecast } from '../../src/core/analytics/forecast/score.js';

/** The stored forecast of a client with these purchase days (sorted, distinct) and history; `f` null: the fit fell back. */
export const expectedStoredForecast = (
  clientId: number,
  history: PurchaseHistory,
  f: ClientForecast | null,
  days: readonly string[],
  asOf: string,
): StoredForecast =>
  storedForecast(
    { clientId, history, lastPurchase: days[days.length - 1]! },
    f ?? undefined,
    ownRhythm(days, asOf),
    asOf,
  );
