import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelledVocabularies } from '../../core/value-labels.js';

// The server writes these vocabularies into export files with value-labels.ts; the web app shows them
// from its catalogues. They must say the same, for every value of every vocabulary.
describe('names of the vocabularies in export files', () => {
  const catalogue = (lang: string) =>
    JSON.parse(readFileSync(new URL(`../../web/locales/${lang}.json`, import.meta.url), 'utf8')) as {
      enums: Record<string, Record<string, string>>;
    };
  it.each(['ru', 'en'] as const)('say the same as the web app (%s)', (lang) => {
    const { enums } = catalogue(lang);
    for (const { name, values, labels } of labelledVocabularies) {
      expect(Object.keys(labels).sort(), name).toEqual([...values].sort());
      for (const value of values) expect(labels[value]![lang], `${name}.${value}`).toBe(enums[name]![value]);
    }
  });
});
