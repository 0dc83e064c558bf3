import { InvalidArgumentError, type Command } from 'commander';
import type { Database } from '../db/database.js';
import { analyticsToday } from '../services/analytics/clock.js';
import { generateCongratulationTasks } from '../services/calendar/congratulation-tasks.js';
import { isRussianLocale } from './messages.js';

const t = (en: string, ru: string) => (isRussianLocale ? ru : en);

const isoDay = (value: string) => {
  const d = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError(t('a date YYYY-MM-DD is expected', 'нужна дата в виде ГГГГ-ММ-ДД'));
  }
  return value;
};
const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(t('a positive whole number is expected', 'нужно целое положительное число'));
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
    .description(
      t(
        'Create the congratulation tasks due today (birthdays of key figures, useful dates, professional holidays)',
        'Создать задачи-поздравления на сегодня (дни рождения ключевых фигур, полезные даты, профессиональные праздники)',
      ),
    )
    .option(
      '--today <date>',
      t(
        'the day to run for, YYYY-MM-DD (default: today, or RAPPORT_TODAY)',
        'день, за который запустить, ГГГГ-ММ-ДД (по умолчанию сегодня или RAPPORT_TODAY)',
      ),
      isoDay,
    )
    .option(
      '--org <id>',
      t('organisation id (default: every organisation)', 'номер организации (по умолчанию все)'),
      positive,
    )
    .action(async (o: { today?: string; org?: number }) => {
      const db = await deps.open();
      try {
        const today = o.today ?? analyticsToday();
        const orgs =
          o.org !== undefined
            ? [await deps.resolveOrg(db, o.org)]
            : (await db.engine.query<{ id: number }>('SELECT id FROM organizations ORDER BY id')).rows.map((r) =>
                Number(r.id),
              );
        for (const orgId of orgs) {
          const run = await generateCongratulationTasks(db, orgId, today);
          console.log(
            t(
              `Organisation ${orgId}, ${today}: ${run.created} new congratulation tasks (${run.candidates} due, the rest existed).`,
              `Организация ${orgId}, ${today}: новых задач-поздравлений ${run.created} (к сроку ${run.candidates}, остальные уже были).`,
            ),
          );
        }
      } finally {
        await db.engine.close();
      }
    });
}
