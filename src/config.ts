import path from 'node:path';
import { fixedClock, isIsoDay, systemClock, type Clock } from './core/clock.js';

/** Everything the server and CLI read from the environment, read once, here. */
export type Config = {
  /** PORT: HTTP port (default 3000). */
  port: number;
  /** HOST: address to listen on (default 127.0.0.1; 0.0.0.0 to serve the network). */
  host: string;
  /** DATABASE_URL: postgres://… to use a PostgreSQL server; unset → embedded PGlite. */
  databaseUrl: string | undefined;
  /** RAPPORT_DATA_DIR: the embedded database's folder (default ./data). */
  dataDir: string;
  /** RAPPORT_ADMIN_EMAIL / RAPPORT_ADMIN_PASSWORD: the first administrator created on first start. */
  adminEmail: string;
  adminPassword: string | undefined;
  /** RAPPORT_DEMO=0 skips loading the demo company on first start. */
  loadDemo: boolean;
  /** RAPPORT_SECURE_COOKIES=1 when served over HTTPS (behind a proxy). */
  secureCookies: boolean;
  /** LOG_LEVEL: pino level (default info). */
  logLevel: string;
  /**
   * LOG_FORMAT: `json` or `readable`. Default: readable when the server's output is a terminal and
   * LOG_LEVEL is not set (a person watching `npm start`), JSON otherwise (a service, a log collector).
   */
  logFormat: 'json' | 'readable';
  /** RAPPORT_ANALYTICS_REFRESH_SECONDS: wait after the last write before the org-wide analytics refresh (default 30). */
  analyticsRefreshSeconds: number;
  /** RAPPORT_TRUST_PROXY=1 behind a reverse proxy: the client address comes from X-Forwarded-For (rate limits count per visitor, not per proxy). */
  trustProxy: boolean;
  /**
   * RAPPORT_TODAY=YYYY-MM-DD pins the day the analytics count from (a demo, a reproduced report);
   * unset → the system clock.
   */
  clock: Clock;
  /** RAPPORT_IMPORT_DIRECT=0 turns the direct way of large sales files off (everything staged, then merged). */
  importDirect: boolean;
  /** RAPPORT_IMPORT_READERS: worker threads reading a large CSV sales file; unset → by the cores. */
  importReaders: number | undefined;
};

/** The language of the terminal's locale (LC_ALL, LC_MESSAGES, LANG): Russian for ru_*, English otherwise. */
export function localeLanguage(env: NodeJS.ProcessEnv = process.env): 'ru' | 'en' {
  return /^ru/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'ru' : 'en';
}

export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  terminal: boolean = process.stdout.isTTY === true,
): Config {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const refreshSeconds = Number(env.RAPPORT_ANALYTICS_REFRESH_SECONDS ?? 30);
  if (!Number.isFinite(refreshSeconds) || refreshSeconds < 0)
    problems.push(
      `RAPPORT_ANALYTICS_REFRESH_SECONDS must be a number of seconds, got "${env.RAPPORT_ANALYTICS_REFRESH_SECONDS}"`,
    );
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  if (env.RAPPORT_ADMIN_PASSWORD !== undefined && env.RAPPORT_ADMIN_PASSWORD.length < 10)
    problems.push('RAPPORT_ADMIN_PASSWORD must have at least 10 characters');
  if (env.RAPPORT_TODAY !== undefined && !isIsoDay(env.RAPPORT_TODAY))
    problems.push(`RAPPORT_TODAY must be a day written YYYY-MM-DD, got "${env.RAPPORT_TODAY}"`);
  const readers = env.RAPPORT_IMPORT_READERS === undefined ? undefined : Number(env.RAPPORT_IMPORT_READERS);
  if (readers !== undefined && !(Number.isInteger(readers) && readers >= 1 && readers <= 16))
    problems.push(`RAPPORT_IMPORT_READERS must be a whole number from 1 to 16, got "${env.RAPPORT_IMPORT_READERS}"`);
  const logFormat = env.LOG_FORMAT ?? (terminal && env.LOG_LEVEL === undefined ? 'readable' : 'json');
  if (logFormat !== 'json' && logFormat !== 'readable')
    problems.push(`LOG_FORMAT must be json or readable, got "${env.LOG_FORMAT}"`);
  if (problems.length) throw new Error(`Configuration problems:\n- ${problems.join('\n- ')}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.RAPPORT_DATA_DIR ?? 'data'),
    adminEmail: (env.RAPPORT_ADMIN_EMAIL ?? 'admin@rapport.local').toLowerCase(),
    adminPassword: env.RAPPORT_ADMIN_PASSWORD,
    loadDemo: env.RAPPORT_DEMO !== '0',
    secureCookies: env.RAPPORT_SECURE_COOKIES === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: logFormat === 'readable' ? 'readable' : 'json',
    analyticsRefreshSeconds: refreshSeconds,
    trustProxy: env.RAPPORT_TRUST_PROXY === '1',
    clock: env.RAPPORT_TODAY ? fixedClock(env.RAPPORT_TODAY) : systemClock,
    importDirect: env.RAPPORT_IMPORT_DIRECT !== '0',
    importReaders: readers,
  };
}
