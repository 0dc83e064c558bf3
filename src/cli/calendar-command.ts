import { InvalidArgumentError, type Command } from 'commander';
import type { Database } from '../db/database.js';
import { generateCongratulationTasks } from '../services/calendar/congratulation-tasks.js';
import { placeholder as ph, say } from './messages.js';

const isoDay = (value: string) => {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError(say('cli.invalid.date'));
  }
  return value;
};
const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(say('cli.invalid.positive'));
  return n;
};

/**
 * `rapport congratulations [--today YYYY-MM-DD] [--org ID]`: creates the congratulation tasks due on
 * that day (the server does it daily on its own; this is for cron without a server, catching up, or
 * reproducing a day). Every organisation unless --org; running it twice creates nothing new.
 */
export function congratulationsCommand(
  cli: Command,
  deps: { open: () => Promise<Database>; resolveOrg: (db: Database, org?: number) => Promise<number> },
): void {
  cli
    .command('congratulations')
    .description(say('cli.congratulations.description'))
    .option(`--today ${ph('cli.arg.date')}`, say('cli.congratulations.today'), isoDay)
    .option(`--org ${ph('cli.arg.id')}`, say('cli.option.orgEvery'), positive)
    .action(async (o: { today?: string; org?: number }) => {
      const db = await deps.open();
      try {
        const today = o.today ?? db.clock.today();
        const orgs =
          o.org !== undefined
            ? [await deps.resolveOrg(db, o.org)]
            : (await db.engine.query<{ id: number }>('SELECT id FROM organizations ORDER BY id')).rows.map((r) =>
                Number(r.id),
              );
        for (const orgId of orgs) {
          const run = await generateCongratulationTasks(db, orgId, today);
          console.log(
            say('cli.congratulations.done', { org: orgId, today, created: run.created, due: run.candidates }),
          );
        }
      } finally {
        await db.engine.close();
      }
    });
}
