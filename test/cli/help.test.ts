// `rapport --help` and the help of every command in the locale's language: in Russian no word of
// commander's English ("Usage", "Options", "display help for command", "[options]", "default:"), and
// no Latin word at all but the names one types (commands, options, their values) and a few proper
// names; every command, option and argument described in both languages; `--version` prints the
// package's version; commander's errors in Russian too.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importKinds } from '../../src/core/import/fields.js';
import { roles } from '../../src/core/vocabulary.js';
import { repoRoot, runRapport } from '../faults/support.js';

type Described = { description: string };
type CommandHelp = {
  path: string[];
  help: string;
  description: string;
  options: (Described & { flags: string })[];
  arguments: (Described & { name: string })[];
};

const locales = { ru: 'ru_RU.UTF-8', en: 'en_US.UTF-8' } as const;

function helpOf(lang: keyof typeof locales): CommandHelp[] {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'cli', 'help-dump.mjs')], {
    cwd: repoRoot,
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: locales[lang] },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`help-dump.mjs failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as CommandHelp[];
}

/** Words that stay in Latin letters in a Russian help: what one types, and proper names. */
const typed = new Set<string>([
  'rapport',
  'help',
  ...importKinds,
  ...roles,
  'utf-8',
  'windows-1251',
  'utf-16le',
  'tab',
  'csv',
  'xlsx',
  'file.csv',
  'PORT',
  'RAPPORT_TODAY',
]);
const properNames = new Set(['Rapport', 'API', 'CSV', 'XLSX', 'CommerceML', 'PostgreSQL', 'gzip']);

/** The Latin words of a Russian help that are neither typed names nor proper names. */
function englishWords(help: string, commandNames: Set<string>): string[] {
  const words = help
    // Option flags as typed: -h, --help, --dry-run.
    .replace(/(^|[\s,[(«])--?[a-z][a-z0-9-]*/gi, '$1')
    .match(/[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z]/g);
  return [...new Set(words ?? [])].filter((w) => !typed.has(w) && !properNames.has(w) && !commandNames.has(w));
}

describe('the CLI help in the locale language', { timeout: 60_000 }, () => {
  const ru = helpOf('ru');
  const en = helpOf('en');

  it('has a Russian help without English words for every command, and an English one', () => {
    const names = new Set(ru.flatMap((c) => c.path));
    expect(ru.map((c) => c.path.join(' '))).toEqual(en.map((c) => c.path.join(' ')));
    // Every command the program has, the nested `user add` too.
    expect(ru.map((c) => c.path.join(' '))).toEqual(
      expect.arrayContaining(['', 'serve', 'demo', 'import', 'backup', 'restore', 'congratulations', 'user add']),
    );
    for (const c of ru) {
      const where = `rapport ${c.path.join(' ')} --help`;
      expect(c.help, where).toMatch(/^Запуск: rapport/);
      expect(c.help, where).toContain('Параметры:');
      expect(c.help, where).toMatch(/-h, --help\s+показать справку по команде/);
      expect(c.help, where).not.toMatch(
        /Usage|Options|Commands|Arguments|display help|\[options\]|\[command\]|default:/,
      );
      expect(englishWords(c.help, names), where).toEqual([]);
    }
    expect(ru[0]!.help).toContain('Команды:');
    expect(ru[0]!.help).toContain('help [команда]');
    expect(ru[0]!.help).toContain('-V, --version');
    for (const c of en) {
      const where = `rapport ${c.path.join(' ')} --help (en)`;
      expect(c.help, where).toMatch(/^Usage: rapport/);
      expect(c.help, where).toContain('Options:');
      expect(c.help, where).not.toMatch(/[А-Яа-яЁё]/);
    }
  });

  it('describes every command, option and argument in both languages', () => {
    for (const [lang, commands] of [
      ['ru', ru],
      ['en', en],
    ] as const) {
      for (const c of commands) {
        const where = `${lang}: rapport ${c.path.join(' ')}`;
        expect(c.description.length, where).toBeGreaterThan(10);
        for (const o of c.options) expect(o.description.length, `${where} ${o.flags}`).toBeGreaterThan(5);
        for (const a of c.arguments) expect(a.description.length, `${where} <${a.name}>`).toBeGreaterThan(5);
        if (lang === 'ru') {
          expect(c.description, where).toMatch(/[А-Яа-яЁё]/);
          for (const o of c.options) expect(o.description, `${where} ${o.flags}`).toMatch(/[А-Яа-яЁё]/);
        }
      }
    }
    const serve = ru.find((c) => c.path.join(' ') === 'serve')!;
    expect(serve.help).toMatch(/-p, --port <порт>\s+порт, на котором слушать/);
    const userAdd = en.find((c) => c.path.join(' ') === 'user add')!;
    expect(userAdd.help).toMatch(/--email <email>\s+e-mail address/);
    expect(userAdd.help).toMatch(/--role <role>\s+role: owner \| head_of_sales .*\(default: manager\)/s);
  });

  it('prints the version, the help and commander errors through the real command', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const version = runRapport(['--version'], {});
    expect((await version.exited).code).toBe(0);
    expect(version.output().trim()).toBe(pkg.version);

    const help = runRapport(['--help'], { LANG: locales.ru });
    expect((await help.exited).code).toBe(0);
    expect(help.output()).toMatch(/^Запуск: rapport \[параметры\] \[команда\]/);
    expect(help.output()).toContain('показать справку по команде');

    const wrong = runRapport(['demo', '--clients', 'x'], { LANG: locales.ru });
    expect((await wrong.exited).code).toBe(1);
    expect(wrong.output()).toContain(
      'ошибка: параметр «--clients <число>» не принимает «x»: нужно целое положительное число',
    );
    const unknown = runRapport(['serve', '--prot', '4000'], { LANG: locales.ru });
    expect((await unknown.exited).code).toBe(1);
    expect(unknown.output()).toContain('ошибка: неизвестный параметр «--prot»');
    expect(unknown.output()).toContain('(может быть, --port?)');
    expect(unknown.output()).not.toMatch(/error|Did you mean/);
  });
});
