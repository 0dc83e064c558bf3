/**
 * What a Russian page must not show: a raw value of a closed vocabulary ("active", "head_of_sales")
 * or a word in Latin letters other than the few the product writes so in Russian too. Used by the
 * walk over every page (russian-everywhere.e2e.test.ts) and by the tests of single pages.
 */
import type { Page } from 'playwright-core';
import * as auditVocabulary from '../../src/core/audit/vocabulary.js';
import * as vocabulary from '../../src/core/vocabulary.js';
import * as valueLabels from '../../src/core/value-labels.js';
import { importKinds } from '../../src/core/import/fields.js';
import { consentForms, consentStatuses } from '../../src/core/privacy/consent.js';
import { ladderStages } from '../../src/core/analytics/segments.js';
import { requisiteKinds } from '../../src/core/clients/requisites.js';

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
  // The HTTP header an API token goes in, as one types it; business intelligence tools.
  'Authorization',
  'BI',
  'UTC',
  'JSON',
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
  for (const list of [importKinds, consentForms, consentStatuses, ladderStages, requisiteKinds]) add(list);
  for (const table of Object.values(valueLabels))
    if (table && typeof table === 'object' && !Array.isArray(table)) add(Object.keys(table));
  for (const v of allowed) values.delete(v);
  return values;
}
const enumValues = vocabularyValues();

/** The page as a reader meets it: the visible text, the document title and the attributes read aloud or shown on hover. */
export const pageText = (page: Page) =>
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
export function offendingWords(text: string): { word: string; kind: 'enum' | 'latin' }[] {
  const cleaned = text
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
    .replace(/\b(?:https?:\/\/|webcal:\/\/|www\.)\S+/g, ' ')
    .replace(/\/api\/\S*/g, ' ')
    // File names people chose (an import's "clients.csv").
    .replace(/\S+\.(?:csv|xlsx|xls|xml|json|ics|txt)\b/gi, ' ');
  const found = new Map<string, 'enum' | 'latin'>();
  for (const m of cleaned.matchAll(/[A-Za-z][A-Za-z0-9_-]*/g)) {
    const word = m[0].replace(/[-_]+$/, '');
    if (allowed.has(word) || allowedPatterns.some((p) => p.test(word))) continue;
    found.set(word, enumValues.has(word) ? 'enum' : 'latin');
  }
  return [...found].map(([word, kind]) => ({ word, kind }));
}
