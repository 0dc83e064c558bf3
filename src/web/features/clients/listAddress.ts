/**
 * The client list's state, kept in the address so a link from a chart shows the clients behind it:
 * the filters (each checked, a value the API would refuse is left out), the sort and the page, and the
 * search box that writes `q` once typing settles.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { sortFromParam, sortToParam, type Sort } from '../../components/FiguresTable.js';
import { isIsoDate } from '../../lib/dates.js';
import { isEnumValue } from '../../lib/enums.js';
import {
  currentPeriodOnly,
  isFigureKey,
  type ListFilterKey,
  type ListFilters,
  type ListQuery,
} from '../../lib/figures.js';
import { abcClasses, categories, ladderStages, rfmSegments, xyzClasses } from '../../lib/segments.js';

export const PAGE_SIZE = 50;
export const DEFAULT_SORT: Sort = { key: 'profit', desc: true };
const SEARCH_DEBOUNCE_MS = 350;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONEY = /^-?\d{1,13}(\.\d{1,2})?$/;
const SCORE = /^[1-5]$/;

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
  // A user's id, or 'none': the clients nobody owns.
  ownerUserId: (v) => /^[1-9]\d{0,15}$/.test(v) || v === 'none',
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
/** The less used filters, folded away unless one of them is set. */
export const moreFilterKeys: ListFilterKey[] = ['abcRevenue', 'abcGross', 'region', 'industry', 'from', 'to'];

export type ParamChanges = Partial<Record<ListFilterKey | 'page' | 'sort', string | null>>;

export function useClientListAddress() {
  const [params, setParams] = useSearchParams();

  const filters: ListFilters = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value !== null && validators[key](value)) filters[key] = key === 'q' ? value.trim() : value;
  }
  const customPeriod = Boolean(filters.from || filters.to);
  const pageParam = Number(params.get('page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const parsedSort = sortFromParam(params.get('sort'));
  const sort =
    parsedSort && !(customPeriod && isFigureKey(parsedSort.key) && currentPeriodOnly.has(parsedSort.key))
      ? parsedSort
      : DEFAULT_SORT;
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

  const resetFilters = () => {
    setSearch('');
    update({ ...Object.fromEntries(filterKeys.map((k) => [k, null])), page: null });
  };

  return {
    filters,
    /** A period other than the organisation's current one: figures of the current period only are empty. */
    customPeriod,
    filtered: filterKeys.some((k) => filters[k] !== undefined),
    page,
    sort,
    query,
    update,
    setFilter,
    resetFilters,
    search,
    setSearch,
  };
}

export type ClientListAddress = ReturnType<typeof useClientListAddress>;
