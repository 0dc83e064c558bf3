// Real `rapport serve` processes for the fault tests: started from the sources of this checkout
// (rapport-from-source.mjs, through tsx, so no build is needed and the code under test is the code
// here), on a port of their own, killed by signal like an operator or the kernel would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const launcher = path.join(repoRoot, 'test', 'faults', 'rapport-from-source.mjs');
export const ADMIN_EMAIL = 'admin@rapport.local';
export const ADMIN_PASSWORD = 'faults-Password-2026';

const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of alive) c.kill('SIGKILL');
});

export type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number };

export type ServerProcess = {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
  exited: Promise<Exit>;
  /** Sends a signal; SIGKILL resolves once the process is gone. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
};

/** A fresh folder for an embedded database, removed by the returned function. */
export function tempDataDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `rapport-faults-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `rapport <args>` from the sources with the test's environment (no demo company, a known
 * administrator, PGlite unless DATABASE_URL is given). Resolves the child and its collected output.
 */
export function runRapport(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [launcher, ...args], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      RAPPORT_DEMO: '0',
      LOG_LEVEL: 'warn',
      RAPPORT_ADMIN_EMAIL: ADMIN_EMAIL,
      RAPPORT_ADMIN_PASSWORD: ADMIN_PASSWORD,
      RAPPORT_IMPORT_READERS: '1',
      LANG: 'en_US.UTF-8',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  alive.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 400_000) output += chunk.toString('utf8');
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      alive.delete(child);
      resolve({ code, signal, at: performance.now() });
    }),
  );
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    if (signal === 'SIGKILL') await exited;
  };
  return { child, output: () => output, exited, kill };
}

/** Starts `rapport serve` and resolves once GET /api/health answers 200. */
export async function startServer(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const p = runRapport(['serve'], env);
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | null = null;
  void p.exited.then((e) => {
    exit = e;
  });
  let baseUrl: string | null = null;
  while (Date.now() < deadline) {
    if (exit)
      throw new Error(
        `rapport serve stopped before it was ready (${JSON.stringify(exit)}):\n${p.output().slice(-4000)}`,
      );
    baseUrl ??= p.output().match(/http:\/\/127\.0\.0\.1:(\d+)/)?.[0] ?? null;
    if (
      baseUrl &&
      (await fetch(`${baseUrl}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      ))
    ) {
      if (process.env.FAULTS_VERBOSE)
        console.log(`[faults] rapport serve ready in ${Math.round(timeoutMs - (deadline - Date.now()))} ms`);
      return { ...p, baseUrl };
    }
    await sleep(100);
  }
  await p.kill('SIGKILL');
  throw new Error(`rapport serve did not answer within ${timeoutMs / 1000} s:\n${p.output().slice(-4000)}`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers are read loosely, as JSON
export type Json = any;
export type Answer = { status: number; body: Json; contentType: string };

/** The API as an integration sees it: JSON in and out with a Bearer token. */
export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  async call(method: string, url: string, body?: unknown, timeoutMs = 30_000): Promise<Answer> {
    const res = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, contentType: res.headers.get('content-type') ?? '' };
  }

  get = (url: string) => this.call('GET', url);
  post = (url: string, body: unknown) => this.call('POST', url, body);
  patch = (url: string, body: unknown) => this.call('PATCH', url, body);

  /** Like call, but throws unless the answer is 2xx. */
  async ok(method: string, url: string, body?: unknown): Promise<Json> {
    const r = await this.call(method, url, body);
    if (r.status >= 300)
      throw new Error(`${method} ${url} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 500)}`);
    return r.body;
  }
}

/** Signs in as the administrator and issues an owner's API token (tokens live in the database, so they survive restarts). */
export async function signIn(baseUrl: string): Promise<Api> {
  const res = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const tokenRes = await fetch(`${baseUrl}/api/v1/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-rapport-csrf': '1' },
    body: JSON.stringify({ name: 'faults', role: 'owner' }),
  });
  if (tokenRes.status !== 201) throw new Error(`api-tokens answered ${tokenRes.status}: ${await tokenRes.text()}`);
  const { token } = (await tokenRes.json()) as { token: string };
  return new Api(baseUrl, token);
}

/** A tiny deterministic generator, so a failing run can be repeated with its seed. */
export function random(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}
