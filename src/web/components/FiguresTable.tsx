/** A table of clients with their figures: any set of columns, sortable by figure and by the client's name, status, region and industry; each row opens the card. */
import { Anchor, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  formatFigure,
  isFigureKey,
  isNumericFigure,
  useFigureLabel,
  type ClientFiguresItem,
  type FigureKey,
} from '../lib/figures.js';
import { NO_VALUE } from '../lib/format.js';
import { useLanguage } from '../lib/i18n.js';
import classes from './FiguresTable.module.css';
import { ClientStatusBadge } from './StatusBadge.js';
import { WideTable } from './WideTable.js';

export const baseColumns = ['status', 'region', 'industry', 'owner'] as const;
export type BaseColumn = (typeof baseColumns)[number];
export type ColumnKey = BaseColumn | FigureKey;

/** The client's own columns the list sorts by (the API's sort; then by name). */
export const clientSortKeys = ['name', 'status', 'region', 'industry'] as const;
export type ClientSortKey = (typeof clientSortKeys)[number];
export const isClientSortKey = (value: unknown): value is ClientSortKey =>
  (clientSortKeys as readonly unknown[]).includes(value);
export type SortKey = FigureKey | ClientSortKey;

export type Sort = { key: SortKey; desc: boolean };
export const sortToParam = (sort: Sort): string => `${sort.desc ? '-' : ''}${sort.key}`;
export function sortFromParam(value: string | null): Sort | null {
  if (!value) return null;
  const desc = value.startsWith('-');
  const key = desc ? value.slice(1) : value;
  return isFigureKey(key) || isClientSortKey(key) ? { key, desc } : null;
}

export function FiguresTable({
  items,
  columns,
  sort,
  onSort,
  canSort,
  from,
  ownerName,
  caption,
  busy,
  dimmed,
  minWidth,
}: {
  items: ClientFiguresItem[];
  columns: ColumnKey[];
  sort?: Sort | undefined;
  onSort?: ((key: SortKey) => void) | undefined;
  canSort?: ((key: SortKey) => boolean) | undefined;
  /** The list's search string, so the card's "back" returns to the same view. */
  from: string;
  ownerName?: ((id: number | null) => string | null) | undefined;
  caption: string;
  busy?: boolean;
  dimmed?: boolean;
  minWidth?: number;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const figureLabel = useFigureLabel();
  const navigate = useNavigate();
  const label = (key: ColumnKey | 'name') => (isFigureKey(key) ? figureLabel(key) : t(`clients.columns.${key}`));
  const sortHeader = (key: SortKey, numeric: boolean) => {
    const active = sort?.key === key;
    return (
      <Table.Th
        key={key}
        ta={numeric ? 'right' : undefined}
        aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}
      >
        <UnstyledButton
          className={classes.sortButton}
          style={{ whiteSpace: 'normal', maxWidth: '11rem', textAlign: numeric ? 'right' : 'left' }}
          onClick={() => onSort?.(key)}
          title={t('clients.sortBy', { column: label(key) })}
          data-testid={`sort-${key}`}
        >
          <span>{label(key)}</span>
          <span aria-hidden className={classes.sortMark} data-active={active || undefined}>
            {active ? (sort.desc ? '▼' : '▲') : '↕'}
          </span>
        </UnstyledButton>
      </Table.Th>
    );
  };
  const sortable = (key: ColumnKey | 'name'): key is SortKey =>
    Boolean(onSort) && (isFigureKey(key) || isClientSortKey(key)) && (canSort?.(key) ?? true);
  const width = minWidth ?? Math.max(720, 240 + columns.length * 140);

  return (
    <WideTable minWidth={width} label={caption}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={caption} aria-busy={busy} data-testid="figures-table">
        <Table.Thead>
          <Table.Tr>
            {sortable('name') ? sortHeader('name', false) : <Table.Th>{label('name')}</Table.Th>}
            {columns.map((key) => {
              const numeric = isFigureKey(key) && isNumericFigure(key);
              if (sortable(key)) return sortHeader(key, numeric);
              return (
                <Table.Th key={key} ta={numeric ? 'right' : undefined} maw="11rem">
                  {label(key)}
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody style={{ opacity: dimmed ? 0.6 : 1 }}>
          {items.map((c) => (
            <Table.Tr
              key={c.clientId}
              className={classes.row}
              onClick={() => navigate(`/clients/${c.clientId}`, { state: { from } })}
            >
              <Table.Td className={classes.nowrap}>
                <Anchor
                  component={Link}
                  to={`/clients/${c.clientId}`}
                  state={{ from }}
                  fw={600}
                  size="sm"
                  onClick={(e) => e.stopPropagation()}
                >
                  {c.name}
                </Anchor>
              </Table.Td>
              {columns.map((key) => {
                if (key === 'status')
                  return (
                    <Table.Td key={key}>
                      <ClientStatusBadge status={c.status} />
                    </Table.Td>
                  );
                if (key === 'region')
                  return (
                    <Table.Td key={key} className={classes.nowrap}>
                      {c.region || NO_VALUE}
                    </Table.Td>
                  );
                if (key === 'industry')
                  return (
                    <Table.Td key={key} className={classes.nowrap}>
                      {c.industry || NO_VALUE}
                    </Table.Td>
                  );
                if (key === 'owner')
                  return (
                    <Table.Td key={key} className={classes.nowrap}>
                      {ownerName?.(c.ownerUserId) || NO_VALUE}
                    </Table.Td>
                  );
                const value = c.figures[key];
                const negative =
                  (key === 'profit' || key === 'margin') && typeof value === 'string' && value.startsWith('-');
                return (
                  <Table.Td key={key} ta={isNumericFigure(key) ? 'right' : undefined}>
                    <Text size="sm" c={negative ? 'red.7' : undefined} style={{ whiteSpace: 'nowrap' }}>
                      {formatFigure(key, value, language)}
                    </Text>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
