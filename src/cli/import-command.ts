import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { importKinds, matchColumns, type ColumnMapping, type ImportKind } from '../core/import/fields.js';
import type { Database } from '../db/database.js';
import { systemActor } from '../services/actor.js';
import { toCsv, toXlsx } from '../files/spreadsheet.js';
import { applyMapping, listMappings } from '../services/import/jobs.js';
import { inspectFile } from '../services/import/read-file.js';
import { rejectsSheet } from '../services/import/report.js';
import { runImport, type ImportPhase, type ImportResult, type ImportTuning } from '../services/import/run-import.js';
import { translateMessage } from '../core/messages/index.js';
import { cliLang, placeholder as ph, say } from './messages.js';
import { progressBar } from './progress.js';

const phaseLabel: Record<ImportPhase, string> = {
  reading: say('cli.import.phase.reading'),
  writing: say('cli.import.phase.writing'),
  analytics: say('cli.import.phase.analytics'),
};

type Options = {
  kind?: string;
  mapping?: string;
  saved?: string;
  headerRow?: number;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  dryRun?: boolean;
  validOnly?: boolean;
  org?: number;
  rejects?: string;
  inspect?: boolean;
};

/**
 * `rapport import <file>`: the wizard's steps from a terminal. Without --kind it only shows what
 * it found (format, header, guessed kind and mapping); with it, it imports with a progress bar,
 * prints what changed and writes the refused rows to --rejects (CSV or XLSX by extension).
 */
export function importCommand(
  cli: Command,
  deps: {
    open: () => Promise<Database>;
    resolveOrg: (db: Database, org?: number) => Promise<number>;
    tuning: () => ImportTuning;
  },
): void {
  cli
    .command('import')
    .description(say('cli.import.description'))
    .argument(ph('cli.arg.file'), say('cli.import.file'))
    .option(`--kind ${ph('cli.arg.kind')}`, say('cli.import.kind', { kinds: importKinds.join(' | ') }))
    .option(`--mapping ${ph('cli.arg.fields')}`, say('cli.import.mapping'))
    .option(`--saved ${ph('cli.arg.name')}`, say('cli.import.saved'))
    .option(`--header-row ${ph('cli.arg.n')}`, say('cli.import.headerRow'), (v) => positive(v))
    .option(
      `--encoding ${ph('cli.arg.encoding')}`,
      say('cli.import.encoding', { encodings: 'utf-8 | windows-1251 | utf-16le' }),
    )
    .option(`--delimiter ${ph('cli.arg.char')}`, say('cli.import.delimiter', { delimiters: '; , tab |' }))
    .option(`--sheet ${ph('cli.arg.sheet')}`, say('cli.import.sheet'))
    .option('--dry-run', say('cli.import.dryRun'))
    .option('--valid-only', say('cli.import.validOnly'))
    .option(`--rejects ${ph('cli.arg.file')}`, say('cli.import.rejects'))
    .option(`--org ${ph('cli.arg.id')}`, say('cli.option.org'), (v) => positive(v))
    .action(async (file: string, o: Options) => {
      const reading = {
        headerRow: o.headerRow,
        encoding: o.encoding as 'utf-8' | undefined,
        delimiter: o.delimiter === 'tab' ? '\t' : o.delimiter,
        sheet: o.sheet,
      };
      if (o.kind && !importKinds.includes(o.kind as ImportKind))
        throw new InvalidArgumentError(say('cli.invalid.kind', { kinds: importKinds.join(' | ') }));
      const seen = await inspectFile(file, reading, o.kind as ImportKind | undefined);
      console.log(
        say('cli.import.seen', {
          format: seen.format.toUpperCase(),
          details: JSON.stringify(seen.details),
          row: seen.headerRow,
          kind: String(seen.kind),
        }),
      );
      if (!o.kind) {
        seen.headers.forEach((h, i) => console.log(`  ${i + 1}. ${h} → ${seen.mapping[i] ?? '—'}`));
        if (seen.missing.length) console.log(say('cli.import.notMapped', { fields: seen.missing.join(', ') }));
        console.log(say('cli.import.runWithKind'));
        return;
      }
      const db = await deps.open();
      try {
        const orgId = await deps.resolveOrg(db, o.org);
        const kind = o.kind as ImportKind;
        let mapping: ColumnMapping = matchColumns(kind, seen.headers);
        if (o.saved) {
          const saved = (await listMappings(db, systemActor(orgId))).find((m) => m.name === o.saved);
          if (!saved) throw new InvalidArgumentError(say('cli.import.noSavedMapping', { name: o.saved }));
          mapping = applyMapping(saved, seen.headers);
        }
        if (o.mapping)
          mapping = o.mapping.split(',').map((f) => (f.trim() === '-' || f.trim() === '' ? null : f.trim()));
        let bar: ReturnType<typeof progressBar> | null = null;
        let phase: ImportPhase | null = null;
        const started = performance.now();
        const result = await runImport(
          db,
          systemActor(orgId),
          {
            path: file,
            kind,
            mapping,
            reading,
            dryRun: o.dryRun,
            mode: o.validOnly ? 'valid' : 'all',
            ...deps.tuning(),
          },
          (p) => {
            if (p.phase !== phase) {
              bar?.stop();
              phase = p.phase;
              bar = progressBar(phaseLabel[p.phase]);
            }
            if (p.phase === 'reading')
              bar!.update(Math.round(p.bytesDone / 1024), Math.max(1, Math.round(p.bytesTotal / 1024)));
            else bar!.update(1, 1);
          },
        );
        (bar as ReturnType<typeof progressBar> | null)?.stop();
        report(result, (performance.now() - started) / 1000);
        if (o.rejects && result.rejects.length) {
          const sheet = rejectsSheet(result.rejects, cliLang);
          await writeFile(o.rejects, o.rejects.endsWith('.xlsx') ? toXlsx(sheet) : toCsv(sheet));
          console.log(say('cli.import.rejectsWritten', { file: basename(o.rejects) }));
        }
        if (result.status === 'rejected') process.exitCode = 1;
      } finally {
        await db.engine.close();
      }
    });
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(say('cli.invalid.positive'));
  return n;
}

function report(r: ImportResult, seconds: number): void {
  const status = say(`cli.import.${r.status}`);
  const rate = r.rowsRead / Math.max(seconds, 0.001);
  console.log(
    say('cli.import.counts', {
      status,
      read: r.rowsRead,
      valid: r.rowsValid,
      refused: r.rowsRejected,
      skipped: r.rowsSkipped,
      seconds: seconds.toFixed(1),
      rate: Math.round(rate),
    }),
  );
  const outcome = Object.entries(r.outcome)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  if (outcome) console.log(`  ${outcome}${r.analytics !== 'none' ? `; analytics ${r.analytics}` : ''}`);
  for (const w of r.warnings) console.log(say('cli.import.note', { text: translateMessage(cliLang, w) }));
  for (const x of r.rejects.slice(0, 20))
    console.log(
      say('cli.import.rejectLine', {
        row: x.rowNo,
        column: x.column,
        value: x.value ? `«${x.value}» — ` : '',
        text: translateMessage(cliLang, x),
      }),
    );
  if (r.rejects.length > 20) console.log(say('cli.import.more', { count: r.rejects.length - 20 }));
}
