import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { generateForAllOrganisations } from '../services/calendar/congratulation-tasks.js';

export type SchedulerOptions = {
  /** Wait after start before the first run (the server is listening by then). */
  startDelayMs?: number;
  /** How often to look whether the day has changed. */
  checkEveryMs?: number;
  /** Today's date; the database's clock by default, the one the analytics count from. */
  today?: () => string;
  /** The work of one day; every organisation's congratulation tasks by default. Returns the tasks created. */
  generate?: (today: string) => Promise<number>;
};

/**
 * Creates the congratulation tasks of every organisation once shortly after the server starts and
 * then whenever the day changes. The generator is idempotent, so a restart or a second server
 * process creates nothing twice; a failed day is tried again at the next check. Timers are unref'd
 * and cleared on close.
 */
export class CongratulationScheduler {
  private day: string | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly first: NodeJS.Timeout;
  private readonly clock: NodeJS.Timeout;
  private readonly today: () => string;
  private readonly generate: (today: string) => Promise<number>;
  private closed = false;

  constructor(
    db: Database,
    private readonly log: FastifyBaseLogger,
    options: SchedulerOptions = {},
  ) {
    this.today = options.today ?? (() => db.clock.today());
    this.generate = options.generate ?? ((today) => generateForAllOrganisations(db, today));
    this.first = setTimeout(() => this.tick(), options.startDelayMs ?? 5_000);
    this.first.unref();
    this.clock = setInterval(() => this.tick(), options.checkEveryMs ?? 5 * 60_000);
    this.clock.unref();
  }

  private tick(): void {
    if (this.closed) return;
    const today = this.today();
    if (today === this.day) return;
    this.day = today;
    this.running = this.running.then(() => this.run(today));
  }

  private async run(today: string): Promise<void> {
    if (this.closed) return;
    try {
      const created = await this.generate(today);
      this.log.info({ today, created }, 'congratulation tasks created');
    } catch (e) {
      // Forget the day so the next check runs it again.
      if (this.day === today) this.day = null;
      this.log.warn(
        { today, err: (e as Error).message },
        'congratulation tasks could not be created; trying again at the next check',
      );
    }
  }

  /** Stops the timers and waits for a run under way. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.first);
    clearInterval(this.clock);
    await this.running;
  }
}
