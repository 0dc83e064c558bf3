import type { Command } from 'commander';
import { DomainError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import { readConfig, type Config } from '../config.js';
import { backupOrganisation, readBackupHeader, restoreOrganisation } from '../services/backup/backup.js';
import { isRussianLocale, say } from './messages.js';
import { progressBar } from './progress.js';

/** What main.ts already has for every command: the migrated database, the chosen organisation. */
export type CommandHelpers = {
  openMigrated(config: Config): Promise<Database>;
  resolveOrg(db: Database, orgId?: number): Promise<number>;
  positiveInt(value: string): number;
};

/** A refusal in the user's language: backup refusals carry both in their first field. */
async function inUserLanguage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    const message = e instanceof DomainError ? e.fields[0]?.message : undefined;
    if (e instanceof DomainError && message)
      throw new DomainError(e.code, isRussianLocale ? message.ru : message.en, e.fields);
    throw e;
  }
}

const secondsSince = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

/** `rapport backup <file> [--org ID]` and `rapport restore <file>`. */
export function addBackupCommands(cli: Command, { openMigrated, resolveOrg, positiveInt }: CommandHelpers): void {
  cli
    .command('backup')
    .description(say('backup'))
    .argument('<file>', say('backupFile'))
    .option('--org <id>', 'organisation id (default: the first)', positiveInt)
    .action(async (file: string, o: { org?: number }) => {
      const db = await openMigrated(readConfig());
      try {
        const orgId = await resolveOrg(db, o.org);
        const bar = progressBar(say('backupProgress'));
        const started = performance.now();
        const s = await inUserLanguage(backupOrganisation(db, orgId, file, (done, total) => bar.update(done, total)));
        bar.stop();
        console.log(
          say(
            'backupWritten',
            s.path,
            s.orgId,
            s.organisation,
            Object.keys(s.tables).length,
            s.rows,
            (s.bytes / 1e6).toFixed(1),
            secondsSince(started),
          ),
        );
      } finally {
        await db.engine.close();
      }
    });
  cli
    .command('restore')
    .description(say('restore'))
    .argument('<file>', say('backupFile'))
    .action(async (file: string) => {
      // A missing or foreign file is refused before a database folder is created for it.
      await inUserLanguage(readBackupHeader(file));
      const db = await openMigrated(readConfig());
      try {
        const bar = progressBar(say('restoreProgress'));
        const started = performance.now();
        const s = await inUserLanguage(restoreOrganisation(db, file, (done, total) => bar.update(done, total)));
        bar.stop();
        console.log(
          say('restored', s.orgId, s.organisation, Object.keys(s.tables).length, s.rows, secondsSince(started)),
        );
        console.log(say('restoredSignIn'));
      } finally {
        await db.engine.close();
      }
    });
}
