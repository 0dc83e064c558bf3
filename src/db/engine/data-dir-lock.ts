// One process at a time on an embedded database folder. PGlite keeps the whole cluster in its own
// WASM memory and writes the folder's files as the only PostgreSQL that exists: a second process
// opening the same folder (a `rapport import` beside `rapport serve`) has its own cluster in memory,
// and the two overwrite each other's pages and WAL. So the folder gets a lock file, taken before
// PGlite opens it and removed on close and on exit.
//
// Why a pid file and not proper-lockfile: proper-lockfile decides staleness by the lock's mtime,
// which its holder refreshes on a timer, so a lock left by a killed process is only taken over after
// the stale period (10 s by default, never under 2 s), and a main thread busy longer than that has
// its live lock taken. The folder is local to one machine, where the kernel can say exactly whether
// the holder lives: `kill(pid, 0)`, plus (Linux) the holder's start time against /proc, because a
// pid is reused (a restarted container's server gets the same low pid) and a killed, unreaped
// process is a zombie. A lock left by a SIGKILLed server is taken over at once
// (test/faults/pglite-kill.test.ts restarts right after the kill).
import { readFileSync, realpathSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { DomainError } from '../../core/errors.js';

export const LOCK_FILE = 'rapport.lock';

export type LockHolder = {
  pid: number;
  /** What the holder runs, e.g. `rapport serve`. */
  command: string;
  /** ISO timestamp of when it took the folder. */
  since: string;
  host: string;
  /** Start time of the process in clock ticks since boot (Linux), to tell a reused pid. */
  start: number | null;
};

/** The exit code of a command refused because the folder is busy (sysexits EX_TEMPFAIL: try again later). */
export const FOLDER_BUSY_EXIT_CODE = 75;

const localTime = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

/** The folder is held by another live process (or this one already): nothing was opened. */
export class DataFolderBusy extends DomainError {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const elsewhere = holder.host !== hostname();
    const params = {
      dataDir,
      pid: holder.pid,
      command: holder.command,
      since: localTime(holder.since),
      host: holder.host,
      lockFile: path.join(dataDir, LOCK_FILE),
    };
    const code = elsewhere ? 'dataDir.busyElsewhere' : 'dataDir.busy';
    super('conflict', code, params, [{ field: 'dataDir', reason: 'dataFolderBusy', code, params }]);
    this.name = 'DataFolderBusy';
  }
}

/** Folders this process holds (real paths): a second open in the same process is refused too. */
const heldHere = new Map<string, string>();
let exitHookInstalled = false;

/** Field 22 of /proc/<pid>/stat (start time) and field 3 (state); null where there is no /proc. */
function procStat(pid: number): { start: number; zombie: boolean } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = Number(rest[19]);
    return Number.isFinite(start) ? { start, zombie: rest[0] === 'Z' || rest[0] === 'X' } : null;
  } catch {
    return null;
  }
}

function describeCommand(argv: string[]): string {
  const script = argv[1] ? path.basename(argv[1]).replace(/\.(m?js|ts)$/, '') : path.basename(argv[0] ?? 'node');
  const name = /rapport|^main$/.test(script) ? 'rapport' : script;
  return [name, ...argv.slice(2)].join(' ').slice(0, 200);
}

function parseHolder(raw: string): LockHolder | null {
  try {
    const h = JSON.parse(raw) as Partial<LockHolder>;
    if (!Number.isInteger(h.pid) || (h.pid as number) <= 0) return null;
    return {
      pid: h.pid as number,
      command: String(h.command ?? '?'),
      since: String(h.since ?? '?'),
      host: String(h.host ?? ''),
      start: typeof h.start === 'number' ? h.start : null,
    };
  } catch {
    return null;
  }
}

/** Whether the process named by a lock still holds it. */
function holderAlive(h: LockHolder, folder: string): boolean {
  // Another machine's processes cannot be asked: its lock stands (the message says how to clear it).
  if (h.host !== hostname()) return true;
  // Our own pid: either this process holds the folder already, or a former process had our pid.
  if (h.pid === process.pid) return heldHere.has(folder);
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    // EPERM: it lives, under another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = procStat(h.pid);
  if (!stat) return true;
  if (stat.zombie) return false;
  return h.start === null || stat.start === h.start;
}

const readRaw = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

const unlinkIfThere = (file: string) => {
  try {
    unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lock file whose content is not (yet) a holder is being written for this long at most. */
const UNREADABLE_GRACE_MS = 1000;
/** Unreadable and older than the grace: its writer was killed between creating and writing it. */
const abandoned = (file: string) => {
  try {
    return Date.now() - statSync(file).mtimeMs > UNREADABLE_GRACE_MS;
  } catch {
    return false;
  }
};

/**
 * Takes the folder for this process, or throws DataFolderBusy naming the holder. A lock whose
 * process is gone is taken over. Returns the release function (also run on process exit).
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  const folder = realpathSync(dataDir);
  const file = path.join(folder, LOCK_FILE);
  const guard = `${file}.takeover`;
  const self = procStat(process.pid);
  const mine: LockHolder = {
    pid: process.pid,
    command: describeCommand(process.argv),
    since: new Date().toISOString(),
    host: hostname(),
    start: self?.start ?? null,
  };
  const content = `${JSON.stringify(mine)}\n`;
  const create = (target: string): boolean => {
    try {
      writeFileSync(target, content, { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  };
  for (let attempt = 0; ; attempt++) {
    if (attempt > 200) throw new Error(`Could not take ${file}: it keeps changing`);
    if (create(file)) break;
    const raw = readRaw(file);
    if (raw === null) continue; // released meanwhile
    const holder = parseHolder(raw);
    if (holder && holderAlive(holder, folder)) throw new DataFolderBusy(folder, holder);
    // Unreadable: just created by a process that has not written it yet, or left so by one killed in between.
    if (!holder && !abandoned(file)) {
      await sleep(20);
      continue;
    }
    // Stale. Two processes may find it stale at once: the one that creates the guard replaces it,
    // the other comes round again and finds the winner's live lock.
    if (!create(guard)) {
      const g = readRaw(guard);
      const gh = g === null ? null : parseHolder(g);
      if (g !== null && (gh ? !holderAlive(gh, folder) : abandoned(guard))) unlinkIfThere(guard);
      await sleep(20);
      continue;
    }
    try {
      if (readRaw(file) === raw) unlinkIfThere(file);
    } finally {
      unlinkIfThere(guard);
    }
  }
  heldHere.set(folder, content);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A process that exits without closing the database (process.exit, an uncaught error) lets go too.
    process.on('exit', () => {
      for (const f of [...heldHere.keys()]) release(f);
    });
  }
  return () => release(folder);
}

function release(folder: string): void {
  const content = heldHere.get(folder);
  if (content === undefined) return;
  heldHere.delete(folder);
  const file = path.join(folder, LOCK_FILE);
  try {
    // Only our own lock: never one another process took over meanwhile.
    if (readRaw(file) === content) unlinkIfThere(file);
  } catch {
    // Already gone or unreadable: nothing of ours to remove.
  }
}
