/**
 * Shared pieces of the browser tests: Debian's Chromium through playwright-core, a signed-in page,
 * screenshots, reading the API with the page's session, and the untranslated-key check.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type APIResponse, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { chromiumMissing, chromiumPath, repoRoot, screenshotsDir } from './paths.js';

export const baseUrl = inject('e2eBaseUrl');
/** The server only the walks over every page use: the demo company as a new user meets it. */
export const pristineUrl = inject('e2ePristineUrl');
export const credentials = { email: inject('e2eEmail'), password: inject('e2ePassword') };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(chromiumMissing);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

export async function newContext(browser: Browser, server = baseUrl): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server,
    locale: 'ru-RU',
    timezoneId: 'UTC',
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

/** Signs the context in through the API (the sign-in form has a test of its own). */
export async function signIn(context: BrowserContext): Promise<void> {
  const res = await context.request.post('/api/v1/auth/sign-in', { data: credentials });
  if (res.status() !== 200) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
}

export type Session = { browser: Browser; context: BrowserContext; page: Page; pageErrors: string[] };

/**
 * One browser per test file, one context and page for its tests (signed in unless told otherwise).
 * Uncaught errors in the page and content-security-policy violations are collected; a failed test leaves a screenshot FAILED-….png.
 */
export function useBrowserSession(options: { signedIn?: boolean; server?: string } = {}): Session {
  const session = {} as Session;
  beforeAll(async () => {
    session.browser = await launchChromium();
    session.context = await newContext(session.browser, options.server);
    if (options.signedIn !== false) await signIn(session.context);
    session.page = await session.context.newPage();
    session.pageErrors = [];
    session.page.on('pageerror', (error) => session.pageErrors.push(`${error.name}: ${error.message}`));
    // A resource the content security policy blocks is a broken page too.
    session.page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
        session.pageErrors.push(`CSP: ${message.text()}`);
    });
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && session.page && !session.page.isClosed()) {
      await screenshot(session.page, `FAILED-${context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}`).catch(
        () => {},
      );
    }
  });
  afterAll(async () => {
    await session.browser?.close();
  });
  return session;
}

/** A full-page screenshot into test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** POST, PATCH or DELETE /api/v1/… with the page's session cookie and the CSRF header; the JSON body. */
export async function apiWrite<T>(
  page: Page,
  method: 'post' | 'patch' | 'delete',
  path: string,
  data?: unknown,
): Promise<T> {
  const res = await page.request[method](`/api/v1${path}`, {
    headers: { 'x-rapport-csrf': '1' },
    ...(data ? { data } : {}),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

/** GET /api/v1/… with the page's session cookie; the JSON body. */
export async function apiGet<T>(page: Page, pathAndQuery: string): Promise<T> {
  const res = await page.request.get(`/api/v1${pathAndQuery}`);
  return json<T>(res, `GET ${pathAndQuery}`);
}

async function json<T>(res: APIResponse, what: string): Promise<T> {
  if (!res.ok()) throw new Error(`${what}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits until no page or block shows its loader (PageLoader: role=status with a spinner). */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'), undefined, {
    timeout: 15_000,
  });
}

const flatten = (value: unknown, prefix = ''): string[] =>
  typeof value === 'object' && value !== null
    ? Object.entries(value).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k))
    : [prefix];
const catalogue = JSON.parse(readFileSync(path.join(repoRoot, 'src', 'web', 'locales', 'ru.json'), 'utf8')) as Record<
  string,
  unknown
>;
const namespaces = new Set(Object.keys(catalogue));
const knownKeys = new Set(flatten(catalogue));

/**
 * Tokens in the page's visible text that look like i18n keys left untranslated: "a.b.c" (three or more
 * parts), or "ns.key" where ns is a namespace of the catalogue, or any exact key of the catalogue;
 * e-mail addresses and URLs are taken out first. Also "{{…}}" left uninterpolated.
 */
export async function untranslated(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const cleaned = text.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ').replace(/\b(?:https?:\/\/|www\.)\S+/g, ' ');
  const found = new Set<string>();
  for (const m of cleaned.matchAll(/\b[a-z]+\.[a-z]+(\.[a-zA-Z]+)+\b/g)) found.add(m[0]);
  for (const m of cleaned.matchAll(/\b([a-z][a-zA-Z]*)\.[a-zA-Z_]+(?:\.[a-zA-Z_]+)*\b/g)) {
    if (namespaces.has(m[1]!) || knownKeys.has(m[0])) found.add(m[0]);
  }
  for (const m of cleaned.matchAll(/\{\{[^}]*\}\}/g)) found.add(m[0]);
  return [...found];
}

/** "1 234" with any kind of space (Intl uses U+00A0/U+202F) → 1234. */
export const parseCount = (text: string): number => {
  const digits = text.replace(/[\s\u00a0\u202f]/g, '').match(/-?\d+/);
  if (!digits) throw new Error(`no number in "${text}"`);
  return Number(digits[0]);
};

/**
 * Waits until the org-wide analytics refresh is quiet: a write elsewhere (another test file adding an
 * interaction) starts one RAPPORT_ANALYTICS_REFRESH_SECONDS later, and it may move clients between
 * classes. Quiet = the summary's computedAt and the matrix unchanged for `quietMs`.
 */
export async function analyticsQuiet(page: Page, quietMs = 3_000, timeoutMs = 30_000): Promise<void> {
  const read = async () =>
    JSON.stringify([
      (await apiGet<{ computedAt: string | null }>(page, '/analytics/summary')).computedAt,
      await apiGet<unknown>(page, '/analytics/matrix'),
    ]);
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error(`the analytics did not settle within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 300));
    const now = await read();
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
}

/** The client list once its request has answered (the table keeps the previous rows, dimmed, meanwhile). */
export async function listSettled(page: Page): Promise<void> {
  await page.locator('[data-testid="figures-table"]:not([aria-busy="true"])').waitFor();
  await page.waitForFunction(() => {
    const total = document.querySelector('[data-testid="clients-total"]')?.textContent ?? '';
    return /\d/.test(total) && !/Обновление|Updating/.test(total);
  });
}

/**
 * Does something that changes the client list's query (typing a search, following a link) and waits
 * for the list's answer to that query, then for the list to show it: between the address changing and
 * the new request the list still shows the previous rows without any busy sign.
 */
export async function listAfter(
  page: Page,
  action: () => Promise<void>,
  query: (params: URLSearchParams) => boolean,
): Promise<void> {
  const answered = page.waitForResponse((res) => {
    const url = new URL(res.url());
    return (
      url.pathname === '/api/v1/analytics/clients' && url.searchParams.get('format') === null && query(url.searchParams)
    );
  });
  await action();
  const res = await answered;
  if (!res.ok()) throw new Error(`the client list answered ${res.status()}: ${await res.text()}`);
  await listSettled(page);
}
