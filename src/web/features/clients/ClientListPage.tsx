import type { ClientListItemT } from '../../../contract/clients.js';
import { Anchor, Badge, Box, Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ClientStatusBadge } from '../../components/StatusBadge.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { isEnumValue } from '../../lib/enums.js';
import { formatDate, formatNumber, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import { PAGE_SIZE, sortFromParam, sortToParam, useClientList, type Sort, type SortField } from './queries.js';
import classes from './clients.module.css';

const DEFAULT_SORT: Sort = { field: 'name', desc: false };
const SEARCH_DEBOUNCE_MS = 350;
const MAX_TAGS = 3;

type ParamChanges = Partial<Record<'q' | 'status' | 'page' | 'sort', string | null>>;

export default function ClientListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const navigate = useNavigate();
  const location = useLocation();
  const statusOptions = useEnumOptions('clientStatus');
  const [params, setParams] = useSearchParams();

  // The URL is the state of the view, so a link to it shows the same page.
  const q = params.get('q') ?? '';
  const statusParam = params.get('status');
  const status = isEnumValue('clientStatus', statusParam) ? statusParam : null;
  const pageParam = Number(params.get('page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const sort = sortFromParam(params.get('sort')) ?? DEFAULT_SORT;

  const update = (changes: ParamChanges, replace = false) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      return next;
    }, { replace });

  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    const value = debouncedSearch.trim();
    if (value !== q) update({ q: value || null, page: null }, true);
    // Only a settled change of the search box writes the URL (q is read, not watched).
  }, [debouncedSearch]);
  useEffect(() => {
    // Back/forward or a shared link changed the URL: show its query in the box.
    setSearch((current) => (current.trim() === q ? current : q));
  }, [q]);

  const list = useClientList({ q, status, page, sort });
  const data = list.data;
  const filtered = q !== '' || status !== null;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || PAGE_SIZE))) : 1;

  const onSort = (field: SortField) => {
    const next: Sort = sort.field === field ? { field, desc: !sort.desc } : { field, desc: field === 'updatedAt' };
    const value = sortToParam(next);
    update({ sort: value === sortToParam(DEFAULT_SORT) ? null : value, page: null });
  };
  const resetFilters = () => {
    setSearch('');
    update({ q: null, status: null, page: null });
  };
  const open = (id: number) => navigate(`/clients/${id}`, { state: { from: location.search } });

  let body: ReactNode;
  if (list.isPending) {
    body = <PageLoader />;
  } else if (list.isError && !data) {
    body = <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  } else if (data && data.items.length === 0) {
    body = data.total > 0 ? (
      <EmptyBlock
        title={t('clients.pageOutOfRange')}
        action={<Button variant="light" onClick={() => update({ page: null })}>{t('clients.firstPage')}</Button>}
      />
    ) : filtered ? (
      <EmptyBlock
        title={t('clients.noResultsTitle')}
        description={t('clients.noResultsDescription')}
        action={<Button variant="light" onClick={resetFilters}>{t('clients.resetFilters')}</Button>}
      />
    ) : (
      <EmptyBlock title={t('clients.emptyTitle')} description={t('clients.emptyDescription')} />
    );
  } else if (data) {
    body = (
      <Table.ScrollContainer minWidth={1000}>
        <Table highlightOnHover verticalSpacing="xs" aria-label={t('clients.tableCaption')} aria-busy={list.isFetching}>
          <Table.Thead>
            <Table.Tr>
              <SortableTh field="name" sort={sort} onSort={onSort}>{t('clients.columns.name')}</SortableTh>
              <Table.Th>{t('clients.columns.legal')}</Table.Th>
              <SortableTh field="status" sort={sort} onSort={onSort}>{t('clients.columns.status')}</SortableTh>
              <SortableTh field="industry" sort={sort} onSort={onSort}>{t('clients.columns.industry')}</SortableTh>
              <SortableTh field="region" sort={sort} onSort={onSort}>{t('clients.columns.region')}</SortableTh>
              <Table.Th>{t('clients.columns.owner')}</Table.Th>
              <Table.Th>{t('clients.columns.tags')}</Table.Th>
              <SortableTh field="updatedAt" sort={sort} onSort={onSort}>{t('clients.columns.updatedAt')}</SortableTh>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
            {data.items.map((client) => (
              <ClientRow key={client.id} client={client} language={language} from={location.search} onOpen={open} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">{t('clients.title')}</Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {data ? t('clients.total', { total: formatNumber(data.total, language) }) : '\u00a0'}
            {list.isFetching && data ? ` · ${t('clients.updating')}` : ''}
          </Text>
        </div>
      </Group>

      <Group align="flex-end" gap="sm" wrap="wrap" role="search">
        <TextInput
          className={classes.search}
          label={t('clients.search')}
          placeholder={t('clients.searchPlaceholder')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') update({ q: search.trim() || null, page: null }, true);
          }}
        />
        <Select
          w={220}
          label={t('clients.status')}
          placeholder={t('clients.allStatuses')}
          data={statusOptions}
          value={status}
          onChange={(value) => update({ status: value, page: null })}
          clearable
          allowDeselect
          comboboxProps={{ withinPortal: true }}
        />
        {filtered ? (
          <Button variant="subtle" onClick={resetFilters}>{t('clients.resetFilters')}</Button>
        ) : null}
      </Group>

      {list.isError && data ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}

      <Paper withBorder radius="md">{body}</Paper>

      {data && totalPages > 1 ? (
        <Group justify="center">
          <Pagination
            total={totalPages}
            value={Math.min(page, totalPages)}
            onChange={(value) => {
              update({ page: value === 1 ? null : String(value) });
              window.scrollTo({ top: 0 });
            }}
            aria-label={t('clients.pagination')}
            withEdges
          />
        </Group>
      ) : null}
    </Stack>
  );
}

function SortableTh({ field, sort, onSort, children }: { field: SortField; sort: Sort; onSort: (f: SortField) => void; children: string }) {
  const { t } = useTranslation();
  const active = sort.field === field;
  return (
    <Table.Th aria-sort={active ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton className={classes.sortButton} onClick={() => onSort(field)} title={t('clients.sortBy', { column: children })}>
        <span>{children}</span>
        <span aria-hidden className={classes.sortMark} data-active={active || undefined}>
          {active ? (sort.desc ? '▼' : '▲') : '↕'}
        </span>
      </UnstyledButton>
    </Table.Th>
  );
}

function ClientRow({ client, language, from, onOpen }: { client: ClientListItemT; language: string; from: string; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const extraTags = client.tags.length - MAX_TAGS;
  return (
    <Table.Tr className={classes.row} onClick={() => onOpen(client.id)}>
      <Table.Td>
        <Anchor component={Link} to={`/clients/${client.id}`} state={{ from }} fw={600} size="sm" onClick={(e) => e.stopPropagation()}>
          {client.name}
        </Anchor>
      </Table.Td>
      <Table.Td>
        {client.legalName || client.inn ? (
          <Box>
            {client.legalName ? <Text size="sm" lineClamp={2}>{client.legalName}</Text> : null}
            {client.inn ? <Text size="xs" c="dimmed">{t('clients.innValue', { value: client.inn })}</Text> : null}
          </Box>
        ) : NO_VALUE}
      </Table.Td>
      <Table.Td><ClientStatusBadge status={client.status} /></Table.Td>
      <Table.Td>{client.industry || NO_VALUE}</Table.Td>
      <Table.Td>{client.region || NO_VALUE}</Table.Td>
      <Table.Td>{client.ownerName || NO_VALUE}</Table.Td>
      <Table.Td>
        {client.tags.length ? (
          <Group gap={4}>
            {client.tags.slice(0, MAX_TAGS).map((tag) => <Badge key={tag} size="xs" variant="default" tt="none">{tag}</Badge>)}
            {extraTags > 0 ? <Badge size="xs" variant="transparent" title={client.tags.slice(MAX_TAGS).join(', ')}>{t('clients.moreTags', { value: extraTags })}</Badge> : null}
          </Group>
        ) : NO_VALUE}
      </Table.Td>
      <Table.Td><Text size="sm" style={{ whiteSpace: 'nowrap' }}>{formatDate(client.updatedAt, language)}</Text></Table.Td>
    </Table.Tr>
  );
}
