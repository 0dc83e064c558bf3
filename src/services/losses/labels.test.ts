import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lossReasonLabels, significanceLabels } from '../../core/losses/labels.js';
import { lossReasons, significances } from '../../core/vocabulary.js';

// The server writes loss reasons and significance into export files with core/losses/labels.ts; the
// web app shows them from its catalogues. They must say the same.
describe('labels of the loss exports', () => {
  const catalogue = (lang: string) =>
    JSON.parse(readFileSync(new URL(`../../web/locales/${lang}.json`, import.meta.url), 'utf8')) as {
      enums: Record<string, Record<string, string>>;
    };
  it.each(['ru', 'en'] as const)('say the same as the web app (%s)', (lang) => {
    const { enums } = catalogue(lang);
    for (const value of lossReasons)
      expect(lossReasonLabels[value][lang], `lossReason.${value}`).toBe(enums.lossReason![value]);
    for (const value of significances)
      expect(significanceLabels[value][lang], `significance.${value}`).toBe(enums.significance![value]);
  });
});
