import {
  translate,
  translateMessage,
  type Lang,
  type MessageCode,
  type MessageParams,
} from '../../core/messages/index.js';
import type { Sheet } from '../../files/spreadsheet.js';

/** A refused cell: with its message as a code (an import just run), or as the texts an older report stored. */
type Refused = {
  rowNo: number;
  column: string;
  field: string;
  value: string;
  reason: string;
} & ({ code: MessageCode; params: MessageParams } | { message: { ru: string; en: string } });

/** The refused cells of an import as a sheet in the user's language: the report a user fixes the file by. */
export function rejectsSheet(items: readonly Refused[], lang: Lang): Sheet {
  return {
    name: translate(lang, 'import.report.sheet'),
    headers: [
      translate(lang, 'import.report.row'),
      translate(lang, 'import.report.column'),
      translate(lang, 'import.report.field'),
      translate(lang, 'import.report.value'),
      translate(lang, 'import.report.reason'),
      translate(lang, 'import.report.reasonCode'),
    ],
    rows: items.map((r) => [
      r.rowNo,
      r.column,
      r.field,
      r.value,
      'message' in r ? r.message[lang] : translateMessage(lang, r),
      r.reason,
    ]),
    // The refused value is the file's own text, left as typed even when it looks like a date or number.
    kinds: ['id', 'text', 'text', 'text', 'text', 'text'],
    lang,
  };
}
