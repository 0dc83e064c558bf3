/**
 * A small in-memory rate limiter for routes open to the world (one-time survey links): at most
 * `limit` hits per key in a fixed window of `windowMs`. It lives in one server process; several
 * processes each count their own share, which is enough to blunt guessing and flooding.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** The most keys remembered; beyond it expired windows are dropped, and if that is not enough, all. */
    private readonly maxKeys = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a hit for `key`: 0 when it is allowed, otherwise the seconds until the window ends. */
  hit(key: string): number {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (!w && this.windows.size >= this.maxKeys) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    w.count++;
    return 0;
  }

  /** The seconds `key` must still wait (0 when it may go ahead), without counting a hit. */
  waitFor(key: string): number {
    const now = this.now();
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs || w.count < this.limit) return 0;
    return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
    // Flooded with fresh keys: forget them all rather than grow without bound.
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}
