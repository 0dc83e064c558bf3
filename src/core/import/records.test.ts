import { describe, expect, it } from 'vitest';
import { guessKind, matchColumns, missingRequired, normalizeHeader, templateHeaders } from './fields.js';
import { clientKey, clientNameKey, documentKey, rowFingerprint } from './keys.js';
import { isTrimmedSpace, recordReader } from './records.js';
import { bilingual } from '../messages/index.js';

describe('column matching', () => {
  it('normalises headers: case, ё, dots, №, units in brackets', () => {
    expect(normalizeHeader('  Кол-во (шт.) ')).toBe('кол-во');
    expect(normalizeHeader('№ Документа')).toBe('документа');
    expect(normalizeHeader('Ед. изм.')).toBe('ед изм');
    expect(normalizeHeader('Расчётный счёт')).toBe('расчетный счет');
  });

  it('matches a 1C sales report and an English export, each field to one column', () => {
    expect(
      matchColumns('sales', [
        'Дата',
        'Документ',
        'Контрагент',
        'ИНН',
        'Номенклатура',
        'Кол-во',
        'Цена',
        'Сумма',
        'Сумма с НДС',
        'Склад',
      ]),
    ).toEqual(['documentDate', 'documentNumber', 'client', 'clientInn', 'item', 'qty', 'price', 'amount', null, null]);
    expect(matchColumns('sales', ['Invoice', 'Date', 'Customer', 'Product', 'Quantity', 'Unit price'])).toEqual([
      'documentNumber',
      'documentDate',
      'client',
      'item',
      'qty',
      'price',
    ]);
    expect(matchColumns('sales', ['documentNumber', 'qty'])).toEqual(['documentNumber', 'qty']);
  });

  it('guesses the kind of a file from its headers and names the required fields still missing', () => {
    expect(guessKind(['Наименование', 'ИНН', 'КПП', 'Юридический адрес'])).toBe('clients');
    expect(guessKind(['Дата', 'Номер', 'Контрагент', 'Номенклатура', 'Количество', 'Сумма'])).toBe('sales');
    expect(guessKind(['Дата оплаты', 'Плательщик', 'Сумма оплаты'])).toBe('payments');
    expect(guessKind(['Артикул', 'Наименование', 'Цена', 'Себестоимость'])).toBe('products');
    expect(missingRequired('sales', ['documentNumber', 'client', 'item', 'qty'])).toEqual([
      'documentDate',
      'price|amount',
    ]);
  });

  it('gives template headers in either language', () => {
    expect(templateHeaders('contacts', 'ru').slice(0, 5)).toEqual([
      'Контрагент',
      'ИНН',
      'КПП',
      'Код контрагента',
      'ФИО',
    ]);
    expect(templateHeaders('contacts', 'en').slice(0, 5)).toEqual(['Client', 'INN', 'KPP', 'Client code', 'Full name']);
  });
});

describe('keys that tell the same client, product or document', () => {
  it('a client is its ИНН+КПП, else its code, else its name without legal form and quotes', () => {
    expect(clientNameKey('ООО "Ромашка"')).toBe('ромашка');
    expect(clientNameKey('Ромашка ООО')).toBe('ромашка');
    expect(clientNameKey('ООО «Ромашка»')).toBe('ромашка');
    expect(clientKey({ inn: '7707083893', kpp: '773601001', name: 'Сбер' })).toBe('i:7707083893/773601001');
    expect(clientKey({ ext: '00-001', name: 'Сбер' })).toBe('x:00-001');
    expect(clientKey({ name: 'ПАО «Сбербанк»' })).toBe('n:сбербанк');
    expect(documentKey({ number: '00-1', day: '2025-01-02' })).toBe('n:00-1|2025-01-02');
  });
  it('fingerprints rows by every cell, so a moved cell is another row', () => {
    expect(rowFingerprint(['a', 'b'])).toBe(rowFingerprint(['a', 'b']));
    expect(rowFingerprint(['ab', ''])).not.toBe(rowFingerprint(['a', 'b']));
    expect(Number.isSafeInteger(rowFingerprint(['x'.repeat(1000)]))).toBe(true);
  });
});

describe('records of a sales file', () => {
  const headers = [
    'Документ',
    'Дата',
    'Контрагент',
    'ИНН',
    'Номенклатура',
    'Количество',
    'Цена',
    'Сумма',
    'Себестоимость',
    'Вид документа',
    'Проведен',
  ];
  const read = recordReader('sales', matchColumns('sales', headers), headers);

  it('takes number, date and type from a 1C document title and derives the price from the amount', () => {
    const r = read([
      'Реализация товаров и услуг 00-000123 от 20.11.2025 12:00:00',
      '',
      'Альфа',
      '7728168971',
      'Болт',
      '4',
      '',
      '10,00',
      '6,00',
      '',
      'Да',
    ]);
    expect(r).toEqual({
      kind: 'record',
      record: expect.objectContaining({
        documentNumber: '00-000123',
        documentDate: '2025-11-20',
        documentType: 'Реализация товаров и услуг',
        qty: '4',
        price: 250,
        amount: 1000,
        costAmount: 600,
        unitCost: 150,
        status: 'completed',
        isReturn: false,
      }),
    });
  });

  it('counts a return negative whichever sign the file gives, and an unposted document as a draft', () => {
    const r = read([
      'В-1',
      '21.11.2025',
      'Альфа',
      '',
      'Болт',
      '2',
      '5,00',
      '10,00',
      '',
      'Возврат товаров от клиента',
      'Нет',
    ]);
    expect(r.kind === 'record' && r.record).toMatchObject({
      qty: '-2',
      amount: -1000,
      price: 500,
      status: 'draft',
      isReturn: true,
    });
  });

  it('skips blank and total rows, and refuses a row with every problem it has', () => {
    expect(read(['', ' ', '', '', '', '', '', '', '', '', ''])).toEqual({ kind: 'skipped' });
    expect(read(['Итого', '', '', '', '', '10', '', '1 000,00', '', '', ''])).toEqual({ kind: 'skipped' });
    const r = read(['Р-1', '31.02.2024', '', '7707083894', 'Болт', 'два', '5', '', '', '', 'может']);
    expect(r.kind).toBe('rejected');
    if (r.kind !== 'rejected') return;
    expect(r.problems.map((p) => [p.field, p.column, p.reason])).toEqual([
      ['documentDate', 'Дата', 'no_such_date'],
      ['clientInn', 'ИНН', 'checksum'],
      ['qty', 'Количество', 'number'],
      ['posted', 'Проведен', 'boolean'],
      // The ИНН that would have named the client was refused, so the client is missing too.
      ['client', 'Контрагент', 'required'],
    ]);
    expect(bilingual(r.problems[0]!)).toEqual({ ru: 'такой даты нет в календаре', en: 'no such day in the calendar' });
  });

  it('refuses a text over 1000 characters instead of cutting it', () => {
    const r = read(['Р-1', '01.02.2024', 'x'.repeat(1001), '', 'Болт', '1', '1', '', '', '', '']);
    expect(r.kind === 'rejected' && r.problems[0]).toMatchObject({
      field: 'client',
      reason: 'too_long',
      value: `${'x'.repeat(100)}…`,
    });
  });
});

describe('records of other kinds', () => {
  it('maps interaction kinds written in words in either language', () => {
    const headers = ['Контрагент', 'Дата', 'Вид'];
    const read = recordReader('interactions', matchColumns('interactions', headers), headers);
    expect(
      ['Звонок', 'Встреча', 'visit', 'E-mail', 'Приём', 'Подарок'].map((k) => {
        const r = read(['Альфа', '01.02.2024', k]);
        return r.kind === 'record' ? r.record.kind : r.kind;
      }),
    ).toEqual(['call', 'meeting', 'visit', 'email', 'reception', 'gift']);
  });
  it('checks a settlement account against the БИК given with it', () => {
    const headers = ['Наименование', 'Расчетный счет', 'БИК'];
    const read = recordReader('clients', matchColumns('clients', headers), headers);
    const r = read(['Бета', '40702810900000000001', '044525225']);
    expect(r.kind === 'rejected' && r.problems.map((p) => [p.field, p.reason])).toEqual([['bankAccount', 'checksum']]);
  });
});

describe('the shortcuts of the row reader', () => {
  it('takes for blank exactly what trim removes', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isTrimmedSpace(c) !== (String.fromCharCode(c).trim() === '')) differ.push(c);
    expect(differ).toEqual([]);
  });

  it('skips a total row exactly when the regex says so, whatever letter it starts with', () => {
    const headers = ['Документ', 'Дата', 'Контрагент', 'Номенклатура', 'Количество', 'Сумма'];
    const read = recordReader('sales', matchColumns('sales', headers), headers);
    const TOTAL = /^(итого|всего|total|grand total)(?!\p{L})/iu;
    const differ: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      for (const word of ['итого', 'всего', 'total', 'grand total']) {
        const first = String.fromCharCode(c) + word.slice(1);
        if (first.trim() !== first) continue;
        const skipped = read([first, '01.02.2024', 'Альфа', 'Болт', '1', '1']).kind === 'skipped';
        if (skipped !== TOTAL.test(first)) differ.push(first);
      }
    }
    expect(differ).toEqual([]);
    // Letters that fold to the words' first letters under Unicode case folding (here U+1C80, a form of «в»).
    expect(read(['\u1c80сего', '', '', '', '', '']).kind).toBe('skipped');
    expect(read(['\u00a0\tИТОГО:', '', '', '', '', '']).kind).toBe('skipped');
  });

  it('reads a cell that repeats the one above it to the same value, or the same problem, every time', () => {
    const headers = ['Документ', 'Дата', 'Контрагент', 'ИНН', 'Номенклатура', 'Количество', 'Сумма', 'Проведен'];
    const read = recordReader('sales', matchColumns('sales', headers), headers);
    const other = recordReader('sales', matchColumns('sales', headers), headers);
    const row = (date: string, inn: string, posted: string) => [
      'Р-1',
      date,
      'Альфа',
      inn,
      'Болт',
      '2',
      '10,00',
      posted,
    ];
    const reasons = (r: ReturnType<typeof read>) =>
      r.kind === 'rejected' ? r.problems.map((p) => `${p.field}:${p.reason}:${p.value}`) : r.kind;
    expect(reasons(read(row('31.02.2024', '7707083894', 'может')))).toEqual([
      'documentDate:no_such_date:31.02.2024',
      'clientInn:checksum:7707083894',
      'posted:boolean:может',
    ]);
    const again = read(row('31.02.2024', '7707083894', 'может'));
    expect(reasons(again)).toEqual([
      'documentDate:no_such_date:31.02.2024',
      'clientInn:checksum:7707083894',
      'posted:boolean:может',
    ]);
    // Each row gets a problem list of its own, not the row before's.
    const third = read(row('31.02.2024', '7707083894', 'может'));
    expect(again.kind === 'rejected' && third.kind === 'rejected' && again.problems !== third.problems).toBe(true);
    expect(read(row(' 01.02.2024 ', '7707083893', 'Да'))).toMatchObject({
      kind: 'record',
      record: { documentDate: '2024-02-01', clientInn: '7707083893', posted: true },
    });
    expect(read(row(' 01.02.2024 ', '7707083893', 'Да'))).toMatchObject({
      kind: 'record',
      record: { documentDate: '2024-02-01', clientInn: '7707083893', posted: true },
    });
    expect(read(row('', '', ''))).toMatchObject({
      kind: 'rejected',
      problems: [{ field: 'documentDate', reason: 'required' }],
      record: { documentDate: null, clientInn: null, posted: null },
    });
    // Another reader keeps its own last cells.
    expect(reasons(other(row('01.02.2024', '7707083894', 'Нет')))).toEqual(['clientInn:checksum:7707083894']);
    expect(read(row('01.02.2024', '7707083893', 'Нет'))).toMatchObject({
      kind: 'record',
      record: { documentDate: '2024-02-01', posted: false, status: 'draft' },
    });
  });

  it('leaves a refused cell out of the record and keeps the keys in column order', () => {
    const headers = ['Дата', 'Документ', 'Контрагент', 'Номенклатура', 'Количество', 'Цена'];
    const read = recordReader('sales', matchColumns('sales', headers), headers);
    const ok = read(['01.02.2024', 'Р-1', 'Альфа', 'Болт', '2', '5']);
    expect(ok.kind === 'record' && Object.keys(ok.record)).toEqual([
      'documentDate',
      'documentNumber',
      'client',
      'item',
      'qty',
      'price',
      'amount',
      'status',
      'isReturn',
    ]);
    const bad = read(['01.02.2024', 'Р-1', 'Альфа', 'Болт', 'два', '5']);
    expect(bad.kind === 'rejected' && Object.keys(bad.record)).toEqual([
      'documentDate',
      'documentNumber',
      'client',
      'item',
      'price',
    ]);
  });
});

describe('row fingerprints, reusing the hash of the cells a row shares with the row before', () => {
  /** The fingerprint hashed from scratch, as it was before the reuse. */
  function fingerprintOf(cells: readonly string[]): number {
    let h1 = 0x811c9dc5,
      h2 = 0x01000193 ^ cells.length;
    for (const cell of cells) {
      for (let i = 0; i < cell.length; i++) {
        const c = cell.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
      }
      h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
      h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
    }
    return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
  }

  it('answers as hashing from scratch, row after row', () => {
    let seed = 5;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pool = [
      '',
      'a',
      'Реализация 00-1 от 01.02.2024',
      'Реализация 00-2 от 01.02.2024',
      '01.02.2024 0:00:00',
      'ООО «Альфа»',
      '\u0000',
      '\uffff',
      '😀',
    ];
    let before: string[] = [];
    const differ: string[][] = [];
    for (let row = 0; row < 20000; row++) {
      const n = rnd() < 0.1 ? Math.floor(rnd() * 100) : before.length;
      const cells = Array.from({ length: n }, (_, k) =>
        rnd() < 0.7 && before[k] !== undefined
          ? rnd() < 0.5
            ? before[k]!
            : ` ${before[k]!}`.slice(1)
          : pool[Math.floor(rnd() * pool.length)]!,
      );
      if (rowFingerprint(cells) !== fingerprintOf(cells)) differ.push(cells);
      before = cells;
    }
    expect(differ).toEqual([]);
  });

  it('is not misled by a caller that refills one array', () => {
    const cells = ['Р-1', '01.02.2024', 'Альфа'];
    expect(rowFingerprint(cells)).toBe(fingerprintOf(cells));
    cells[2] = 'Бета';
    expect(rowFingerprint(cells)).toBe(fingerprintOf(cells));
    cells[0] = 'Р-2';
    expect(rowFingerprint(cells)).toBe(fingerprintOf(cells));
    // A row that throws half way (a cell that is no string) leaves nothing half kept behind.
    expect(rowFingerprint(['a', 'b', 'c', 'd'])).toBe(fingerprintOf(['a', 'b', 'c', 'd']));
    expect(() => rowFingerprint(['a', 'x', undefined as unknown as string, 'd'])).toThrow(TypeError);
    expect(rowFingerprint(['a', 'x', 'c', 'd'])).toBe(fingerprintOf(['a', 'x', 'c', 'd']));
  });
});
