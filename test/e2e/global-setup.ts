import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumPath, chromiumMissing, repoRoot, resultsDir } from './paths.js';

const ADMIN_EMAIL = 'admin@rapport.local';
const ADMIN_PASSWORD = 'e2e-Password-2026';
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts the real servers for the browser tests: `node bin/rapport.mjs serve` on a free port, embedded
 * PGlite in a fresh temporary folder (the first start loads the 300-client demo company), analytics
 * refreshed 1 s after a write. Two of them, started together: the shared one every test writes to,
 * and a pristine one for the walks that read every page and must meet the demo company as a new user
 * does, not the English names and answers other tests leave behind. The tests read the addresses and
 * the administrator's credentials with inject(); the servers' output goes to
 * test-results/e2e-server.log and e2e-pristine-server.log.
 */
export default async function setup(project: TestProject) {
  // Fail before the slow server start when the browser is not there.
  if (!existsSync(chromiumPath)) throw new Error(chromiumMissing);
  ensureBuild();
  mkdirSync(resultsDir, { recursive: true });
  const started = await Promise.allSettled([startServer('e2e-server.log'), startServer('e2e-pristine-server.log')]);
  const teardown = async () => {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.teardown() : undefined)));
  };
  const [shared, pristine] = started;
  if (shared.status === 'rejected' || pristine.status === 'rejected') {
    await teardown();
    throw shared.status === 'rejected' ? shared.reason : (pristine as PromiseRejectedResult).reason;
  }
  project.provide('e2eBaseUrl', shared.value.baseUrl);
  project.provide('e2ePristineUrl', pristine.value.baseUrl);
  project.provide('e2eEmail', ADMIN_EMAIL);
  project.provide('e2ePassword', ADMIN_PASSWORD);
  return teardown;
}

/** One server on its own data folder; its address once it answers, and how to stop it and clean up. */
async function startServer(logName: string): Promise<{ baseUrl: string; teardown: () => Promise<void> }> {
  const logFile = path.join(resultsDir, logName);
  const log = createWriteStream(logFile);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rapport-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0', // the server picks a free port and prints it
    HOST: '127.0.0.1',
    DATABASE_URL: '', // embedded PGlite, whatever the environment says
    RAPPORT_DATA_DIR: dataDir,
    RAPPORT_ADMIN_EMAIL: ADMIN_EMAIL,
    RAPPORT_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RAPPORT_ANALYTICS_REFRESH_SECONDS: '1',
    RAPPORT_DEMO: '1',
    RAPPORT_SECURE_COOKIES: '0',
  };
  delete env.RAPPORT_TODAY; // the browser's "now" and the server's "today" must agree
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'rapport.mjs'), 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let output = '';
  const collect = (chunk: Buffer) => {
    log.write(chunk);
    if (output.length < 200_000) output += chunk.toString('utf8');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const teardown = async () => {
    process.removeListener('exit', killOnExit);
    await stop(child);
    await new Promise<void>((resolve) => log.end(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    return { baseUrl: await waitForServer(child, () => output), teardown };
  } catch (error) {
    await teardown();
    throw error;
  }
}

/** Builds the server and the web app when dist/ lacks them; warns when dist/ is older than the sources. */
function ensureBuild(): void {
  const needed = [path.join(repoRoot, 'dist', 'web', 'index.html'), path.join(repoRoot, 'dist', 'cli', 'main.js')];
  const build = path.join(repoRoot, 'scripts', 'build.mjs');
  if (needed.some((file) => !existsSync(file))) {
    console.log('[e2e] dist/ is missing: running node scripts/build.mjs');
    const r = spawnSync(process.execPath, [build], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`node scripts/build.mjs failed (exit ${r.status ?? r.signal})`);
    return;
  }
  const stamp = path.join(repoRoot, 'dist', '.build-stamp');
  const fingerprint = spawnSync(process.execPath, [build, '--fingerprint'], {
    cwd: repoRoot,
    encoding: 'utf8',
  }).stdout?.trim();
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== fingerprint) {
    console.warn('[e2e] dist/ is older than src/: the browser tests run the last build (npm run build to refresh it).');
  }
}

/** Resolves with the server's address once GET /api/health answers 200. */
async function waitForServer(child: ChildProcess, output: () => string): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exit code ${code ?? '—'}, signal ${signal ?? '—'}`;
  });
  let baseUrl: string | null = null;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server stopped before it was ready (${exited}):\n${output().slice(-4000)}`);
    baseUrl ??= output().match(/http:\/\/127\.0\.0\.1:(\d+)/)?.[0] ?? null;
    if (baseUrl) {
      const ok = await fetch(`${baseUrl}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return baseUrl;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(
    `The server did not answer GET /api/health within ${START_TIMEOUT_MS / 1000} s:\n${output().slice(-4000)}`,
  );
}

/** SIGTERM, then SIGKILL if it has not stopped in time. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** A server no test writes to but the walks that must see the demo company untouched. */
    e2ePristineUrl: string;
    e2eEmail: string;
    e2ePassword: string;
  }
}
