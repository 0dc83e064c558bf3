import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  claimCategoryLabels,
  claimSeverityLabels,
  claimStatusLabels,
  claimTypeLabels,
} from '../../core/claims/labels.js';
import { claimCategories, claimSeverities, claimStatuses, claimTypes } from '../../core/vocabulary.js';

// The server writes claim vocabularies into export files with core/claims/labels.ts; the web app shows
// them from its catalogues. They must say the same.
describe('labels of the claim exports', () => {
  const catalogue = (lang: string) =>
    JSON.parse(readFileSync(new URL(`../../web/locales/${lang}.json`, import.meta.url), 'utf8')) as {
      enums: Record<string, Record<string, string>>;
    };
  it.each(['ru', 'en'] as const)('say the same as the web app (%s)', (lang) => {
    const { enums } = catalogue(lang);
    const pairs = [
      [claimTypes, claimTypeLabels, 'claimType'],
      [claimCategories, claimCategoryLabels, 'claimCategory'],
      [claimSeverities, claimSeverityLabels, 'claimSeverity'],
      [claimStatuses, claimStatusLabels, 'claimStatus'],
    ] as const;
    for (const [values, labels, group] of pairs) {
      for (const value of values)
        expect((labels as Record<string, { ru: string; en: string }>)[value]![lang], `${group}.${value}`).toBe(
          enums[group]![value],
        );
    }
  });
});
