import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  auditActionLabels,
  auditActions,
  auditActorKindLabels,
  auditActorKinds,
  auditEntities,
  auditEntityLabels,
} from '../../core/audit/vocabulary.js';

// The server writes the log's vocabularies into export files with core/audit/vocabulary.ts; the web
// app shows them from its catalogues. They must say the same.
describe('labels of the audit log export', () => {
  const catalogue = (lang: string) =>
    JSON.parse(readFileSync(new URL(`../../web/locales/${lang}.json`, import.meta.url), 'utf8')) as {
      audit: Record<string, Record<string, string>>;
    };
  it.each(['ru', 'en'] as const)('say the same as the web app (%s)', (lang) => {
    const { audit } = catalogue(lang);
    const sets = [
      [auditEntities, auditEntityLabels, 'entity'],
      [auditActions, auditActionLabels, 'action'],
      [auditActorKinds, auditActorKindLabels, 'actorKind'],
    ] as const;
    for (const [values, labels, group] of sets) {
      for (const value of values)
        expect((labels as Record<string, { ru: string; en: string }>)[value]![lang], `${group}.${value}`).toBe(
          audit[group]![value],
        );
    }
  });
});
