import type { Command } from 'commander';
import type { Database } from '../db/database.js';
import { readConfig, type Config } from '../config.js';
import { backupOrganisation, readBackupHeader, restoreOrganisation } from '../services/backup/backup.js';
import { placeholder as ph, say } from './messages.js';
import { progressBar } from './progress.js';

/** What main.ts already has for every command: the migrated database, the chosen organisation. */
export type CommandHelpers = {
  openMigrated(config: Config): Promise<Database>;
  resolveOrg(db: Database, orgId?: number): Promise<number>;
  positiveInt(value: string): number;
};

const secondsSince = (started: number) => ((performance.now() - started) / 1000).toFixed(1);

/** `rapport backup <file> [--org ID]` and `rapport restore <file>`. */
export function addBackupCommands(cli: Command, { openMigrated, resolveOrg, positiveInt }: CommandHelpers): void {
  cli
    .command('backup')
    .description(say('cli.backup'))
    .argument(ph('cli.arg.file'), say('cli.backupFile'))
    .option(`--org ${ph('cli.arg.id')}`, say('cli.option.org'), positiveInt)
    .action(async (file: string, o: { org?: number }) => {
      const db = await openMigrated(readConfig());
      try {
        const orgId = await resolveOrg(db, o.org);
        const bar = progressBar(say('cli.backupProgress'));
        const started = performance.now();
        const s = await backupOrganisation(db, orgId, file, (done, total) => bar.update(done, total));
        bar.stop();
        console.log(
          say('cli.backupWritten', {
            path: s.path,
            org: s.orgId,
            name: s.organisation,
            tables: Object.keys(s.tables).length,
            rows: s.rows,
            mb: (s.bytes / 1e6).toFixed(1),
            seconds: secondsSince(started),
          }),
        );
      } finally {
        await db.engine.close();
      }
    });
  cli
    .command('restore')
    .description(say('cli.restore'))
    .argument(ph('cli.arg.file'), say('cli.backupFile'))
    .action(async (file: string) => {
      // A missing or foreign file is refused before a database folder is created for it.
      await readBackupHeader(file);
      const db = await openMigrated(readConfig());
      try {
        const bar = progressBar(say('cli.restoreProgress'));
        const started = performance.now();
        const s = await restoreOrganisation(db, file, (done, total) => bar.update(done, total));
        bar.stop();
        console.log(
          say('cli.restored', {
            org: s.orgId,
            name: s.organisation,
            tables: Object.keys(s.tables).length,
            rows: s.rows,
            seconds: secondsSince(started),
          }),
        );
        console.log(say('cli.restoredSignIn'));
      } finally {
        await db.engine.close();
      }
    });
}
