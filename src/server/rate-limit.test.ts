import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('the in-memory rate limiter', () => {
  it('allows `limit` hits per key in a window, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, 100, () => now);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([0, 0, 0]);
    expect(limiter.hit('a')).toBe(60);
    expect(limiter.hit('b')).toBe(0);
    now += 45_500;
    expect(limiter.hit('a')).toBe(15);
    now += 14_500;
    expect(limiter.hit('a')).toBe(0);
  });

  it('forgets expired keys when it holds too many', () => {
    let now = 0;
    const limiter = new RateLimiter(1, 1000, 3, () => now);
    for (const k of ['a', 'b', 'c']) limiter.hit(k);
    now += 1000;
    expect(limiter.hit('d')).toBe(0);
    expect(limiter.hit('a')).toBe(0);
  });
});
