import type { ReactNode } from 'react';
import { Pager } from './Pager.js';
import { ErrorAlert, PageLoader } from './QueryStates.js';

/** What PagedTable reads of a query (TanStack's useQuery result fits). */
export interface PageQuery<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * A list that a query fills a page at a time: a loader while it loads, the error with a retry, `empty`
 * when the page has nothing, else the table `children` draws; the pager under it. It renders its parts
 * side by side, so the caller's Stack spaces them.
 */
export function PagedTable<T extends { items: readonly unknown[]; total: number }>({
  query,
  empty,
  loaderHeight = 160,
  pager,
  children,
}: {
  query: PageQuery<T>;
  empty: ReactNode;
  loaderHeight?: number;
  /** The pager's page and how to change it; none for a list shown on one page. */
  pager?: Omit<Parameters<typeof Pager>[0], 'total'>;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <PageLoader minHeight={loaderHeight} />;
  const data = query.data;
  return (
    <>
      {query.isError ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? null : data.items.length === 0 ? (
        empty
      ) : (
        children(data)
      )}
      {data && pager ? <Pager total={data.total} {...pager} /> : null}
    </>
  );
}
