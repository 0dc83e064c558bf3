/** Which columns the client list shows: the user's choice, remembered in this browser. */
import { useState } from 'react';
import { baseColumns, type ColumnKey } from '../../components/FiguresTable.js';
import { figureKeys } from '../../lib/figures.js';

const COLUMNS_KEY = 'rapport.clients.columns';
export const DEFAULT_COLUMNS: ColumnKey[] = [
  'status',
  'region',
  'owner',
  'revenue',
  'margin',
  'costToServe',
  'profit',
  'abcProfit',
  'xyz',
  'rfmSegment',
  'ladderStage',
  'category',
];
const allColumns: ColumnKey[] = [...baseColumns, ...figureKeys];

function readColumns(): ColumnKey[] {
  try {
    const stored: unknown = JSON.parse(window.localStorage.getItem(COLUMNS_KEY) ?? 'null');
    if (Array.isArray(stored)) {
      const known = stored.filter((c): c is ColumnKey => typeof c === 'string' && (allColumns as string[]).includes(c));
      if (known.length > 0) return known;
    }
  } catch {
    // Unreadable or no storage: the default columns.
  }
  return DEFAULT_COLUMNS;
}
function storeColumns(columns: ColumnKey[]): void {
  try {
    window.localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns));
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

/** The columns shown, in the table's order, and a setter that remembers the choice. */
export function useListColumns(): [ColumnKey[], (next: ColumnKey[]) => void] {
  const [columns, setColumns] = useState<ColumnKey[]>(readColumns);
  const chooseColumns = (next: ColumnKey[]) => {
    const ordered = allColumns.filter((c) => next.includes(c));
    setColumns(ordered);
    storeColumns(ordered);
  };
  return [columns, chooseColumns];
}
