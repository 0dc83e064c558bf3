/** The clients with their figures: filtered, sorted and paged through the address, any set of columns. */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ExportButtons } from '../../components/ExportButtons.js';
import {
  baseColumns,
  FiguresTable,
  sortToParam,
  type ColumnKey,
  type Sort,
  type SortKey,
} from '../../components/FiguresTable.js';
import { Pager } from '../../components/Pager.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import {
  currentPeriodOnly,
  figureKinds,
  isFigureKey,
  useFigureLabel,
  useFiguresList,
  type FigureKey,
  type FiguresPageT,
} from '../../lib/figures.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { canWrite } from '../../lib/enums.js';
import { useLanguage } from '../../lib/i18n.js';
import { openNewClient } from '../../lib/newClient.js';
import { useMe } from '../../lib/session.js';
import { useUsers } from '../../lib/users.js';
import { ClientListFilters } from './ClientListFilters.js';
import { ColumnChooser } from './ColumnChooser.js';
import { DEFAULT_SORT, PAGE_SIZE, useClientListAddress, type ClientListAddress } from './listAddress.js';
import { useListColumns } from './listColumns.js';

export default function ClientListPage() {
  const address = useClientListAddress();
  const { filters, sort, page, update } = address;
  const [columns, chooseColumns] = useListColumns();
  const list = useFiguresList(address.query);
  const data = list.data;
  const { t } = useTranslation();

  return (
    <Stack gap="md">
      <ClientListHeader
        data={data}
        fetching={list.isFetching}
        columns={columns}
        onColumns={chooseColumns}
        exportQuery={{ ...filters, sort: sortToParam(sort) }}
      />
      <ClientListFilters address={address} />

      {list.isError && data ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}

      <Paper withBorder radius="md">
        <ClientListBody list={list} address={address} columns={columns} />
      </Paper>

      {data ? (
        <Pager
          total={data.total}
          pageSize={data.pageSize || PAGE_SIZE}
          page={page}
          onChange={(value) => {
            update({ page: value === 1 ? null : String(value) });
            window.scrollTo({ top: 0 });
          }}
          label={t('clients.pagination')}
          withEdges
        />
      ) : null}
    </Stack>
  );
}

/** The title with the count, period and when the classes were computed; the duplicates, columns and exports. */
function ClientListHeader({
  data,
  fetching,
  columns,
  onColumns,
  exportQuery,
}: {
  data: FiguresPageT | undefined;
  fetching: boolean;
  columns: ColumnKey[];
  onColumns: (next: ColumnKey[]) => void;
  exportQuery: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const figureLabel = useFigureLabel();
  const writable = canWrite(useMe().data?.role);
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <div>
        <Title order={1} size="h2">
          {t('clients.title')}
        </Title>
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="clients-total">
          {data ? t('clients.total', { total: formatNumber(data.total, language) }) : '\u00a0'}
          {data
            ? ` · ${t('clients.periodOf', { from: formatDate(data.period.from, language), to: formatDate(data.period.to, language) })}`
            : ''}
          {data?.classesComputedAt
            ? ` · ${t('clients.classesAt', { value: formatDateTime(data.classesComputedAt, language) })}`
            : ''}
          {fetching && data ? ` · ${t('clients.updating')}` : ''}
        </Text>
      </div>
      <Group gap="xs" wrap="wrap">
        <Button
          component={Link}
          to="/clients/duplicates"
          variant="subtle"
          size="sm"
          data-testid="clients-duplicates-link"
        >
          {t('duplicates.link')}
        </Button>
        <ColumnChooser
          columns={columns}
          onChange={onColumns}
          label={(c) =>
            c in figureKinds ? figureLabel(c as FigureKey) : t(`clients.columns.${c as (typeof baseColumns)[number]}`)
          }
        />
        <ExportButtons path="/analytics/clients" query={exportQuery} testIdPrefix="export" />
        {writable ? (
          <Button size="sm" leftSection={<span aria-hidden>+</span>} onClick={openNewClient} data-testid="clients-new">
            {t('newClient.open')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}

/** The table, or what stands in its place: loading, the error, a page past the end, no clients. */
function ClientListBody({
  list,
  address,
  columns,
}: {
  list: ReturnType<typeof useFiguresList>;
  address: ClientListAddress;
  columns: ColumnKey[];
}): ReactNode {
  const { t } = useTranslation();
  const location = useLocation();
  const users = useUsers();
  const me = useMe();
  const { sort, customPeriod, filtered, update, resetFilters } = address;
  const data = list.data;
  const userNames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);

  const onSort = (key: SortKey) => {
    // Figures start from the largest; names, statuses, regions and industries from A.
    const numeric = isFigureKey(key) && figureKinds[key] !== 'text';
    const next: Sort = sort.key === key ? { key, desc: !sort.desc } : { key, desc: numeric };
    const value = sortToParam(next);
    update({ sort: value === sortToParam(DEFAULT_SORT) ? null : value, page: null });
  };

  if (list.isPending) return <PageLoader />;
  if (list.isError && !data) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  if (!data) return null;
  if (data.items.length === 0) {
    return data.total > 0 ? (
      <EmptyBlock
        title={t('clients.pageOutOfRange')}
        action={
          <Button variant="light" onClick={() => update({ page: null })}>
            {t('clients.firstPage')}
          </Button>
        }
      />
    ) : filtered ? (
      <EmptyBlock
        title={t('clients.noResultsTitle')}
        description={t('clients.noResultsDescription')}
        action={
          <Button variant="light" onClick={resetFilters}>
            {t('clients.resetFilters')}
          </Button>
        }
      />
    ) : (
      <EmptyBlock
        title={t('clients.emptyTitle')}
        description={t('clients.emptyDescription')}
        action={
          canWrite(me.data?.role) ? (
            <Button variant="light" onClick={openNewClient}>
              {t('newClient.open')}
            </Button>
          ) : undefined
        }
      />
    );
  }
  return (
    <FiguresTable
      items={data.items}
      columns={columns}
      sort={sort}
      onSort={onSort}
      canSort={(key) => !(customPeriod && isFigureKey(key) && currentPeriodOnly.has(key))}
      from={location.search}
      ownerName={(id) => (id === null ? null : (userNames.get(id) ?? null))}
      caption={t('clients.tableCaption')}
      busy={list.isFetching}
      dimmed={list.isPlaceholderData}
    />
  );
}
