import { Table, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './FiguresTable.module.css';

/** A list's sort: the column and its direction, as "column" / "-column" in the API's `sort`. */
export type ListSort<K extends string = string> = { key: K; desc: boolean };
export const listSortParam = (sort: ListSort): string => `${sort.desc ? '-' : ''}${sort.key}`;

/**
 * The header of a column a list sorts by: a button that sorts by it (a second press turns the direction),
 * the mark of the current direction, and aria-sort for screen readers.
 */
export function SortableTh<K extends string>({
  column,
  label,
  sort,
  onSort,
  numeric = false,
  testId,
}: {
  column: K;
  label: string;
  sort: ListSort<K>;
  onSort: (column: K) => void;
  numeric?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const active = sort.key === column;
  return (
    <Table.Th ta={numeric ? 'right' : undefined} aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton
        className={classes.sortButton}
        onClick={() => onSort(column)}
        title={t('clients.sortBy', { column: label })}
        data-testid={testId}
      >
        <span>{label}</span>
        <span aria-hidden className={classes.sortMark} data-active={active || undefined}>
          {active ? (sort.desc ? '▼' : '▲') : '↕'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}
