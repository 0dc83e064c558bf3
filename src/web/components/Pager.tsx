import { Group, Pagination, type MantineSpacing } from '@mantine/core';

/**
 * The pages of a long list, under it: nothing while the list fits on one page. `page` is the page asked
 * for (from the address); one past the end shows the last.
 */
export function Pager({
  total,
  pageSize,
  page,
  onChange,
  justify = 'center',
  mt,
  withEdges = false,
  label,
}: {
  /** How many items the list has in all. */
  total: number;
  pageSize: number;
  page: number;
  onChange: (page: number) => void;
  justify?: 'center' | 'flex-end';
  mt?: MantineSpacing;
  /** Buttons to the first and the last page too. */
  withEdges?: boolean;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <Group justify={justify} mt={mt}>
      <Pagination
        total={pages}
        value={Math.min(page, pages)}
        onChange={onChange}
        aria-label={label}
        withEdges={withEdges}
      />
    </Group>
  );
}
