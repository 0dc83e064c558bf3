import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { refreshAnalytics } from '../services/analytics/refresh.js';

/**
 * Runs the org-wide analytics refresh in the background: a while after writes (so a burst of edits
 * costs one refresh), and when the day changes (time alone moves clients towards "lost"). One refresh
 * at a time; a figure of a written client is already current, only the org-wide classes wait.
 */
export class AnalyticsRefresher {
  private readonly due = new Map<number, NodeJS.Timeout>();
  /** When the first request of each organisation's current wait came. */
  private readonly waitingSince = new Map<number, number>();
  private running: Promise<void> = Promise.resolve();
  private day: string;
  private readonly daily: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
    private readonly delayMs: number,
    /**
     * The longest a refresh waits for writes to pause: under a steady stream of writes (fifty managers
     * at work) a wait restarted on every write would never end, and the org-wide classes would stay as
     * they were in the morning. Ten times the delay (five minutes for the default 30 s).
     */
    private readonly maxWaitMs = delayMs * 10,
    private readonly refreshOrg: (db: Database, orgId: number) => Promise<{ durationMs: number }> = refreshAnalytics,
  ) {
    this.day = db.clock.today();
    this.daily = setInterval(() => void this.onClock(), 60_000);
    this.daily.unref();
  }

  /**
   * Asks for a refresh of the organisation after `delayMs`, restarting the wait on each call, but never
   * later than `maxWaitMs` after the first call of the wait.
   */
  requestSoon(orgId: number, delayMs = this.delayMs): void {
    if (this.closed) return;
    clearTimeout(this.due.get(orgId));
    const now = Date.now();
    const since = this.waitingSince.get(orgId) ?? now;
    this.waitingSince.set(orgId, since);
    const wait = Math.max(0, Math.min(delayMs, since + this.maxWaitMs - now));
    const timer = setTimeout(() => {
      this.due.delete(orgId);
      this.waitingSince.delete(orgId);
      this.running = this.running.then(() => this.refresh(orgId));
    }, wait);
    timer.unref();
    this.due.set(orgId, timer);
  }

  private async refresh(orgId: number): Promise<void> {
    if (this.closed) return;
    try {
      const r = await this.refreshOrg(this.db, orgId);
      this.log.info({ orgId, ms: r.durationMs }, 'analytics refreshed');
    } catch (e) {
      this.log.warn(
        { orgId, err: (e as Error).message },
        'analytics refresh failed; it runs again after the next write or tomorrow',
      );
    }
  }

  private async onClock(): Promise<void> {
    const today = this.db.clock.today();
    if (today === this.day) return;
    this.day = today;
    const { rows } = await this.db.engine
      .query<{ id: number }>('SELECT id FROM organizations')
      .catch(() => ({ rows: [] as { id: number }[] }));
    for (const { id } of rows) this.requestSoon(Number(id), 0);
  }

  /** Stops the timers and waits for a refresh under way. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.daily);
    for (const t of this.due.values()) clearTimeout(t);
    this.due.clear();
    this.waitingSince.clear();
    await this.running;
  }
}
