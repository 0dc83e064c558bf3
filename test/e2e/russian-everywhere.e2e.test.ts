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
import * as auditVocabulary from '../../src/core/audit/vocabulary.js';
import * as vocabulary from '../../src/core/vocabulary.js';
import * as valueLabels from '../../src/core/value-labels.js';
import { importKinds } from '../../src/core/import/fields.js';
import { consentStatuses } from '../../src/core/privacy/consent.js';
import { ladderStages } from '../../src/core/analytics/segments.js';
import { requisiteKinds } from '../../src/core/clients/requisites.js';
import { apiGet, apiWrite, newContext, screenshot, settled, untranslated, useBrowserSession } from './browser.js';
import { resultsDir } from './paths.js';
import { appRoutes } from './routes.js';

/**
 * Latin words a Russian page may show: the product's name, formats, the analytics' own abbreviations
 * and class letters, protocol and program names a user types or looks for, units.
 */
const allowed = new Set([
  'Rapport',
  'API',
  'CSV',
  'XLSX',
  'XLS',
  'UTF-8',
  'NPS',
  'CSAT',
  'RFM',
  'ABC',
  'XYZ',
  'CLV',
  'A',
  'B',
  'C',
  'X',
  'Y',
  'Z',
  'R',
  'F',
  'M',
  'CommerceML',
  'iCalendar',
  'ICS',
  'webcal',
  'Google',
  'Outlook',
  'Apple',
  'Bearer',
  'UTC',
  // The language switch: the two languages' codes, and each language's name in itself.
  'RU',
  'EN',
  'English',
  // Names of programs, formats and encodings people know them by.
  'Excel',
  'XML',
  'Windows-1251',
  // Terms that Russian business texts write in Latin: the NPS's full name, the cost of capital, the market.
  'Net',
  'Promoter',
  'Score',
  'WACC',
  'B2B',
  // A number in a formula ("через N кварталов").
  'N',
]);

/** Latin words made of the analytics' letters: the ABC × XYZ cells (AX…CZ), the RFM scores (R1…M5, R5F4M3); the demo data's external codes. */
const allowedPatterns = [/^[ABC][XYZ]$/, /^[RFM][1-5]$/, /^R[1-5]F[1-5]M[1-5]$/, /^demo-\d+$/];

/** Every value of the closed vocabularies: arrays of words exported by core, and the keys of the label tables. */
function vocabularyValues(): Set<string> {
  const values = new Set<string>();
  const add = (list: unknown) => {
    if (Array.isArray(list)) for (const v of list) if (typeof v === 'string') values.add(v);
  };
  for (const mod of [vocabulary, auditVocabulary]) for (const v of Object.values(mod)) add(v);
  for (const list of [importKinds, consentStatuses, ladderStages, requisiteKinds]) add(list);
  for (const table of Object.values(valueLabels))
    if (table && typeof table === 'object' && !Array.isArray(table)) add(Object.keys(table));
  for (const v of allowed) values.delete(v);
  return values;
}
const enumValues = vocabularyValues();

/** The page as a reader meets it: the visible text, the document title and the attributes read aloud or shown on hover. */
const pageText = (page: Page) =>
  page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
      // Helpers the library hides from everyone (the textarea that measures autosize).
      if (el.closest('[aria-hidden="true"]')) continue;
      for (const name of ['title', 'aria-label', 'placeholder']) {
        const v = el.getAttribute(name);
        if (v) parts.push(v);
      }
    }
    return parts.join('\n');
  });

/** The Latin-letter words of a text that are not allowed, e-mail addresses and web addresses taken out. */
function offendingWords(text: string): { word: string; kind: 'enum' | 'latin' }[] {
  const cleaned = text
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    .replace(/\b(?:https?:\/\/|webcal:\/\/|www\.)\S+/g, ' ')
    .replace(/\/api\/\S*/g, ' ');
  const found = new Map<string, 'enum' | 'latin'>();
  for (const m of cleaned.matchAll(/[A-Za-z][A-Za-z0-9_-]*/g)) {
    const word = m[0].replace(/[-_]+$/, '');
    if (allowed.has(word) || allowedPatterns.some((p) => p.test(word))) continue;
    found.set(word, enumValues.has(word) ? 'enum' : 'latin');
  }
  return [...found].map(([word, kind]) => ({ word, kind }));
}

type Finding = { where: string; word: string; kind: string; context: string };

describe('every page in Russian', () => {
  const s = useBrowserSession();
  let signedOut: BrowserContext;
  let clientId: number;
  let surveyPath: string;
  const findings: Finding[] = [];
  const visited = new Set<string>();

  beforeAll(async () => {
    signedOut = await newContext(s.browser);
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
    for (const key of await untranslated(page)) findings.push({ where, word: key, kind: 'i18n key', context: '' });
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
      const name = route.pattern.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'overview';
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
