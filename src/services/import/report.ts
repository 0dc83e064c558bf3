import type { Sheet } from '../../files/spreadsheet.js';

type Refused = {
  rowNo: number;
  column: string;
  field: string;
  value: string;
  reason: string;
  message: { ru: string; en: string };
};

const headers = {
  ru: ['Строка', 'Колонка', 'Поле', 'Значение', 'Причина', 'Код причины'],
  en: ['Row', 'Column', 'Field', 'Value', 'Reason', 'Reason code'],
};

/** The refused cells of an import as a sheet in the user's language: the report a user fixes the file by. */
export function rejectsSheet(items: readonly Refused[], lang: 'ru' | 'en'): Sheet {
  return {
    name: lang === 'ru' ? 'Отклонено' : 'Rejected',
    headers: headers[lang],
    rows: items.map((r) => [r.rowNo, r.column, r.field, r.value, r.message[lang], r.reason]),
    // The refused value is the file's own text, left as typed even when it looks like a date or number.
    kinds: ['id', 'text', 'text', 'text', 'text', 'text'],
    lang,
  };
}
