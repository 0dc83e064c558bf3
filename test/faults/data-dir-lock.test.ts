// One process at a time on an embedded database folder (src/db/engine/data-dir-lock.ts): a second
// process is refused with a message naming the holder and what to do, exit code 75, and nothing of
// the folder touched; a lock left by a killed process is taken over at once.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderBusy, FOLDER_BUSY_EXIT_CODE, LOCK_FILE } from '../../src/db/engine/data-dir-lock.js';
import { openPglite } from '../../src/db/engine/pglite.js';
import { runRapport, signIn, startServer, tempDataDir, type ServerProcess } from './support.js';

const holderOf = (dir: string) =>
  JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as {
    pid: number;
    command: string;
    since: string;
    start: number | null;
  };

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

describe('the embedded database folder belongs to one process', () => {
  const data = tempDataDir('lock');
  const files = tempDataDir('lock-files');
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await server?.kill('SIGKILL');
    data.remove();
    files.remove();
  });

  it('refuses `rapport import` while `rapport serve` runs on the folder, in English and Russian, and writes nothing', async () => {
    const env = { RAPPORT_DATA_DIR: data.dir };
    const csv = path.join(files.dir, 'clients.csv');
    writeFileSync(csv, 'Наименование;ИНН\nООО «Замок»;7707083893\n');
    server = await startServer(env);
    const api = await signIn(server.baseUrl);
    expect(holderOf(data.dir)).toMatchObject({ pid: server.child.pid, command: 'rapport serve' });

    const en = runRapport(['import', csv, '--kind', 'clients'], env);
    expect(await en.exited).toMatchObject({ code: FOLDER_BUSY_EXIT_CODE });
    const pid = server.child.pid!;
    expect(en.output()).toContain(`is in use by process ${pid} (rapport serve), since `);
    expect(en.output()).toMatch(/cannot be shared between processes, so this command stopped without touching it/);
    expect(en.output()).toContain(`kill ${pid}`);
    expect(en.output()).toContain('POST /api/v1/imports');
    expect(en.output()).toContain('DATABASE_URL');
    expect(en.output()).not.toMatch(/Imported|Migrations applied|up to date/);

    const ru = runRapport(['import', csv, '--kind', 'clients'], { ...env, LANG: 'ru_RU.UTF-8' });
    expect(await ru.exited).toMatchObject({ code: FOLDER_BUSY_EXIT_CODE });
    expect(ru.output()).toContain(`её использует процесс ${pid} (rapport serve), с `);
    expect(ru.output()).toContain('нельзя открыть из двух процессов сразу');
    expect(ru.output()).toContain('DATABASE_URL');

    // The server goes on, and the refused import left nothing.
    expect((await api.ok('GET', '/api/v1/clients?pageSize=1')).total).toBe(0);

    // Killed, the server leaves its lock behind; the next process finds its pid gone and takes over.
    await server.kill('SIGKILL');
    server = null;
    expect(holderOf(data.dir).pid).toBe(pid);
    const after = runRapport(['import', csv, '--kind', 'clients'], env);
    const exit = await after.exited;
    expect(exit.code, after.output()).toBe(0);
    expect(existsSync(path.join(data.dir, LOCK_FILE))).toBe(false); // released when the import closed the database

    server = await startServer(env);
    const again = await signIn(server.baseUrl);
    expect((await again.ok('GET', '/api/v1/clients?q=7707083893')).total).toBe(1);
    // A graceful stop releases the folder too.
    server.child.kill('SIGTERM');
    expect(await server.exited).toMatchObject({ code: 0 });
    server = null;
    expect(existsSync(path.join(data.dir, LOCK_FILE))).toBe(false);
  }, 180_000);

  it('refuses a second open in the same process, releases on close, and takes over stale locks', async () => {
    const dir = tempDataDir('lock-unit');
    try {
      const first = await openPglite({ dataDir: dir.dir });
      const second = await openPglite({ dataDir: dir.dir }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(second).toBeInstanceOf(DataFolderBusy);
      expect((second as DataFolderBusy).holder.pid).toBe(process.pid);
      await first.close();
      expect(existsSync(path.join(dir.dir, LOCK_FILE))).toBe(false);

      // A lock whose process is gone.
      const stale = {
        pid: await deadPid(),
        command: 'rapport serve',
        since: '2026-01-01T00:00:00Z',
        host: (await import('node:os')).hostname(),
        start: null,
      };
      writeFileSync(path.join(dir.dir, LOCK_FILE), JSON.stringify(stale));
      let db = await openPglite({ dataDir: dir.dir });
      expect(holderOf(dir.dir).pid).toBe(process.pid);
      await db.close();

      // A lock whose pid now belongs to another process (started later than the one that wrote it).
      if (existsSync('/proc/self/stat')) {
        writeFileSync(path.join(dir.dir, LOCK_FILE), JSON.stringify({ ...stale, pid: process.ppid, start: 1 }));
        db = await openPglite({ dataDir: dir.dir });
        expect(holderOf(dir.dir).pid).toBe(process.pid);
        await db.close();
      }
      // A former process with this very pid (a restarted container's server gets the same one).
      writeFileSync(path.join(dir.dir, LOCK_FILE), JSON.stringify({ ...stale, pid: process.pid }));
      db = await openPglite({ dataDir: dir.dir });
      await db.close();
      expect(existsSync(path.join(dir.dir, LOCK_FILE))).toBe(false);
    } finally {
      dir.remove();
    }
  }, 60_000);
});
