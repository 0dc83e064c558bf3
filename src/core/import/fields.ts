/**
 * What an import can bring in and the headers 1C and Excel exports carry for each field.
 * Synonyms follow docs/russian-formats.md §2 (client list, sales lines,
 * payments); matching ignores case, ё/е, dots, №, units in brackets and extra spaces.
 */
export const importKinds = ['clients', 'contacts', 'products', 'sales', 'payments', 'interactions'] as const;
export type ImportKind = (typeof importKinds)[number];

export type FieldType =
  'text' | 'inn' | 'kpp' | 'ogrn' | 'bik' | 'account' | 'date' | 'number' | 'money' | 'integer' | 'boolean' | 'email';

export type FieldSpec = {
  key: string;
  type: FieldType;
  /** The row is refused without it. */
  required?: boolean;
  /** Headers that mean this field, Russian and English, in the order they are most telling. */
  synonyms: string[];
};

const clientRef: FieldSpec[] = [
  {
    key: 'client',
    type: 'text',
    synonyms: [
      'Контрагент',
      'Клиент',
      'Покупатель',
      'Партнер',
      'Плательщик',
      'Client',
      'Customer',
      'Counterparty',
      'Buyer',
      'Company',
    ],
  },
  {
    key: 'clientInn',
    type: 'inn',
    synonyms: ['ИНН', 'ИНН контрагента', 'ИНН покупателя', 'ИНН клиента', 'INN', 'Client INN', 'Tax ID', 'TIN'],
  },
  { key: 'clientKpp', type: 'kpp', synonyms: ['КПП', 'КПП контрагента', 'КПП покупателя', 'KPP', 'Client KPP'] },
  {
    key: 'clientExternalId',
    type: 'text',
    synonyms: ['Код контрагента', 'Код клиента', 'Ид контрагента', 'Client code', 'Client ID', 'Customer ID'],
  },
];

export const importFields: Record<ImportKind, FieldSpec[]> = {
  clients: [
    {
      key: 'externalId',
      type: 'text',
      synonyms: ['Код', 'Ссылка', 'Ид', 'Внешний код', 'Code', 'External ID', 'GUID', 'ID'],
    },
    {
      key: 'name',
      type: 'text',
      required: true,
      synonyms: [
        'Наименование',
        'Контрагент',
        'Клиент',
        'Партнер',
        'Покупатель',
        'Name',
        'Client',
        'Company',
        'Customer',
      ],
    },
    {
      key: 'fullLegalName',
      type: 'text',
      synonyms: [
        'Полное наименование',
        'Наименование полное',
        'Официальное наименование',
        'Full name',
        'Legal name',
        'Full legal name',
      ],
    },
    { key: 'inn', type: 'inn', synonyms: ['ИНН', 'INN', 'Tax ID', 'TIN'] },
    { key: 'kpp', type: 'kpp', synonyms: ['КПП', 'KPP'] },
    { key: 'ogrn', type: 'ogrn', synonyms: ['ОГРН', 'ОГРНИП', 'Регистрационный номер', 'OGRN', 'Registration number'] },
    {
      key: 'legalAddress',
      type: 'text',
      synonyms: ['Юридический адрес', 'Адрес юридический', 'Адрес регистрации', 'Legal address', 'Registered address'],
    },
    {
      key: 'actualAddress',
      type: 'text',
      synonyms: [
        'Фактический адрес',
        'Адрес фактический',
        'Адрес доставки',
        'Actual address',
        'Delivery address',
        'Address',
      ],
    },
    { key: 'postalAddress', type: 'text', synonyms: ['Почтовый адрес', 'Postal address'] },
    { key: 'phone', type: 'text', synonyms: ['Телефон', 'Телефон рабочий', 'Тел', 'Phone', 'Telephone'] },
    {
      key: 'email',
      type: 'email',
      synonyms: ['E-mail', 'Email', 'Эл почта', 'Электронная почта', 'Адрес электронной почты', 'Mail'],
    },
    {
      key: 'bankAccount',
      type: 'account',
      synonyms: [
        'Расчетный счет',
        'Р/с',
        'Номер счета',
        'Основной банковский счет',
        'Settlement account',
        'Bank account',
      ],
    },
    { key: 'bik', type: 'bik', synonyms: ['БИК', 'БИК банка', 'BIK'] },
    {
      key: 'corrAccount',
      type: 'account',
      synonyms: ['Корр счет', 'К/с', 'Корреспондентский счет', 'Correspondent account'],
    },
    { key: 'bankName', type: 'text', synonyms: ['Банк', 'Наименование банка', 'Bank', 'Bank name'] },
    {
      key: 'industry',
      type: 'text',
      synonyms: ['Отрасль', 'Вид деятельности', 'Группа', 'Родитель', 'Папка', 'Industry', 'Group', 'Segment'],
    },
    { key: 'region', type: 'text', synonyms: ['Бизнес-регион', 'Регион', 'Город', 'Region', 'City'] },
    {
      key: 'manager',
      type: 'text',
      synonyms: ['Основной менеджер', 'Менеджер', 'Ответственный', 'Manager', 'Owner', 'Account manager'],
    },
    { key: 'comment', type: 'text', synonyms: ['Комментарий', 'Примечание', 'Comment', 'Notes', 'Note'] },
    {
      key: 'contactName',
      type: 'text',
      synonyms: ['Контактное лицо', 'ФИО', 'Представитель', 'Contact', 'Contact person', 'Contact name'],
    },
    { key: 'contactPosition', type: 'text', synonyms: ['Должность', 'Position', 'Job title', 'Title'] },
  ],
  contacts: [
    ...clientRef,
    {
      key: 'fullName',
      type: 'text',
      required: true,
      synonyms: ['ФИО', 'Контактное лицо', 'Представитель', 'Имя', 'Full name', 'Name', 'Contact', 'Contact person'],
    },
    { key: 'position', type: 'text', synonyms: ['Должность', 'Position', 'Job title', 'Title'] },
    {
      key: 'phone',
      type: 'text',
      synonyms: ['Телефон', 'Телефон мобильный', 'Телефон рабочий', 'Тел', 'Phone', 'Mobile'],
    },
    { key: 'email', type: 'email', synonyms: ['E-mail', 'Email', 'Эл почта', 'Электронная почта', 'Mail'] },
    { key: 'birthday', type: 'date', synonyms: ['Дата рождения', 'День рождения', 'Birthday', 'Date of birth'] },
    { key: 'comment', type: 'text', synonyms: ['Комментарий', 'Примечание', 'Comment', 'Notes'] },
  ],
  products: [
    { key: 'externalId', type: 'text', synonyms: ['Ид', 'Ссылка', 'Внешний код', 'External ID', 'GUID', 'ID'] },
    { key: 'sku', type: 'text', synonyms: ['Артикул', 'Код', 'SKU', 'Article', 'Item code', 'Code'] },
    {
      key: 'name',
      type: 'text',
      required: true,
      synonyms: ['Номенклатура', 'Наименование', 'Товар', 'Name', 'Product', 'Item'],
    },
    {
      key: 'group',
      type: 'text',
      synonyms: ['Группа', 'Группа номенклатуры', 'Вид номенклатуры', 'Родитель', 'Group', 'Category', 'Product group'],
    },
    { key: 'unit', type: 'text', synonyms: ['Ед', 'Ед изм', 'Единица', 'Единица измерения', 'Unit', 'UOM'] },
    {
      key: 'listPrice',
      type: 'money',
      synonyms: ['Цена', 'Цена продажи', 'Розничная цена', 'Оптовая цена', 'Price', 'List price'],
    },
    {
      key: 'cost',
      type: 'money',
      synonyms: ['Себестоимость', 'Закупочная цена', 'Цена закупки', 'Cost', 'Unit cost', 'Purchase price'],
    },
  ],
  sales: [
    { key: 'documentId', type: 'text', synonyms: ['Ид документа', 'Ссылка', 'GUID документа', 'Document ID'] },
    {
      key: 'documentNumber',
      type: 'text',
      required: true,
      synonyms: [
        'Номер',
        'Номер документа',
        'Документ',
        'Регистратор',
        'Number',
        'Document',
        'Document number',
        'Invoice',
        'Order number',
      ],
    },
    {
      key: 'documentDate',
      type: 'date',
      required: true,
      synonyms: ['Дата', 'Дата документа', 'Период', 'Date', 'Document date', 'Invoice date'],
    },
    {
      key: 'documentType',
      type: 'text',
      synonyms: ['Вид документа', 'Операция', 'Хоз операция', 'Тип документа', 'Document type', 'Operation', 'Type'],
    },
    { key: 'status', type: 'text', synonyms: ['Статус', 'Состояние', 'Статус документа', 'Status', 'State'] },
    { key: 'posted', type: 'boolean', synonyms: ['Проведен', 'Проведено', 'Posted'] },
    { key: 'deleted', type: 'boolean', synonyms: ['Пометка удаления', 'Удален', 'Deleted', 'Marked for deletion'] },
    ...clientRef.map((f) => (f.key === 'client' ? { ...f, required: true } : f)),
    {
      key: 'manager',
      type: 'text',
      synonyms: ['Менеджер', 'Ответственный', 'Автор', 'Manager', 'Salesperson', 'Responsible'],
    },
    { key: 'itemExternalId', type: 'text', synonyms: ['Ид товара', 'Код номенклатуры', 'Item ID', 'Product ID'] },
    { key: 'itemCode', type: 'text', synonyms: ['Артикул', 'Код', 'SKU', 'Article', 'Item code'] },
    {
      key: 'item',
      type: 'text',
      required: true,
      synonyms: ['Номенклатура', 'Товар', 'Товары (работы, услуги)', 'Наименование', 'Item', 'Product', 'Goods'],
    },
    {
      key: 'itemGroup',
      type: 'text',
      synonyms: ['Группа номенклатуры', 'Группа товаров', 'Вид номенклатуры', 'Product group', 'Item group'],
    },
    { key: 'unit', type: 'text', synonyms: ['Ед', 'Ед изм', 'Единица', 'Упаковка', 'Unit', 'UOM'] },
    {
      key: 'qty',
      type: 'number',
      required: true,
      synonyms: ['Количество', 'Кол-во', 'Количество упаковок', 'Qty', 'Quantity'],
    },
    { key: 'price', type: 'money', synonyms: ['Цена', 'Цена за ед', 'Price', 'Unit price'] },
    {
      key: 'amount',
      type: 'money',
      synonyms: [
        'Сумма',
        'Сумма с НДС',
        'Всего',
        'Выручка',
        'Сумма без НДС',
        'Выручка без НДС',
        'Amount',
        'Total',
        'Revenue',
        'Sum',
      ],
    },
    {
      key: 'unitCost',
      type: 'money',
      synonyms: ['Себестоимость единицы', 'Себестоимость за ед', 'Закупочная цена', 'Unit cost'],
    },
    {
      key: 'costAmount',
      type: 'money',
      synonyms: ['Себестоимость', 'Сумма себестоимости', 'Cost', 'Cost amount', 'COGS'],
    },
    {
      key: 'listPrice',
      type: 'money',
      synonyms: ['Цена по прайсу', 'Прайсовая цена', 'Цена без скидки', 'List price'],
    },
    { key: 'currency', type: 'text', synonyms: ['Валюта', 'Валюта документа', 'Currency'] },
    {
      key: 'dueDate',
      type: 'date',
      synonyms: ['Срок оплаты', 'Срок платежа', 'Оплатить до', 'Due date', 'Payment due'],
    },
    { key: 'deliveryMethod', type: 'text', synonyms: ['Способ доставки', 'Доставка', 'Delivery', 'Delivery method'] },
    {
      key: 'logisticsCost',
      type: 'money',
      synonyms: ['Стоимость доставки', 'Расходы на доставку', 'Delivery cost', 'Logistics cost', 'Shipping cost'],
    },
  ],
  payments: [
    { key: 'externalId', type: 'text', synonyms: ['Ид', 'Ссылка', 'External ID', 'GUID', 'Payment ID'] },
    {
      key: 'paymentDate',
      type: 'date',
      required: true,
      synonyms: ['Дата', 'Дата оплаты', 'Дата платежа', 'Date', 'Payment date'],
    },
    {
      key: 'amount',
      type: 'money',
      required: true,
      synonyms: ['Сумма', 'Сумма оплаты', 'Сумма платежа', 'Оборот Кт', 'Amount', 'Paid', 'Payment amount'],
    },
    ...clientRef.map((f) => (f.key === 'client' ? { ...f, required: true } : f)),
    {
      key: 'documentNumber',
      type: 'text',
      synonyms: [
        'Документ расчетов',
        'Номер документа',
        'Основание',
        'Заказ',
        'Реализация',
        'Invoice',
        'Order',
        'Order number',
        'Document',
      ],
    },
    {
      key: 'comment',
      type: 'text',
      synonyms: ['Комментарий', 'Назначение платежа', 'Примечание', 'Comment', 'Purpose', 'Notes'],
    },
  ],
  interactions: [
    ...clientRef.map((f) => (f.key === 'client' ? { ...f, required: true } : f)),
    {
      key: 'occurredAt',
      type: 'date',
      required: true,
      synonyms: ['Дата', 'Дата события', 'Дата взаимодействия', 'Date', 'When'],
    },
    {
      key: 'kind',
      type: 'text',
      required: true,
      synonyms: ['Вид', 'Тип', 'Вид взаимодействия', 'Тип события', 'Kind', 'Type', 'Activity'],
    },
    { key: 'contact', type: 'text', synonyms: ['Контактное лицо', 'Контакт', 'Contact'] },
    { key: 'manager', type: 'text', synonyms: ['Менеджер', 'Ответственный', 'Автор', 'Manager', 'User'] },
    {
      key: 'durationMinutes',
      type: 'integer',
      synonyms: ['Длительность', 'Длительность, мин', 'Минут', 'Duration', 'Minutes'],
    },
    {
      key: 'moneySpent',
      type: 'money',
      synonyms: ['Расходы', 'Затраты', 'Сумма расходов', 'Spent', 'Cost', 'Expenses'],
    },
    { key: 'outcome', type: 'text', synonyms: ['Результат', 'Итог', 'Outcome', 'Result'] },
    {
      key: 'notes',
      type: 'text',
      synonyms: ['Описание', 'Комментарий', 'Содержание', 'Notes', 'Description', 'Comment'],
    },
  ],
};

/** A header as the matcher sees it: lower case, ё → е, no dots, №, units in brackets or extra spaces. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[№.,:;"'«»_]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

const synonymCache = new WeakMap<FieldSpec, string[]>();
const normalizedSynonyms = (field: FieldSpec): string[] => {
  let list = synonymCache.get(field);
  if (!list) {
    list = field.synonyms.map(normalizeHeader);
    synonymCache.set(field, list);
  }
  return list;
};

/** column index → field key (or null when the column is not imported). */
export type ColumnMapping = (string | null)[];

/**
 * Matches columns to fields by synonyms: an exact match of the normalised header (or of the
 * field key itself) wins; each field takes one column, the first one that matches best, so a
 * second «Сумма» column stays unmapped rather than overwriting the first.
 */
export function matchColumns(kind: ImportKind, headers: readonly string[]): ColumnMapping {
  const fields = importFields[kind];
  const mapping: ColumnMapping = headers.map(() => null);
  const taken = new Set<string>();
  const normalized = headers.map(normalizeHeader);
  // Rank: synonym position per field; earlier synonyms and earlier fields are more telling.
  const candidates: { column: number; field: string; rank: number }[] = [];
  normalized.forEach((h, column) => {
    if (!h) return;
    for (const field of fields) {
      if (h === field.key.toLowerCase()) {
        candidates.push({ column, field: field.key, rank: -1 });
        continue;
      }
      const at = normalizedSynonyms(field).indexOf(h);
      if (at >= 0) candidates.push({ column, field: field.key, rank: at });
    }
  });
  candidates.sort((a, b) => a.rank - b.rank || a.column - b.column);
  for (const c of candidates) {
    if (mapping[c.column] !== null || taken.has(c.field)) continue;
    mapping[c.column] = c.field;
    taken.add(c.field);
  }
  return mapping;
}

/** How many required fields of `kind` a mapping covers, and which are missing. */
export function missingRequired(kind: ImportKind, mapping: ColumnMapping): string[] {
  const mapped = new Set(mapping.filter((m): m is string => m !== null));
  const missing = importFields[kind].filter((f) => f.required && !mapped.has(f.key)).map((f) => f.key);
  // Sales need a price or an amount to know what was sold for.
  if (kind === 'sales' && !mapped.has('price') && !mapped.has('amount')) missing.push('price|amount');
  return missing;
}

/** The kind whose fields the headers match best: most required fields covered, then most fields. */
export function guessKind(headers: readonly string[]): ImportKind {
  let best: { kind: ImportKind; score: number } = { kind: 'sales', score: -Infinity };
  for (const kind of importKinds) {
    const mapping = matchColumns(kind, headers);
    const mapped = mapping.filter((m) => m !== null).length;
    const score = -missingRequired(kind, mapping).length * 100 + mapped;
    if (score > best.score) best = { kind, score };
  }
  return best.kind;
}

const CYRILLIC = /[\u0400-\u04ff]/;

/** Headers of an empty file to fill in: each field's first synonym in the language asked. */
export function templateHeaders(kind: ImportKind, lang: 'ru' | 'en'): string[] {
  return importFields[kind].map((f) => f.synonyms.find((s) => CYRILLIC.test(s) === (lang === 'ru')) ?? f.key);
}
