import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/database.js';
import { AnalyticsRefresher } from './analytics-refresher.js';

const log = { info: () => {}, warn: () => {} } as unknown as FastifyBaseLogger;
const db = { clock: fixedClock('2026-12-07'), engine: {} } as unknown as Database;

describe('the background analytics refresh', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after a burst of writes pauses', async () => {
    const refreshed: number[] = [];
    const r = new AnalyticsRefresher(db, log, 1000, 10_000, async (_db, orgId) => {
      refreshed.push(orgId);
      return { durationMs: 1 };
    });
    for (let i = 0; i < 5; i++) {
      r.requestSoon(7);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(refreshed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(refreshed).toEqual([7]);
    await r.close();
  });

  it('does not wait for ever under a steady stream of writes: at most the longest wait after the first', async () => {
    const refreshedAt: number[] = [];
    const start = Date.now();
    const r = new AnalyticsRefresher(db, log, 1000, 5000, async () => {
      refreshedAt.push(Date.now() - start);
      return { durationMs: 1 };
    });
    // A write every 400 ms for 12 s: the 1 s pause never comes.
    for (let t = 0; t < 12_000; t += 400) {
      r.requestSoon(3);
      await vi.advanceTimersByTimeAsync(400);
    }
    expect(refreshedAt.length).toBeGreaterThanOrEqual(2);
    expect(refreshedAt[0]).toBeLessThanOrEqual(5000);
    expect(refreshedAt[1]! - refreshedAt[0]!).toBeLessThanOrEqual(5400);
    await r.close();
  });
});
