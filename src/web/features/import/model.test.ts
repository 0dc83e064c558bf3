import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json' with { type: 'json' };
import ru from '../../locales/ru.json' with { type: 'json' };
import {
  applySavedMapping,
  assignField,
  cleanMapping,
  fieldsOf,
  importKinds,
  missingFields,
  outcomeEntries,
  outcomeOrder,
  progressPercent,
  readingFromInspection,
  sheetsOf,
  statusKey,
  toDelimiter,
} from './model.js';

describe('column mapping', () => {
  it('moves a field to the column it is chosen for, so no field fills two columns', () => {
    expect(assignField(['documentNumber', 'documentDate', null], 2, 'documentNumber')).toEqual([
      null,
      'documentDate',
      'documentNumber',
    ]);
    expect(assignField(['documentNumber', 'documentDate'], 1, null)).toEqual(['documentNumber', null]);
  });

  it('lists the required fields still missing, as the server does, sales needing a price or an amount', () => {
    expect(missingFields('sales', ['documentNumber', 'documentDate', 'client', 'item', 'qty'])).toEqual([
      'price|amount',
    ]);
    expect(missingFields('sales', ['documentNumber', 'documentDate', 'client', 'item', 'qty', 'amount'])).toEqual([]);
    expect(missingFields('payments', [null, 'amount'])).toEqual(['paymentDate', 'client']);
  });

  it('applies a saved mapping by header, whatever the case, order or ё of the headers', () => {
    const saved = {
      columns: { номер: 'documentNumber', дата: 'documentDate', покупатель: 'client', счет: 'nonsense' },
    };
    expect(applySavedMapping(saved, 'sales', ['Покупатель', 'Счёт', 'ДАТА', 'Номер.', 'Номер'])).toEqual([
      'client',
      null,
      'documentDate',
      'documentNumber',
      null,
    ]);
  });

  it('keeps only fields of the kind, one per column', () => {
    expect(cleanMapping('products', ['name', 'qty', null], 4)).toEqual(['name', null, null, null]);
  });
});

describe('reading options and jobs', () => {
  it('turns the inspection details into the reading the form edits', () => {
    expect(readingFromInspection('csv', { encoding: 'windows-1251', delimiter: 'tab' }, 3)).toEqual({
      headerRow: 3,
      encoding: 'windows-1251',
      delimiter: '\t',
    });
    expect(readingFromInspection('xlsx', { sheet: 'Лист1', sheets: '["Лист1","Лист2"]' }, 1)).toEqual({
      headerRow: 1,
      sheet: 'Лист1',
    });
    expect(sheetsOf({ sheets: '["Лист1","Лист2"]' })).toEqual(['Лист1', 'Лист2']);
    expect(sheetsOf({ sheets: 'broken' })).toEqual([]);
    expect(toDelimiter('#')).toBeUndefined();
  });

  it('names the status and the progress of a job', () => {
    expect(statusKey({ status: 'done', dryRun: true })).toBe('checked');
    expect(statusKey({ status: 'done', dryRun: false })).toBe('done');
    expect(statusKey({ status: 'rejected', dryRun: true })).toBe('rejected');
    expect(statusKey({ status: 'running', dryRun: false })).toBe('running');
    expect(progressPercent({ bytesDone: 50, bytesTotal: 200, phase: 'reading' })).toBe(25);
    expect(progressPercent({ bytesDone: 0, bytesTotal: 0, phase: 'reading' })).toBe(0);
    expect(progressPercent({ bytesDone: 10, bytesTotal: 200, phase: 'writing' })).toBe(100);
  });

  it('orders the outcome counts, unknown ones last', () => {
    expect(
      outcomeEntries({ analytics: 'kept', future: 1, linesWritten: 2, documentsCreated: 2 }).map(([k]) => k),
    ).toEqual(['documentsCreated', 'linesWritten', 'analytics', 'future']);
  });
});

describe('import labels', () => {
  type Tree = { [key: string]: string | Tree };
  const at = (tree: Tree, path: string[]): unknown =>
    path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Tree)[key] : undefined), tree);

  for (const [name, catalogue] of Object.entries({ ru: ru as unknown as Tree, en: en as unknown as Tree })) {
    it(`${name} labels every field of every kind, and every kind and outcome count`, () => {
      const missing: string[] = [];
      for (const kind of importKinds) {
        for (const key of ['label', 'description', 'matching'])
          if (typeof at(catalogue, ['import', 'kinds', kind, key]) !== 'string') missing.push(`kinds.${kind}.${key}`);
        for (const field of fieldsOf(kind))
          if (typeof at(catalogue, ['import', 'fields', kind, field.key]) !== 'string')
            missing.push(`fields.${kind}.${field.key}`);
        const extra = Object.keys(at(catalogue, ['import', 'fields', kind]) as Tree).filter(
          (k) => !fieldsOf(kind).some((f) => f.key === k),
        );
        missing.push(...extra.map((k) => `unknown fields.${kind}.${k}`));
      }
      for (const key of outcomeOrder)
        if (typeof at(catalogue, ['import', 'job', 'outcome', key]) !== 'string') missing.push(`job.outcome.${key}`);
      expect(missing).toEqual([]);
    });
  }
});
