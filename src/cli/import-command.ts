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
import { runImport, type ImportPhase, type ImportResult } from '../services/import/run-import.js';
import { isRussianLocale } from './messages.js';
import { progressBar } from './progress.js';

const lang = isRussianLocale ? 'ru' : 'en';
const t = (en: string, ru: string) => (isRussianLocale ? ru : en);
const phaseLabel: Record<ImportPhase, string> = {
  reading: t('reading and checking', 'чтение и проверка'),
  writing: t('writing', 'запись'),
  analytics: t('analytics', 'аналитика'),
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
  deps: { open: () => Promise<Database>; resolveOrg: (db: Database, org?: number) => Promise<number> },
): void {
  cli
    .command('import <file>')
    .description(
      t(
        'Import clients, contacts, products, sales, payments or interactions from CSV, XLSX or CommerceML (1C)',
        'Импорт клиентов, контактов, товаров, продаж, оплат или взаимодействий из CSV, XLSX или CommerceML (1С)',
      ),
    )
    .option('--kind <kind>', importKinds.join(' | '))
    .option(
      '--mapping <fields>',
      t(
        'comma-separated field per column, "-" to skip: documentNumber,documentDate,client,-,…',
        'поле для каждой колонки через запятую, «-» — пропустить',
      ),
    )
    .option(
      '--saved <name>',
      t('use a mapping saved in the web wizard', 'использовать сопоставление, сохранённое в мастере'),
    )
    .option(
      '--header-row <n>',
      t('row of the headers (found by itself otherwise)', 'строка заголовков (иначе находится сама)'),
      (v) => positive(v),
    )
    .option('--encoding <name>', 'utf-8 | windows-1251 | utf-16le')
    .option('--delimiter <char>', '; , tab |')
    .option('--sheet <name>', t('XLSX sheet (the first by default)', 'лист XLSX (по умолчанию первый)'))
    .option('--dry-run', t('check everything, write nothing', 'проверить всё, ничего не записывать'))
    .option(
      '--valid-only',
      t('import the valid rows even if others are refused', 'загрузить верные строки, даже если другие отклонены'),
    )
    .option(
      '--rejects <file>',
      t('write refused rows to this .csv or .xlsx', 'записать отклонённые строки в этот .csv или .xlsx'),
    )
    .option('--org <id>', t('organisation id (default: the first)', 'номер организации (по умолчанию первая)'), (v) =>
      positive(v),
    )
    .action(async (file: string, o: Options) => {
      const reading = {
        headerRow: o.headerRow,
        encoding: o.encoding as 'utf-8' | undefined,
        delimiter: o.delimiter === 'tab' ? '\t' : o.delimiter,
        sheet: o.sheet,
      };
      if (o.kind && !importKinds.includes(o.kind as ImportKind))
        throw new InvalidArgumentError(`--kind: ${importKinds.join(' | ')}`);
      const seen = await inspectFile(file, reading, o.kind as ImportKind | undefined);
      console.log(
        t(
          `${seen.format.toUpperCase()} ${JSON.stringify(seen.details)}; header on row ${seen.headerRow}; looks like: ${seen.kind}`,
          `${seen.format.toUpperCase()} ${JSON.stringify(seen.details)}; заголовки в строке ${seen.headerRow}; похоже на: ${seen.kind}`,
        ),
      );
      if (!o.kind) {
        seen.headers.forEach((h, i) => console.log(`  ${i + 1}. ${h} → ${seen.mapping[i] ?? '—'}`));
        if (seen.missing.length)
          console.log(
            t(`Not mapped yet: ${seen.missing.join(', ')}`, `Ещё не сопоставлены: ${seen.missing.join(', ')}`),
          );
        console.log(t('Run again with --kind to import.', 'Запустите снова с --kind, чтобы загрузить.'));
        return;
      }
      const db = await deps.open();
      try {
        const orgId = await deps.resolveOrg(db, o.org);
        const kind = o.kind as ImportKind;
        let mapping: ColumnMapping = matchColumns(kind, seen.headers);
        if (o.saved) {
          const saved = (await listMappings(db, systemActor(orgId))).find((m) => m.name === o.saved);
          if (!saved)
            throw new InvalidArgumentError(
              t(`No saved mapping "${o.saved}"`, `Нет сохранённого сопоставления «${o.saved}»`),
            );
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
          { path: file, kind, mapping, reading, dryRun: o.dryRun, mode: o.validOnly ? 'valid' : 'all' },
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
          const sheet = rejectsSheet(result.rejects, lang);
          await writeFile(o.rejects, o.rejects.endsWith('.xlsx') ? toXlsx(sheet) : toCsv(sheet));
          console.log(
            t(`Refused rows written to ${basename(o.rejects)}`, `Отклонённые строки записаны в ${basename(o.rejects)}`),
          );
        }
        if (result.status === 'rejected') process.exitCode = 1;
      } finally {
        await db.engine.close();
      }
    });
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a positive whole number is expected');
  return n;
}

function report(r: ImportResult, seconds: number): void {
  const status = {
    done: t('Imported', 'Загружено'),
    dry_run: t('Checked (dry run, nothing written)', 'Проверено (пробный прогон, ничего не записано)'),
    rejected: t(
      'Refused: some rows are wrong, so nothing was written (use --valid-only to import the others)',
      'Отклонено: в файле есть ошибки, поэтому ничего не записано (--valid-only загрузит остальные строки)',
    ),
  }[r.status];
  const rate = r.rowsRead / Math.max(seconds, 0.001);
  console.log(
    `${status}: ${t('rows', 'строк')} ${r.rowsRead}, ${t('valid', 'верных')} ${r.rowsValid}, ${t('refused', 'отклонено')} ${r.rowsRejected}, ${t('skipped', 'пропущено')} ${r.rowsSkipped} — ${seconds.toFixed(1)} s, ${Math.round(rate)} ${t('rows/s', 'строк/с')}`,
  );
  const outcome = Object.entries(r.outcome)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  if (outcome) console.log(`  ${outcome}${r.analytics !== 'none' ? `; analytics ${r.analytics}` : ''}`);
  for (const w of r.warnings) console.log(`  ${t('Note', 'Внимание')}: ${w.message[lang]}`);
  for (const x of r.rejects.slice(0, 20))
    console.log(
      `  ${t('row', 'строка')} ${x.rowNo}, ${x.column}: ${x.value ? `«${x.value}» — ` : ''}${x.message[lang]}`,
    );
  if (r.rejects.length > 20)
    console.log(
      t(
        `  … and ${r.rejects.length - 20} more (--rejects file.csv writes them all)`,
        `  … и ещё ${r.rejects.length - 20} (--rejects файл.csv запишет все)`,
      ),
    );
}
