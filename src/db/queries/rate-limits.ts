import type { Database } from '../database.js';

export type RateWindow = { hits: number; msLeft: number };

/**
 * Counts one hit on `key` in a fixed window of `windowMs`, in one statement (so concurrent server
 * processes never lose a hit): a window that has ended starts again at 1.
 */
export async function hitRateWindow(db: Database, key: string, windowMs: number): Promise<RateWindow> {
  const { rows } = await db.engine.query<{ hits: number; ms_left: number }>(
    `INSERT INTO rate_limit_windows AS w (key, hits, ends_at)
     VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2::double precision / 1000))
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN w.ends_at <= clock_timestamp() THEN 1 ELSE w.hits + 1 END,
       ends_at = CASE WHEN w.ends_at <= clock_timestamp() THEN EXCLUDED.ends_at ELSE w.ends_at END
     RETURNING hits, greatest(0, ceil(extract(epoch FROM ends_at - clock_timestamp()) * 1000))::int AS ms_left`,
    [key, windowMs],
  );
  const row = rows[0]!;
  return { hits: row.hits, msLeft: row.ms_left };
}

/** The window of `key` as it stands, without counting: an ended or unknown window has no hits. */
export async function readRateWindow(db: Database, key: string): Promise<RateWindow> {
  const { rows } = await db.engine.query<{ hits: number; ms_left: number }>(
    `SELECT hits, ceil(extract(epoch FROM ends_at - clock_timestamp()) * 1000)::int AS ms_left
     FROM rate_limit_windows WHERE key = $1 AND ends_at > clock_timestamp()`,
    [key],
  );
  const row = rows[0];
  return row ? { hits: row.hits, msLeft: row.ms_left } : { hits: 0, msLeft: 0 };
}

/** Forgets ended windows (the limiter calls it now and then, so the table holds only live windows). */
export async function dropEndedRateWindows(db: Database): Promise<number> {
  const { rowCount } = await db.engine.query(`DELETE FROM rate_limit_windows WHERE ends_at <= clock_timestamp()`);
  return rowCount;
}
