import { describe, expect, it } from 'vitest';
import { fixedClock, isIsoDay, systemClock } from './clock.js';

describe('the clock the analytics count from', () => {
  it('knows a real day from a lookalike', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('15.06.2026')).toBe(false);
  });

  it('stops a fixed clock on its day and refuses one that is not a day', () => {
    expect(fixedClock('2026-06-15').today()).toBe('2026-06-15');
    expect(() => fixedClock('2026-06-31')).toThrow(/YYYY-MM-DD/);
  });

  it("reads the system's day in UTC", () => {
    expect(systemClock.today()).toBe(new Date().toISOString().slice(0, 10));
  });
});
