import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { CongratulationScheduler } from './congratulation-scheduler.js';

const quietLog = { info: () => undefined, warn: () => undefined } as unknown as FastifyBaseLogger;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the congratulation scheduler', () => {
  it('runs once at start, again only when the day changes, retries a failed day, and stops on close', async () => {
    let today = '2026-08-03';
    const runs: string[] = [];
    let fail = false;
    const scheduler = new CongratulationScheduler({} as Database, quietLog, {
      startDelayMs: 5,
      checkEveryMs: 10,
      today: () => today,
      generate: async (day) => {
        runs.push(day);
        if (fail) throw new Error('database away');
        return 1;
      },
    });
    await wait(60);
    expect(runs).toEqual(['2026-08-03']);
    fail = true;
    today = '2026-08-04';
    await wait(25);
    fail = false;
    await wait(40);
    expect(runs.filter((d) => d === '2026-08-04').length).toBeGreaterThanOrEqual(2);
    expect(runs.at(-1)).toBe('2026-08-04');
    const done = runs.length;
    await wait(40);
    expect(runs.length).toBe(done);
    await scheduler.close();
    const after = runs.length;
    today = '2026-08-05';
    await wait(40);
    expect(runs.length).toBe(after);
  });
});
