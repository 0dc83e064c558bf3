import { describe, expect, it } from 'vitest';
import { guessKind, matchColumns, missingRequired, normalizeHeader, templateHeaders } from './fields.js';
import { clientKey, clientNameKey, documentKey, rowFingerprint } from './keys.js';
import { recordReader } from './records.js';

describe('column matching', () => {
  it('normalises headers: case, ё, dots, №, units in brackets', () => {
    expect(normalizeHeader('  Кол-во (шт.) ')).toBe('кол-во');
    expect(normalizeHeader('№ Документа')).toBe('документа');
    expect(normalizeHeader('Ед. изм.')).toBe('ед изм');
    expect(normalizeHeader('Расчётный счёт')).toBe('расчетный счет');
  });

  it('matches a 1C sales report and an English export, each field to one column', () => {
    expect(matchColumns('sales', ['Дата', 'Документ', 'Контрагент', 'ИНН', 'Номенклатура', 'Кол-во', 'Цена', 'Сумма', 'Сумма с НДС', 'Склад'])).toEqual(
      ['documentDate', 'documentNumber', 'client', 'clientInn', 'item', 'qty', 'price', 'amount', null, null]);
    expect(matchColumns('sales', ['Invoice', 'Date', 'Customer', 'Product', 'Quantity', 'Unit price'])).toEqual(
      ['documentNumber', 'documentDate', 'client', 'item', 'qty', 'price']);
    expect(matchColumns('sales', ['documentNumber', 'qty'])).toEqual(['documentNumber', 'qty']);
  });

  it('guesses the kind of a file from its headers and names the required fields still missing', () => {
    expect(guessKind(['Наименование', 'ИНН', 'КПП', 'Юридический адрес'])).toBe('clients');
    expect(guessKind(['Дата', 'Номер', 'Контрагент', 'Номенклатура', 'Количество', 'Сумма'])).toBe('sales');
    expect(guessKind(['Дата оплаты', 'Плательщик', 'Сумма оплаты'])).toBe('payments');
    expect(guessKind(['Артикул', 'Наименование', 'Цена', 'Себестоимость'])).toBe('products');
    expect(missingRequired('sales', ['documentNumber', 'client', 'item', 'qty'])).toEqual(['documentDate', 'price|amount']);
  });

  it('gives template headers in either language', () => {
    expect(templateHeaders('contacts', 'ru').slice(0, 5)).toEqual(['Контрагент', 'ИНН', 'КПП', 'Код контрагента', 'ФИО']);
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
  const headers = ['Документ', 'Дата', 'Контрагент', 'ИНН', 'Номенклатура', 'Количество', 'Цена', 'Сумма', 'Себестоимость', 'Вид документа', 'Проведен'];
  const read = recordReader('sales', matchColumns('sales', headers), headers);

  it('takes number, date and type from a 1C document title and derives the price from the amount', () => {
    const r = read(['Реализация товаров и услуг 00-000123 от 20.11.2025 12:00:00', '', 'Альфа', '7728168971', 'Болт', '4', '', '10,00', '6,00', '', 'Да']);
    expect(r).toEqual({ kind: 'record', record: expect.objectContaining({
      documentNumber: '00-000123', documentDate: '2025-11-20', documentType: 'Реализация товаров и услуг', qty: '4', price: 250, amount: 1000,
      costAmount: 600, unitCost: 150, status: 'completed', isReturn: false,
    }) });
  });

  it('counts a return negative whichever sign the file gives, and an unposted document as a draft', () => {
    const r = read(['В-1', '21.11.2025', 'Альфа', '', 'Болт', '2', '5,00', '10,00', '', 'Возврат товаров от клиента', 'Нет']);
    expect(r.kind === 'record' && r.record).toMatchObject({ qty: '-2', amount: -1000, price: 500, status: 'draft', isReturn: true });
  });

  it('skips blank and total rows, and refuses a row with every problem it has', () => {
    expect(read(['', ' ', '', '', '', '', '', '', '', '', ''])).toEqual({ kind: 'skipped' });
    expect(read(['Итого', '', '', '', '', '10', '', '1 000,00', '', '', ''])).toEqual({ kind: 'skipped' });
    const r = read(['Р-1', '31.02.2024', '', '7707083894', 'Болт', 'два', '5', '', '', '', 'может']);
    expect(r.kind).toBe('rejected');
    if (r.kind !== 'rejected') return;
    expect(r.problems.map((p) => [p.field, p.column, p.reason])).toEqual([
      ['documentDate', 'Дата', 'no_such_date'], ['clientInn', 'ИНН', 'checksum'], ['qty', 'Количество', 'number'], ['posted', 'Проведен', 'boolean'],
      // The ИНН that would have named the client was refused, so the client is missing too.
      ['client', 'Контрагент', 'required'],
    ]);
    expect(r.problems[0]!.message).toEqual({ ru: 'такой даты нет в календаре', en: 'no such day in the calendar' });
  });

  it('refuses a text over 1000 characters instead of cutting it', () => {
    const r = read(['Р-1', '01.02.2024', 'x'.repeat(1001), '', 'Болт', '1', '1', '', '', '', '']);
    expect(r.kind === 'rejected' && r.problems[0]).toMatchObject({ field: 'client', reason: 'too_long', value: `${'x'.repeat(100)}…` });
  });
});

describe('records of other kinds', () => {
  it('maps interaction kinds written in words in either language', () => {
    const headers = ['Контрагент', 'Дата', 'Вид'];
    const read = recordReader('interactions', matchColumns('interactions', headers), headers);
    expect(['Звонок', 'Встреча', 'visit', 'E-mail', 'Приём', 'Подарок'].map((k) => { const r = read(['Альфа', '01.02.2024', k]); return r.kind === 'record' ? r.record.kind : r.kind; }))
      .toEqual(['call', 'meeting', 'visit', 'email', 'reception', 'gift']);
  });
  it('checks a settlement account against the БИК given with it', () => {
    const headers = ['Наименование', 'Расчетный счет', 'БИК'];
    const read = recordReader('clients', matchColumns('clients', headers), headers);
    const r = read(['Бета', '40702810900000000001', '044525225']);
    expect(r.kind === 'rejected' && r.problems.map((p) => [p.field, p.reason])).toEqual([['bankAccount', 'checksum']]);
  });
});
