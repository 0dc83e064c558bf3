import {
  Autocomplete,
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Group,
  Pagination,
  Paper,
  Popover,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { isEnumValue } from '../../lib/enums.js';
import { formatDate, formatDateTime, formatMoney, formatMonth, formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import {
  currentPeriodOnly,
  type FigureKey,
  figureKeys,
  figureKinds,
  type ListFilterKey,
  type ListFilters,
  type ListQuery,
  useFigureLabel,
  useFiguresList,
} from '../../lib/figures.js';
import { useUsers } from '../../lib/users.js';
import {
  baseColumns,
  FiguresTable,
  sortFromParam,
  sortToParam,
  type ColumnKey,
  type Sort,
} from '../../components/FiguresTable.js';
import {
  abcClasses,
  categories,
  ladderStages,
  rfmSegments,
  useSegmentOptions,
  xyzClasses,
} from '../../lib/segments.js';
import { addMonths, isIsoDate, todayIso } from '../../lib/dates.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import classes from './clients.module.css';

const PAGE_SIZE = 50;
const DEFAULT_SORT: Sort = { key: 'profit', desc: true };
const SEARCH_DEBOUNCE_MS = 350;
const COLUMNS_KEY = 'rapport.clients.columns';
const DEFAULT_COLUMNS: ColumnKey[] = [
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
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONEY = /^-?\d{1,13}(\.\d{1,2})?$/;
const SCORE = /^[1-5]$/;
const moneyFilters = ['minRevenue', 'maxRevenue', 'minProfit', 'maxProfit'] as const;

const oneOf = (values: readonly string[]) => (v: string) => values.includes(v);
/** How each URL filter is checked: a value the API would refuse is ignored rather than sent. */
const validators: Record<ListFilterKey, (v: string) => boolean> = {
  q: (v) => v.trim().length > 0 && v.length <= 200,
  status: (v) => isEnumValue('clientStatus', v),
  category: oneOf(categories),
  abcProfit: oneOf(abcClasses),
  abcRevenue: oneOf(abcClasses),
  abcGross: oneOf(abcClasses),
  xyz: oneOf([...xyzClasses, 'none']),
  rfmSegment: oneOf(rfmSegments),
  ladderStage: oneOf(ladderStages),
  ownerUserId: (v) => /^[1-9]\d{0,15}$/.test(v),
  region: (v) => v.trim().length > 0 && v.length <= 300,
  industry: (v) => v.trim().length > 0 && v.length <= 300,
  from: (v) => MONTH.test(v),
  to: (v) => MONTH.test(v),
  minRevenue: (v) => MONEY.test(v),
  maxRevenue: (v) => MONEY.test(v),
  minProfit: (v) => MONEY.test(v),
  maxProfit: (v) => MONEY.test(v),
  rScore: (v) => SCORE.test(v),
  fScore: (v) => SCORE.test(v),
  firstPurchaseFrom: isIsoDate,
  firstPurchaseTo: isIsoDate,
};
const filterKeys = Object.keys(validators) as ListFilterKey[];
const moreFilterKeys: ListFilterKey[] = ['abcRevenue', 'abcGross', 'ownerUserId', 'region', 'industry', 'from', 'to'];

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

/** Regions and industries seen in this session, offered as suggestions (the API filters by exact value). */
const seen = { region: new Set<string>(), industry: new Set<string>() };

type ParamChanges = Partial<Record<ListFilterKey | 'page' | 'sort', string | null>>;

export default function ClientListPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const location = useLocation();
  const figureLabel = useFigureLabel();
  const statusOptions = useEnumOptions('clientStatus');
  const categoryOptions = useSegmentOptions('category');
  const rfmOptions = useSegmentOptions('rfmSegment');
  const ladderOptions = useSegmentOptions('ladderStage');
  const users = useUsers();
  const [params, setParams] = useSearchParams();

  // The URL is the state of the view, so a link from a chart shows the clients behind it.
  const filters: ListFilters = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value !== null && validators[key](value)) filters[key] = key === 'q' ? value.trim() : value;
  }
  const customPeriod = Boolean(filters.from || filters.to);
  const pageParam = Number(params.get('page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const parsedSort = sortFromParam(params.get('sort'));
  const sort = parsedSort && !(customPeriod && currentPeriodOnly.has(parsedSort.key)) ? parsedSort : DEFAULT_SORT;
  const query: ListQuery = { ...filters, sort: sortToParam(sort), page, pageSize: PAGE_SIZE };

  const update = (changes: ParamChanges, replace = false) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === undefined || value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace },
    );
  const setFilter = (key: ListFilterKey, value: string | null) => update({ [key]: value, page: null });

  const q = filters.q ?? '';
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    const value = debouncedSearch.trim();
    if (value !== q) update({ q: value || null, page: null }, true);
    // Only a settled change of the search box writes the URL (q is read, not watched).
  }, [debouncedSearch]);
  useEffect(() => {
    setSearch((current) => (current.trim() === q ? current : q));
  }, [q]);

  const [columns, setColumns] = useState<ColumnKey[]>(readColumns);
  const shownColumns = columns;
  const chooseColumns = (next: ColumnKey[]) => {
    const ordered = allColumns.filter((c) => next.includes(c));
    setColumns(ordered);
    storeColumns(ordered);
  };

  const list = useFiguresList(query);
  const data = list.data;
  useEffect(() => {
    for (const item of data?.items ?? []) {
      if (item.region) seen.region.add(item.region);
      if (item.industry) seen.industry.add(item.industry);
    }
  }, [data]);

  const userNames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);
  const ownerOptions = useMemo(
    () => (users.data ?? []).map((u) => ({ value: String(u.id), label: u.name })),
    [users.data],
  );
  const filtered = filterKeys.some((k) => filters[k] !== undefined);
  // The less used filters fold away, and stay open while one of them is set.
  const moreActive = moreFilterKeys.filter((k) => filters[k] !== undefined).length;
  const [moreOpen, setMoreOpen] = useState(false);
  const showMore = moreOpen || moreActive > 0;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || PAGE_SIZE))) : 1;

  const onSort = (key: FigureKey) => {
    const kind = figureKinds[key];
    const next: Sort = sort.key === key ? { key, desc: !sort.desc } : { key, desc: kind !== 'text' };
    const value = sortToParam(next);
    update({ sort: value === sortToParam(DEFAULT_SORT) ? null : value, page: null });
  };
  const resetFilters = () => {
    setSearch('');
    update({ ...Object.fromEntries(filterKeys.map((k) => [k, null])), page: null });
  };

  // Filters set by a link from a chart, with no field of their own: shown as chips to remove.
  const chips: { key: string; label: string; clear: ParamChanges }[] = moneyFilters
    .filter((k) => filters[k])
    .map((k) => ({
      key: k,
      label: t(`clients.filter.${k}`, { value: formatMoney(filters[k] ?? null, language) }),
      clear: { [k]: null },
    }));
  if (filters.rScore || filters.fScore) {
    const scores = [filters.rScore ? `R = ${filters.rScore}` : null, filters.fScore ? `F = ${filters.fScore}` : null]
      .filter(Boolean)
      .join(', ');
    chips.push({
      key: 'rfScores',
      label: t('clients.filter.rfScores', { value: scores }),
      clear: { rScore: null, fScore: null },
    });
  }
  if (filters.firstPurchaseFrom || filters.firstPurchaseTo) {
    const from = filters.firstPurchaseFrom ? formatDate(filters.firstPurchaseFrom, language) : null;
    const to = filters.firstPurchaseTo ? formatDate(filters.firstPurchaseTo, language) : null;
    const label =
      from && to
        ? t('clients.filter.firstPurchaseRange', { from, to })
        : from
          ? t('clients.filter.firstPurchaseFrom', { value: from })
          : t('clients.filter.firstPurchaseTo', { value: to });
    chips.push({ key: 'firstPurchase', label, clear: { firstPurchaseFrom: null, firstPurchaseTo: null } });
  }

  const exportQuery: Record<string, string | undefined> = { ...filters, sort: sortToParam(sort) };
  const monthOptions = useMemo(() => {
    const current = `${todayIso().slice(0, 7)}-01`;
    return Array.from({ length: 48 }, (_, i) => {
      const m = addMonths(current, -i).slice(0, 7);
      return { value: m, label: formatMonth(m, language) };
    });
  }, [language]);

  let body: ReactNode;
  if (list.isPending) {
    body = <PageLoader />;
  } else if (list.isError && !data) {
    body = <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  } else if (data && data.items.length === 0) {
    body =
      data.total > 0 ? (
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
        <EmptyBlock title={t('clients.emptyTitle')} description={t('clients.emptyDescription')} />
      );
  } else if (data) {
    body = (
      <FiguresTable
        items={data.items}
        columns={shownColumns}
        sort={sort}
        onSort={onSort}
        canSort={(key) => !(customPeriod && currentPeriodOnly.has(key))}
        from={location.search}
        ownerName={(id) => (id === null ? null : (userNames.get(id) ?? null))}
        caption={t('clients.tableCaption')}
        busy={list.isFetching}
        dimmed={list.isPlaceholderData}
      />
    );
  }

  const selectProps = { clearable: true, allowDeselect: true, comboboxProps: { withinPortal: true } } as const;

  return (
    <Stack gap="md">
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
            {list.isFetching && data ? ` · ${t('clients.updating')}` : ''}
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
            columns={shownColumns}
            onChange={chooseColumns}
            label={(c) =>
              c in figureKinds ? figureLabel(c as FigureKey) : t(`clients.columns.${c as (typeof baseColumns)[number]}`)
            }
          />
          <ExportButtons path="/analytics/clients" query={exportQuery} testIdPrefix="export" />
        </Group>
      </Group>

      <Stack gap="xs" role="search" aria-label={t('clients.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
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
            data-testid="filter-q"
          />
          <Select
            w={140}
            label={t('clients.status')}
            placeholder={t('clients.any')}
            data={statusOptions}
            value={filters.status ?? null}
            onChange={(v) => setFilter('status', v)}
            data-testid="filter-status"
            {...selectProps}
          />
          <Select
            w={165}
            label={t('clients.filter.category')}
            placeholder={t('clients.any')}
            data={categoryOptions}
            value={filters.category ?? null}
            onChange={(v) => setFilter('category', v)}
            data-testid="filter-category"
            {...selectProps}
          />
          <Select
            w={120}
            label={t('clients.filter.abcProfit')}
            placeholder={t('clients.any')}
            data={[...abcClasses]}
            value={filters.abcProfit ?? null}
            onChange={(v) => setFilter('abcProfit', v)}
            data-testid="filter-abcProfit"
            {...selectProps}
          />
          <Select
            w={130}
            label={t('clients.filter.xyz')}
            placeholder={t('clients.any')}
            data={[...xyzClasses.map((x) => ({ value: x, label: x })), { value: 'none', label: t('matrix.noClass') }]}
            value={filters.xyz ?? null}
            onChange={(v) => setFilter('xyz', v)}
            data-testid="filter-xyz"
            {...selectProps}
          />
          <Select
            w={180}
            label={t('clients.filter.rfmSegment')}
            placeholder={t('clients.any')}
            data={rfmOptions}
            value={filters.rfmSegment ?? null}
            onChange={(v) => setFilter('rfmSegment', v)}
            data-testid="filter-rfmSegment"
            {...selectProps}
          />
          <Select
            w={180}
            label={t('clients.filter.ladderStage')}
            placeholder={t('clients.any')}
            data={ladderOptions}
            value={filters.ladderStage ?? null}
            onChange={(v) => setFilter('ladderStage', v)}
            data-testid="filter-ladderStage"
            {...selectProps}
          />
        </Group>
        <Group gap="xs">
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setMoreOpen((o) => !o)}
            aria-expanded={showMore}
            aria-controls="more-filters"
            disabled={moreActive > 0}
            data-testid="filters-more"
          >
            {showMore ? t('clients.lessFilters') : t('clients.moreFilters')}
          </Button>
          {filtered ? (
            <Button variant="subtle" size="compact-sm" color="red" onClick={resetFilters} data-testid="filters-reset">
              {t('clients.resetFilters')}
            </Button>
          ) : null}
        </Group>
        {showMore ? (
          <SimpleGrid id="more-filters" cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" verticalSpacing="xs">
            <Select
              label={t('clients.filter.abcRevenue')}
              placeholder={t('clients.any')}
              data={[...abcClasses]}
              value={filters.abcRevenue ?? null}
              onChange={(v) => setFilter('abcRevenue', v)}
              data-testid="filter-abcRevenue"
              {...selectProps}
            />
            <Select
              label={t('clients.filter.abcGross')}
              placeholder={t('clients.any')}
              data={[...abcClasses]}
              value={filters.abcGross ?? null}
              onChange={(v) => setFilter('abcGross', v)}
              data-testid="filter-abcGross"
              {...selectProps}
            />
            {users.isError ? null : (
              <Select
                label={t('clients.filter.owner')}
                placeholder={t('clients.any')}
                data={ownerOptions}
                value={filters.ownerUserId ?? null}
                onChange={(v) => setFilter('ownerUserId', v)}
                searchable
                data-testid="filter-owner"
                {...selectProps}
              />
            )}
            <ExactTextFilter
              label={t('clients.filter.region')}
              value={filters.region ?? ''}
              suggestions={seen.region}
              onCommit={(v) => setFilter('region', v)}
              testId="filter-region"
            />
            <ExactTextFilter
              label={t('clients.filter.industry')}
              value={filters.industry ?? ''}
              suggestions={seen.industry}
              onCommit={(v) => setFilter('industry', v)}
              testId="filter-industry"
            />
            <Select
              label={t('clients.filter.from')}
              placeholder={t('clients.currentPeriod')}
              data={monthOptions}
              value={filters.from ?? null}
              onChange={(v) => setFilter('from', v)}
              data-testid="filter-from"
              {...selectProps}
            />
            <Select
              label={t('clients.filter.to')}
              placeholder={t('clients.currentPeriod')}
              data={monthOptions}
              value={filters.to ?? null}
              onChange={(v) => setFilter('to', v)}
              error={filters.from && filters.to && filters.from > filters.to ? t('ladder.badOrder') : undefined}
              data-testid="filter-to"
              {...selectProps}
            />
          </SimpleGrid>
        ) : null}
        {chips.length > 0 ? (
          <Group gap="xs" data-testid="filter-chips">
            {chips.map((chip) => (
              <Badge
                key={chip.key}
                size="lg"
                variant="light"
                tt="none"
                data-testid={`filter-chip-${chip.key}`}
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label={t('clients.removeFilterNamed', { filter: chip.label })}
                    onClick={() => update({ ...chip.clear, page: null })}
                  />
                }
              >
                {chip.label}
              </Badge>
            ))}
          </Group>
        ) : null}
        {customPeriod ? (
          <Text size="xs" c="dimmed">
            {t('clients.customPeriodNote')}
          </Text>
        ) : null}
      </Stack>

      {list.isError && data ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}

      <Paper withBorder radius="md">
        {body}
      </Paper>

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

/** A text filter the API matches exactly: applied on Enter, on leaving the field, or on a suggestion. */
function ExactTextFilter({
  label,
  value,
  suggestions,
  onCommit,
  testId,
}: {
  label: string;
  value: string;
  suggestions: Set<string>;
  onCommit: (value: string | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = (next: string) => {
    const v = next.trim();
    if (v !== value) onCommit(v || null);
  };
  return (
    <Autocomplete
      label={label}
      placeholder={t('clients.any')}
      data={[...suggestions].sort((a, b) => a.localeCompare(b))}
      value={text}
      onChange={setText}
      onOptionSubmit={commit}
      onBlur={() => commit(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(e.currentTarget.value);
      }}
      limit={20}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
      rightSection={
        value ? (
          <CloseButton
            size="sm"
            aria-label={t('clients.removeFilter')}
            onClick={() => {
              setText('');
              onCommit(null);
            }}
          />
        ) : null
      }
    />
  );
}

/** Which columns the table shows; remembered in this browser. */
function ColumnChooser({
  columns,
  onChange,
  label,
}: {
  columns: ColumnKey[];
  onChange: (next: ColumnKey[]) => void;
  label: (c: ColumnKey) => string;
}) {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" shadow="md" width={340} trapFocus withinPortal>
      <Popover.Target>
        <Button variant="default" size="xs" data-testid="columns-button">
          {t('clients.columnsButton', { value: columns.length })}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {t('clients.columnsTitle')}
            </Text>
            <Button variant="subtle" size="compact-xs" onClick={() => onChange(DEFAULT_COLUMNS)}>
              {t('clients.columnsDefault')}
            </Button>
          </Group>
          <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
            <Checkbox.Group
              value={columns}
              onChange={(v) => onChange(v as ColumnKey[])}
              aria-label={t('clients.columnsTitle')}
            >
              <Stack gap={6}>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                  {t('clients.columnsClient')}
                </Text>
                {baseColumns.map((c) => (
                  <Checkbox key={c} value={c} label={label(c)} size="xs" />
                ))}
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt={4}>
                  {t('clients.columnsFigures')}
                </Text>
                {figureKeys.map((c) => (
                  <Checkbox key={c} value={c} label={label(c)} size="xs" data-testid={`column-${c}`} />
                ))}
              </Stack>
            </Checkbox.Group>
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
