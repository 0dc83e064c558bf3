/**
 * Russian everywhere in Russian: every route of the app (read from App.tsx, so a new page is walked
 * without being listed here), every tab on it (the client card's, the analytics section's, any other
 * page's) and every select's options, on the demo company in Russian. The visible text and the
 * title / aria-label / placeholder attributes must hold no i18n key, no raw value of a closed
 * vocabulary ("active", "head_of_sales") and no word in Latin letters but the few the product writes
 * so in Russian too (Rapport, API, CSV, ABC…). The test fails listing each offending word with its page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiGet,
  apiWrite,
  newContext,
  pristineUrl,
  screenshot,
  settled,
  untranslated,
  useBrowserSession,
} from './browser.js';
import { resultsDir } from './paths.js';
import { appRoutes } from './routes.js';
import { offendingWords, pageText } from './russian.js';

type Finding = { where: string; word: string; kind: string; context: string };

describe('every page in Russian', () => {
  // Its own server: the names and answers other tests write in English are data, not the app's words.
  const s = useBrowserSession({ server: pristineUrl });
  let signedOut: BrowserContext;
  let clientId: number;
  let surveyPath: string;
  const findings: Finding[] = [];
  const visited = new Set<string>();

  beforeAll(async () => {
    signedOut = await newContext(s.browser, pristineUrl);
    // The client of the first claim: a card with contacts, documents, claims and history to read.
    const claims = await apiGet<{ items: { clientId: number }[] }>(s.page, '/claims?pageSize=1');
    clientId = claims.items[0]!.clientId;
    const contacts = await apiGet<{ items: { id: number }[] }>(s.page, `/contacts?clientId=${clientId}&pageSize=1`);
    const link = await apiWrite<{ url: string }>(s.page, 'post', '/surveys/links', {
      clientId,
      contactId: contacts.items[0]?.id ?? null,
      locale: 'ru',
    });
    surveyPath = new URL(link.url, 'http://x').pathname;
  });

  afterAll(async () => {
    await signedOut?.close();
  });

  /** The address to open for a route's pattern; a new pattern with a parameter needs its value here. */
  const addressOf = (pattern: string): string => {
    if (pattern === '/clients/:id') return `/clients/${clientId}`;
    if (pattern === '/survey/:token') return surveyPath;
    if (pattern.includes(':'))
      throw new Error(`the walk has no value for the parameters of ${pattern}: add one to addressOf`);
    return pattern.replace(/\*$/, 'no-such-page');
  };

  async function scan(page: Page, where: string): Promise<void> {
    await settled(page);
    // Charts and lazy panels draw after the data arrives.
    await page.waitForTimeout(300);
    await settled(page);
    const text = await pageText(page);
    // A file name people chose ("clients.csv") is data, not a key.
    for (const key of await untranslated(page))
      if (!/\.(?:csv|xlsx|xls|xml|json|ics|txt)$/i.test(key))
        findings.push({ where, word: key, kind: 'i18n key', context: '' });
    for (const { word, kind } of offendingWords(text)) {
      const at = text.indexOf(word);
      findings.push({ where, word, kind, context: text.slice(Math.max(0, at - 40), at + word.length + 40) });
    }
  }

  /** Opens every select of the page's main part and reads its options. */
  async function scanSelects(page: Page, where: string): Promise<void> {
    const inputs = page.locator('main input[aria-haspopup="listbox"]:visible:not([disabled])');
    const n = await inputs.count();
    for (let i = 0; i < n; i++) {
      const input = inputs.nth(i);
      const label = (await input.getAttribute('aria-label')) ?? (await input.getAttribute('id')) ?? String(i);
      await input.click();
      const list = page.locator('[role="listbox"]:visible');
      if (
        await list
          .first()
          .isVisible({ timeout: 2_000 })
          .catch(() => false)
      ) {
        const text = (await list.allInnerTexts()).join('\n');
        for (const { word, kind } of offendingWords(text)) {
          const at = text.indexOf(word);
          findings.push({
            where: `${where} (options of ${label})`,
            word,
            kind,
            context: text.slice(Math.max(0, at - 40), at + word.length + 40),
          });
        }
      }
      await page.keyboard.press('Escape');
    }
  }

  async function walk(page: Page, address: string, name: string): Promise<void> {
    await page.goto(address);
    await scan(page, address);
    await scanSelects(page, address);
    // Opening the selects scrolled the page: the full-page picture starts from the top (the header is sticky).
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, `ru-walk-${name}`);
    visited.add(page.url());
    // Every tab of the page's main part: the client card's, the analytics section's, any other.
    const tabs = page.locator('main [role="tab"]');
    const count = await tabs.count();
    for (let i = 0; i < count; i++) {
      const tab = tabs.nth(i);
      const label = (await tab.innerText()).replace(/\s+/g, ' ').trim();
      await tab.click();
      await settled(page);
      if (visited.has(page.url())) continue;
      visited.add(page.url());
      const where = `${address} → ${label}`;
      await scan(page, where);
      await scanSelects(page, where);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `ru-walk-${name}-tab-${i + 1}`);
      // A tab that opened another route: back to the page whose tabs are being walked.
      if (new URL(page.url()).pathname !== new URL(address, page.url()).pathname) {
        await page.goto(address);
        await settled(page);
      }
    }
  }

  it('shows no English word, raw value or i18n key on any route, tab or select', { timeout: 900_000 }, async () => {
    const routes = appRoutes();
    // The walk covers the app as it is: at least the pages known when this test was written.
    expect(routes.length).toBeGreaterThanOrEqual(24);
    const outsider = await signedOut.newPage();
    for (const route of routes) {
      const address = addressOf(route.pattern);
      const name =
        route.pattern
          .replace('*', 'not-found')
          .replace(/[^a-z0-9]+/gi, '-')
          .replace(/^-|-$/g, '') || 'overview';
      await walk(route.signedIn ? s.page : outsider, address, name);
    }
    await outsider.close();
    // One line per word: where it was met first, in what words, and on how many pages besides.
    const byWord = new Map<string, Finding[]>();
    for (const f of findings) byWord.set(`${f.kind}:${f.word}`, [...(byWord.get(`${f.kind}:${f.word}`) ?? []), f]);
    const report = [...byWord.values()].map((fs) => {
      const f = fs[0]!;
      const more = new Set(fs.map((x) => x.where)).size - 1;
      return `"${f.word}" (${f.kind}) on ${f.where}${more ? ` and ${more} more` : ''}: … ${f.context.replace(/\s+/g, ' ')} …`;
    });
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(path.join(resultsDir, 'russian-walk.json'), JSON.stringify(findings, null, 2));
    expect(report).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
