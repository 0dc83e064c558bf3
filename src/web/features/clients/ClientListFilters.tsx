/**
 * The client list's filters: the search box and the common filters in a row, the less used ones folded
 * away, and chips for filters set by a link from a chart that have no field of their own.
 */
import { Badge, Button, CloseButton, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addMonths, todayIso } from '../../lib/dates.js';
import { formatDate, formatMoney, formatMonth, formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import { abcClasses, useSegmentOptions, xyzClasses } from '../../lib/segments.js';
import { useUsers } from '../../lib/users.js';
import classes from './clients.module.css';
import { moreFilterKeys, type ClientListAddress, type ParamChanges } from './listAddress.js';
import { useClientFieldValues } from './queries.js';

const moneyFilters = ['minRevenue', 'maxRevenue', 'minProfit', 'maxProfit'] as const;

const selectProps = { clearable: true, allowDeselect: true, comboboxProps: { withinPortal: true } } as const;

export function ClientListFilters({ address }: { address: ClientListAddress }) {
  const { t } = useTranslation();
  const statusOptions = useEnumOptions('clientStatus');
  const categoryOptions = useSegmentOptions('category');
  const rfmOptions = useSegmentOptions('rfmSegment');
  const ladderOptions = useSegmentOptions('ladderStage');
  const { filters, filtered, customPeriod, update, setFilter, resetFilters, search, setSearch } = address;
  // The less used filters fold away, and stay open while one of them is set.
  const moreActive = moreFilterKeys.filter((k) => filters[k] !== undefined).length;
  const [moreOpen, setMoreOpen] = useState(false);
  const showMore = moreOpen || moreActive > 0;

  return (
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
        <OwnerFilter address={address} />
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
      {showMore ? <MoreFilters address={address} /> : null}
      <FilterChips address={address} />
      {customPeriod ? (
        <Text size="xs" c="dimmed">
          {t('clients.customPeriodNote')}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The manager the clients belong to, or none: a searchable list of the organisation's users. */
function OwnerFilter({ address }: { address: ClientListAddress }) {
  const { t } = useTranslation();
  const users = useUsers();
  const { filters, setFilter } = address;
  const options = useMemo(
    () => [
      { value: 'none', label: t('clients.filter.noOwner') },
      ...(users.data ?? [])
        .map((u) => ({ value: String(u.id), label: u.name }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    ],
    [users.data, t],
  );
  if (users.isError) return null;
  return (
    <Select
      w={200}
      label={t('clients.filter.owner')}
      placeholder={t('clients.any')}
      data={options}
      value={filters.ownerUserId ?? null}
      onChange={(v) => setFilter('ownerUserId', v)}
      searchable
      nothingFoundMessage={t('clients.filter.nothingFound')}
      data-testid="filter-owner"
      {...selectProps}
    />
  );
}

/** The less used filters: the other ABC classes, region, industry and a period of months. */
function MoreFilters({ address }: { address: ClientListAddress }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { filters, setFilter } = address;
  const monthOptions = useMemo(() => {
    const current = `${todayIso().slice(0, 7)}-01`;
    return Array.from({ length: 48 }, (_, i) => {
      const m = addMonths(current, -i).slice(0, 7);
      return { value: m, label: formatMonth(m, language) };
    });
  }, [language]);

  return (
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
      <ValueFilter
        field="region"
        label={t('clients.filter.region')}
        value={filters.region ?? null}
        onChange={(v) => setFilter('region', v)}
      />
      <ValueFilter
        field="industry"
        label={t('clients.filter.industry')}
        value={filters.industry ?? null}
        onChange={(v) => setFilter('industry', v)}
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
  );
}

/** Filters set by a link from a chart, with no field of their own: shown as chips to remove. */
function FilterChips({ address }: { address: ClientListAddress }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { filters, update } = address;
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

  if (chips.length === 0) return null;
  return (
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
  );
}

/**
 * A region or industry to filter by, chosen among those the user's clients have (with how many clients
 * have each), searchable as one types. When the organisation has more values than the first answer
 * holds, the typed text narrows them on the server too.
 */
function ValueFilter({
  field,
  label,
  value,
  onChange,
}: {
  field: 'region' | 'industry';
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [search, setSearch] = useState('');
  const [typed] = useDebouncedValue(search.trim(), 300);
  const all = useClientFieldValues(field, '', true);
  const narrowed = useClientFieldValues(field, typed, Boolean(all.data?.more) && typed !== '' && typed !== value);
  const values = (narrowed.data && typed !== '' && all.data?.more ? narrowed.data : all.data)?.values ?? [];
  const counts = new Map(values.map((v) => [v.value, v.clients]));
  const options = values.map((v) => v.value).sort((a, b) => a.localeCompare(b, language));
  // A value set by a link (from a chart) stays shown even when it is not among those listed.
  if (value !== null && !counts.has(value)) options.unshift(value);
  return (
    <Select
      label={label}
      placeholder={t('clients.any')}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      onSearchChange={setSearch}
      nothingFoundMessage={all.isPending ? t('common.loading') : t('clients.filter.nothingFound')}
      limit={200}
      maxDropdownHeight={320}
      renderOption={({ option }) => (
        <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
          <span>{option.value}</span>
          {counts.has(option.value) ? (
            <Text span size="xs" c="dimmed">
              {formatNumber(counts.get(option.value)!, language)}
            </Text>
          ) : null}
        </Group>
      )}
      data-testid={`filter-${field}`}
      {...selectProps}
      comboboxProps={{ withinPortal: true, width: 320, position: 'bottom-start' }}
    />
  );
}
