import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCp1251 } from '../../test/support/cp1251.js';
import { importFields, matchColumns } from '../core/import/fields.js';
import { CommerceMlError, commerceMlHeaders, openCommerceMlSource } from './commerceml-source.js';
import type { SourceRow, TableSource } from './source.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rapport-cml-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileNo = 0;
async function file(content: string | Uint8Array): Promise<string> {
  const path = join(dir, `f${++fileNo}.xml`);
  await writeFile(path, content);
  return path;
}

async function readAll(source: TableSource): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of source.rows()) rows.push(row);
  return rows;
}

const dataOf = (rows: SourceRow[]) => rows.slice(1).map((r) => r.cells);

// The minimal 2.x order of docs/russian-formats.md §1, verbatim.
const ORDER_2_10 = `<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация ВерсияСхемы="2.10" ДатаФормирования="2025-11-20T10:15:00">
  <Документ>
    <Ид>b3f1c2d4-0000-4000-8000-000000000001</Ид>
    <Номер>00-000123</Номер>
    <Дата>2025-11-20</Дата>
    <ХозОперация>Заказ товара</ХозОперация>
    <Роль>Продавец</Роль>
    <Валюта>RUB</Валюта>
    <Курс>1</Курс>
    <Сумма>24400.00</Сумма>
    <Контрагенты>
      <Контрагент>
        <Ид>7c1e0a9e-0000-4000-8000-0000000000aa</Ид>
        <Наименование>ПАО Сбербанк</Наименование>
        <ОфициальноеНаименование>ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО "СБЕРБАНК РОССИИ"</ОфициальноеНаименование>
        <ИНН>7707083893</ИНН>
        <КПП>773601001</КПП>
        <Адрес><Представление>117312, г. Москва, ул. Вавилова, д. 19</Представление></Адрес>
        <Контакты>
          <Контакт><Тип>Почта</Тип><Значение>zakupki@example.ru</Значение></Контакт>
          <Контакт><Тип>Телефон рабочий</Тип><Значение>+7 495 000-00-00</Значение></Контакт>
        </Контакты>
        <Представители>
          <Представитель><Наименование>Иванова Мария Петровна</Наименование><Отношение>Контактное лицо</Отношение></Представитель>
        </Представители>
        <Роль>Покупатель</Роль>
      </Контрагент>
    </Контрагенты>
    <Товары>
      <Товар>
        <Ид>item-0001</Ид>
        <Артикул>A-100</Артикул>
        <Наименование>Кабель ВВГнг 3х2,5</Наименование>
        <БазоваяЕдиница Код="006" НаименованиеПолное="Метр" МеждународноеСокращение="MTR">м</БазоваяЕдиница>
        <ЦенаЗаЕдиницу>122.00</ЦенаЗаЕдиницу>
        <Количество>200</Количество>
        <Сумма>24400.00</Сумма>
        <Налоги><Налог><Наименование>НДС</Наименование><УчтеноВСумме>true</УчтеноВСумме><Ставка>22</Ставка><Сумма>4400.00</Сумма></Налог></Налоги>
      </Товар>
    </Товары>
  </Документ>
</КоммерческаяИнформация>
`;

const SBER_LINE = [
  'b3f1c2d4-0000-4000-8000-000000000001',
  '00-000123',
  '2025-11-20',
  'Заказ товара',
  '',
  'ПАО Сбербанк',
  '7707083893',
  '773601001',
  '7c1e0a9e-0000-4000-8000-0000000000aa',
  'item-0001',
  'A-100',
  'Кабель ВВГнг 3х2,5',
  'м',
  '200',
  '122.00',
  '24400.00',
  'RUB',
  '',
];

describe('commerceMlHeaders', () => {
  it('are canonical keys of fields.ts that the column matcher maps to themselves', () => {
    for (const kind of ['sales', 'products'] as const) {
      const keys = importFields[kind].map((f) => f.key);
      const header = commerceMlHeaders[kind];
      expect(header.filter((k) => !keys.includes(k))).toEqual([]);
      // In the order fields.ts lists them.
      expect([...header]).toEqual(keys.filter((k) => header.includes(k)));
      expect(matchColumns(kind, header)).toEqual([...header]);
    }
  });
});

describe('openCommerceMlSource: orders and other documents', () => {
  it('reads the CommerceML 2.10 order: a header row of field keys, then one row per line', async () => {
    const source = await openCommerceMlSource(await file(ORDER_2_10));
    expect(source.format).toBe('commerceml');
    expect(source.kind).toBe('sales');
    expect(source.details).toEqual({ encoding: 'utf-8', schemaVersion: '2.10' });
    const rows = await readAll(source);
    expect(rows).toEqual([
      { rowNo: 1, cells: [...commerceMlHeaders.sales] },
      { rowNo: 2, cells: SBER_LINE },
    ]);
    expect(source.details).toEqual({ encoding: 'utf-8', schemaVersion: '2.10', documents: '1' });
    const { done, total } = source.progress();
    expect(done).toBe(total);
    expect(total).toBe(Buffer.byteLength(ORDER_2_10));
  });

  it('strips a byte-order mark, which also names the encoding (UTF-8 or UTF-16)', async () => {
    const utf8 = await openCommerceMlSource(
      await file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ORDER_2_10)])),
    );
    expect(dataOf(await readAll(utf8))).toEqual([SBER_LINE]);
    const utf16 = await openCommerceMlSource(await file(Buffer.from(`\uFEFF${ORDER_2_10}`, 'utf16le')));
    expect(utf16.details.encoding).toBe('utf-16le');
    expect(dataOf(await readAll(utf16))).toEqual([SBER_LINE]);
  });

  it('decodes windows-1251 by the XML declaration and picks the payer when there is no buyer', async () => {
    const alphabet = 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
    const xml = `<?xml version="1.0" encoding="windows-1251"?>
<КоммерческаяИнформация ВерсияСхемы="2.08" ДатаФормирования="2024-03-01T09:00:00">
<Документ>
<Ид>17</Ид><Номер>17</Номер><Дата>2024-03-01</Дата><ХозОперация>Заказ товара</ХозОперация><Роль>Продавец</Роль><Валюта>руб</Валюта><Курс>1</Курс><Сумма>1500.00</Сумма>
<Контрагенты>
<Контрагент><Ид>seller</Ид><Наименование>Наш магазин</Наименование><ИНН>7710140679</ИНН><Роль>Продавец</Роль></Контрагент>
<Контрагент>
<Ид>42#42</Ид>
<РеквизитыЮрЛица><ОфициальноеНаименование>ООО «Ёлка и ёжик» №1</ОфициальноеНаименование><ИНН>7707083893</ИНН><КПП>773601001</КПП></РеквизитыЮрЛица>
<Представители><Представитель><Контрагент><Отношение>Контактное лицо</Отношение><Ид>rep</Ид><Наименование>Щукин Эдуард Юрьевич</Наименование></Контрагент></Представитель></Представители>
<Роль>Плательщик</Роль>
</Контрагент>
</Контрагенты>
<СрокПлатежа>2024-03-15T00:00:00</СрокПлатежа>
<Товары>
<Товар><Ид>p1</Ид><Артикул>ЁЖ-1</Артикул><Наименование>Ёршик для бутылок</Наименование><БазоваяЕдиница Код="796" НаименованиеПолное="Штука"/><ЦенаЗаЕдиницу>500</ЦенаЗаЕдиницу><Количество>2</Количество><Сумма>1000</Сумма><Скидки><Скидка><Сумма>0</Сумма></Скидка></Скидки></Товар>
<Товар><Ид>ORDER_DELIVERY</Ид><Наименование>${alphabet}</Наименование><БазоваяЕдиница>усл</БазоваяЕдиница><ЦенаЗаЕдиницу>500</ЦенаЗаЕдиницу><Количество>1</Количество><Сумма>500</Сумма></Товар>
</Товары>
<ЗначенияРеквизитов><ЗначениеРеквизита><Наименование>Проведен</Наименование><Значение>false</Значение></ЗначениеРеквизита></ЗначенияРеквизитов>
</Документ>
</КоммерческаяИнформация>
`;
    const source = await openCommerceMlSource(await file(toCp1251(xml)));
    expect(source.details).toEqual({ encoding: 'windows-1251', schemaVersion: '2.08' });
    const client = ['ООО «Ёлка и ёжик» №1', '7707083893', '773601001', '42#42'];
    expect(dataOf(await readAll(source))).toEqual([
      [
        '17',
        '17',
        '2024-03-01',
        'Заказ товара',
        'draft',
        ...client,
        'p1',
        'ЁЖ-1',
        'Ёршик для бутылок',
        'Штука',
        '2',
        '500',
        '1000',
        'руб',
        '2024-03-15',
      ],
      [
        '17',
        '17',
        '2024-03-01',
        'Заказ товара',
        'draft',
        ...client,
        'ORDER_DELIVERY',
        '',
        alphabet,
        'усл',
        '1',
        '500',
        '500',
        'руб',
        '2024-03-15',
      ],
    ]);
  });

  it('reads CommerceML 3.1 documents inside Контейнер, with namespace prefixes and the order status requisite', async () => {
    const doc = (n: number, status: string) => `
    <cml:Документ>
      <cml:Ид>order-${n}</cml:Ид>
      <cml:Номер>DIAG-${n}</cml:Номер>
      <cml:Дата>2026-04-22</cml:Дата>
      <cml:Время>18:30:00</cml:Время>
      <cml:ХозОперация>Заказ товара</cml:ХозОперация>
      <cml:Роль>Продавец</cml:Роль>
      <cml:Валюта>RUB</cml:Валюта>
      <cml:Сумма>100.00</cml:Сумма>
      <cml:Организация>ИП Семерюк Д. В.</cml:Организация>
      <cml:Соглашение><cml:Наименование>Стандартное</cml:Наименование></cml:Соглашение>
      <cml:Контрагенты>
        <cml:Контрагент>
          <cml:Ид>diagnostic-counterparty</cml:Ид>
          <cml:Наименование>Диагностический контрагент</cml:Наименование>
          <cml:ПолноеНаименование>Диагностический контрагент (полное)</cml:ПолноеНаименование>
          <cml:Роль>Покупатель</cml:Роль>
        </cml:Контрагент>
      </cml:Контрагенты>
      <cml:Товары>
        <cml:Товар>
          <cml:Ид>diagnostic-product-${n}</cml:Ид>
          <cml:Наименование>Диагностический товар ${n}%</cml:Наименование>
          <cml:БазоваяЕдиница Код="796" НаименованиеПолное="Штука" МеждународноеСокращение="PCE">шт</cml:БазоваяЕдиница>
          <cml:ЦенаЗаЕдиницу>100.00</cml:ЦенаЗаЕдиницу>
          <cml:Количество>1</cml:Количество>
          <cml:Сумма>100.00</cml:Сумма>
          <cml:Налоги><cml:Налог><cml:Наименование>НДС</cml:Наименование><cml:Ставка>${n}</cml:Ставка><cml:Сумма>4.76</cml:Сумма></cml:Налог></cml:Налоги>
        </cml:Товар>
      </cml:Товары>
      <cml:ЗначенияРеквизитов>
        <cml:ЗначениеРеквизита><cml:Наименование>Операция</cml:Наименование><cml:Значение>Реализация</cml:Значение></cml:ЗначениеРеквизита>
        <cml:ЗначениеРеквизита><cml:Наименование>${status}</cml:Наименование><cml:Значение>Не согласован</cml:Значение></cml:ЗначениеРеквизита>
      </cml:ЗначенияРеквизитов>
    </cml:Документ>`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<cml:КоммерческаяИнформация xmlns:cml="urn:1C.ru:commerceml_3" ВерсияСхемы="3.1" ДатаФормирования="2026-04-22T18:30:00+00:00">
  <cml:Контейнер>${doc(22, 'Статус заказа')}</cml:Контейнер>
  <cml:Контейнер>${doc(5, 'СтатусЗаказа')}
    <cml:Документ><cml:Ид>order-1</cml:Ид><cml:Номер>FS-1</cml:Номер><cml:Дата>2026-02-02</cml:Дата>
      <cml:ЗначенияРеквизитов><cml:ЗначениеРеквизита><cml:Наименование>СтатусЗаказа</cml:Наименование><cml:Значение>Отгружен</cml:Значение></cml:ЗначениеРеквизита></cml:ЗначенияРеквизитов>
    </cml:Документ>
  </cml:Контейнер>
</cml:КоммерческаяИнформация>`;
    const source = await openCommerceMlSource(await file(xml));
    expect(source.kind).toBe('sales');
    const line = (n: number) => [
      `order-${n}`,
      `DIAG-${n}`,
      '2026-04-22',
      'Заказ товара',
      'Не согласован',
      'Диагностический контрагент',
      '',
      '',
      'diagnostic-counterparty',
      `diagnostic-product-${n}`,
      '',
      `Диагностический товар ${n}%`,
      'шт',
      '1',
      '100.00',
      '100.00',
      'RUB',
      '',
    ];
    // The status-only document has no lines and gives no row.
    expect(await readAll(source)).toEqual([
      { rowNo: 1, cells: [...commerceMlHeaders.sales] },
      { rowNo: 2, cells: line(22) },
      { rowNo: 3, cells: line(5) },
    ]);
    expect(source.details).toEqual({ encoding: 'utf-8', schemaVersion: '3.1', documents: '3' });
  });

  it('reads returns, deletion marks, persons and documents without lines', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация ВерсияСхемы="2.05">
  <Документ>
    <Ид>ret-1</Ид><Номер>В-7</Номер><Дата>2024-05-06T12:30:00</Дата><ХозОперация>Возврат товара</ХозОперация><Валюта>643</Валюта>
    <Контрагенты>
      <Контрагент><Ид>payer</Ид><Наименование>Плательщик &amp; сын</Наименование><Роль>Плательщик</Роль></Контрагент>
      <Контрагент><Ид>buyer</Ид><ПолноеНаименование>Петров Пётр Петрович</ПолноеНаименование><ИНН>500100732259</ИНН><Роль>Покупатель</Роль></Контрагент>
    </Контрагенты>
    <Товары><Товар><Ид>p9</Ид><Наименование><![CDATA[Товар <особый> & "в кавычках"]]></Наименование><Количество>-1</Количество><Сумма>-990.50</Сумма></Товар></Товары>
    <ЗначенияРеквизитов>
      <ЗначениеРеквизита><Наименование>Статус заказа</Наименование><Значение>Возвращен</Значение></ЗначениеРеквизита>
      <ЗначениеРеквизита><Наименование>Проведен</Наименование><Значение>true</Значение></ЗначениеРеквизита>
    </ЗначенияРеквизитов>
  </Документ>
  <Документ>
    <Ид>del-1</Ид><Номер>Д-1</Номер><Дата>2024-05-07</Дата><ХозОперация>Отпуск товара</ХозОперация>
    <Контрагенты><Контрагент><Наименование>Без роли</Наименование><ИНН>7707083893</ИНН></Контрагент></Контрагенты>
    <Товары><Товар><Наименование>Стул</Наименование><ЦенаЗаЕдиницу>10</ЦенаЗаЕдиницу><Количество>3</Количество></Товар></Товары>
    <ЗначенияРеквизитов>
      <ЗначениеРеквизита><Наименование>ПометкаУдаления</Наименование><Значение>true</Значение></ЗначениеРеквизита>
      <ЗначениеРеквизита><Наименование>Проведен</Наименование><Значение>false</Значение></ЗначениеРеквизита>
      <ЗначениеРеквизита><Наименование>Статус</Наименование><Значение>Новый</Значение></ЗначениеРеквизита>
    </ЗначенияРеквизитов>
  </Документ>
  <Документ>
    <Ид>pay-1</Ид><Номер>П-1</Номер><Дата>2024-05-08</Дата><ХозОперация>Выплата безналичных денег</ХозОперация><Сумма>990.50</Сумма>
  </Документ>
  <Документ>
    <Ид>nobody</Ид><Номер>Н-1</Номер><Дата>2024-05-09</Дата><ХозОперация>Заказ товара</ХозОперация>
    <Товары><Товар><Наименование>Стол</Наименование><Количество>1</Количество><Сумма>5000</Сумма></Товар></Товары>
  </Документ>
</КоммерческаяИнформация>`;
    const source = await openCommerceMlSource(await file(xml));
    expect(dataOf(await readAll(source))).toEqual([
      [
        'ret-1',
        'В-7',
        '2024-05-06',
        'Возврат товара',
        'Возвращен',
        'Петров Пётр Петрович',
        '500100732259',
        '',
        'buyer',
        'p9',
        '',
        'Товар <особый> & "в кавычках"',
        '',
        '-1',
        '',
        '-990.50',
        '643',
        '',
      ],
      [
        'del-1',
        'Д-1',
        '2024-05-07',
        'Отпуск товара',
        'cancelled',
        'Без роли',
        '7707083893',
        '',
        '',
        '',
        '',
        'Стул',
        '',
        '3',
        '10',
        '',
        '',
        '',
      ],
      ['nobody', 'Н-1', '2024-05-09', 'Заказ товара', '', '', '', '', '', '', '', 'Стол', '', '1', '', '5000', '', ''],
    ]);
    expect(source.details.documents).toBe('4');
  });

  it('streams a big file in bounded batches, numbering rows on, and can be read again or stopped', async () => {
    const DOCS = 3000;
    const doc = (i: number) =>
      `<Документ><Ид>id-${i}</Ид><Номер>№ ${i}</Номер><Дата>2024-01-02</Дата><ХозОперация>Заказ товара</ХозОперация><Контрагенты><Контрагент><Наименование>Клиент номер ${i % 97}</Наименование><Роль>Покупатель</Роль></Контрагент></Контрагенты><Товары><Товар><Ид>a</Ид><Наименование>Товар А</Наименование><Количество>${i}</Количество></Товар><Товар><Ид>b</Ид><Наименование>Товар Б</Наименование><Количество>1</Количество></Товар></Товары></Документ>\n`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация ВерсияСхемы="2.10">\n${Array.from({ length: DOCS }, (_, i) => doc(i)).join('')}</КоммерческаяИнформация>\n`;
    expect(Buffer.byteLength(xml)).toBeGreaterThan(1 << 20);
    const source = await openCommerceMlSource(await file(xml));
    let expected = 2;
    const wrong: SourceRow[] = [];
    let midway = -1;
    for await (const row of source.rows()) {
      if (row.rowNo === 1) continue;
      const i = Math.floor((row.rowNo - 2) / 2);
      const first = row.rowNo % 2 === 0;
      if (
        row.rowNo !== expected++ ||
        row.cells[0] !== `id-${i}` ||
        row.cells[1] !== `№ ${i}` ||
        row.cells[5] !== `Клиент номер ${i % 97}` ||
        row.cells[11] !== (first ? 'Товар А' : 'Товар Б') ||
        row.cells[13] !== (first ? String(i) : '1')
      )
        wrong.push(row);
      if (row.rowNo === 1000) midway = source.progress().done;
    }
    expect(wrong).toEqual([]);
    expect(expected).toBe(2 + DOCS * 2);
    expect(midway).toBeGreaterThan(0);
    expect(midway).toBeLessThan(source.progress().total);
    expect(source.progress().done).toBe(source.progress().total);
    expect(source.details.documents).toBe(String(DOCS));

    const some: SourceRow[] = [];
    for await (const row of source.rows()) {
      some.push(row);
      if (some.length === 3) break;
    }
    expect(some.map((r) => r.rowNo)).toEqual([1, 2, 3]);
  });
});

describe('openCommerceMlSource: a catalogue', () => {
  it('reads import.xml products with their Классификатор group names, skipping removed ones', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация ВерсияСхемы="2.10" ДатаФормирования="2025-11-20T10:00:00">
  <Классификатор>
    <Ид>cls</Ид><Наименование>Классификатор (Основной каталог товаров)</Наименование>
    <Группы>
      <Группа><Ид>g-cable</Ид><Наименование>Кабель</Наименование>
        <Группы><Группа><Ид>g-vvg</Ид><Наименование>Кабель ВВГ</Наименование></Группа></Группы>
      </Группа>
      <Группа><Ид>g-light</Ид><Наименование>Освещение</Наименование></Группа>
    </Группы>
    <Свойства><Свойство><Ид>prop</Ид><Наименование>Сечение</Наименование></Свойство></Свойства>
  </Классификатор>
  <Каталог СодержитТолькоИзменения="false">
    <Ид>cat</Ид><ИдКлассификатора>cls</ИдКлассификатора><Наименование>Основной каталог товаров</Наименование>
    <Товары>
      <Товар><Ид>item-0001</Ид><Артикул>A-100</Артикул><Наименование>Кабель ВВГнг 3х2,5</Наименование><БазоваяЕдиница Код="006" НаименованиеПолное="Метр" МеждународноеСокращение="MTR">м</БазоваяЕдиница><Группы><Ид>g-vvg</Ид></Группы><ЗначенияСвойств><ЗначенияСвойства><Ид>prop</Ид><Значение>2,5</Значение></ЗначенияСвойства></ЗначенияСвойств></Товар>
      <Товар><Ид>item-0002</Ид><Наименование>Лампа LED 10 Вт</Наименование><БазоваяЕдиница Код="796" НаименованиеПолное="Штука"/><Группы><Ид>g-light</Ид><Ид>g-cable</Ид></Группы></Товар>
      <Товар Статус="Удален"><Ид>item-0003</Ид><Наименование>Снят с продажи</Наименование></Товар>
      <Товар><Ид>item-0004</Ид><Артикул>X</Артикул><Наименование>Без группы</Наименование><Группы><Ид>unknown-group</Ид></Группы></Товар>
    </Товары>
  </Каталог>
</КоммерческаяИнформация>`;
    const source = await openCommerceMlSource(await file(xml));
    expect(source.kind).toBe('products');
    expect(await readAll(source)).toEqual([
      { rowNo: 1, cells: ['externalId', 'sku', 'name', 'group', 'unit'] },
      { rowNo: 2, cells: ['item-0001', 'A-100', 'Кабель ВВГнг 3х2,5', 'Кабель ВВГ', 'м'] },
      { rowNo: 3, cells: ['item-0002', '', 'Лампа LED 10 Вт', 'Освещение', 'Штука'] },
      { rowNo: 4, cells: ['item-0004', 'X', 'Без группы', '', ''] },
    ]);
    expect(source.details).toEqual({ encoding: 'utf-8', schemaVersion: '2.10', products: '3' });
  });
});

describe('openCommerceMlSource on files it cannot read', () => {
  const failure = async (content: string | Uint8Array) => {
    const e = await openCommerceMlSource(await file(content))
      .then(readAll)
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(CommerceMlError);
    return e as CommerceMlError;
  };

  it('says on which line the XML breaks, at opening or while reading', async () => {
    const early = await failure(
      '<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация ВерсияСхемы="2.10">\n  <Документ>\n    <Ид>1</Ид>\n    <Номер>1</Номер></Ид>\n  </Документ>\n</КоммерческаяИнформация>\n',
    );
    expect(early.code).toBe('malformed');
    expect(early.line).toBe(5);
    expect(early.message).toMatch(/^The file is not well-formed XML: line 5, column \d+: .+/);
    await expect(
      openCommerceMlSource(await file('<?xml version="1.0"?>\n<КоммерческаяИнформация>\n<Документ>\n<Ид a=1>')),
    ).rejects.toThrow(/line 4/);

    const docs = Array.from(
      { length: 2000 },
      (_, i) =>
        `<Документ><Ид>${i}</Ид><Номер>${i}</Номер><Дата>2024-01-01</Дата><Товары><Товар><Наименование>Товар</Наименование><Количество>1</Количество></Товар></Товары></Документ>`,
    );
    const late = `<?xml version="1.0" encoding="UTF-8"?>\n<КоммерческаяИнформация ВерсияСхемы="2.10">\n${docs.join('\n')}\n<Документ><Ид>bad</Ид><Номер>1</Номр></Документ>\n</КоммерческаяИнформация>\n`;
    const source = await openCommerceMlSource(await file(late));
    const seen: SourceRow[] = [];
    const error = await (async () => {
      for await (const row of source.rows()) seen.push(row);
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommerceMlError);
    expect((error as CommerceMlError).line).toBe(2003);
    expect((error as CommerceMlError).message).toContain('line 2003');
    expect(seen.length).toBeGreaterThan(1);
  });

  it('says when the file ends before the XML does', async () => {
    const cut = ORDER_2_10.slice(0, ORDER_2_10.indexOf('</Товары>'));
    const e = await failure(cut);
    expect(e.code).toBe('malformed');
    expect(e.message).toMatch(/line \d+/);
  });

  it('refuses XML that is not CommerceML, and CommerceML with nothing to import', async () => {
    const html = await failure('<?xml version="1.0"?><html><body>Заказы</body></html>');
    expect(html.code).toBe('not_commerceml');
    expect(html.message).toBe(
      'This is not a CommerceML exchange file: its root element is <html>, not <КоммерческаяИнформация>.',
    );
    const offers = await failure(
      '<?xml version="1.0" encoding="UTF-8"?><КоммерческаяИнформация ВерсияСхемы="2.10"><ПакетПредложений><Ид>p</Ид></ПакетПредложений></КоммерческаяИнформация>',
    );
    expect(offers.code).toBe('nothing_to_import');
    expect((await failure('Клиент;ИНН\r\n')).code).toBe('malformed');
  });

  it('refuses an encoding it cannot decode', async () => {
    const e = await failure('<?xml version="1.0" encoding="x-klingon"?><КоммерческаяИнформация/>');
    expect(e.code).toBe('encoding');
    expect(e.message).toBe(
      'The file declares the encoding "x-klingon", which cannot be read: save it in UTF-8 or windows-1251.',
    );
  });
});
