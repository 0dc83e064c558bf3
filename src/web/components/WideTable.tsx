/**
 * The frame of every table that may be wider than its place: it scrolls inside itself (a visible
 * scrollbar, never cut off and never widening the page), its first column stays pinned while the
 * rest scroll under it, and a shadow on either edge says there is more to that side. Keyboard users
 * reach it with Tab and scroll it with the arrow keys when it overflows.
 */
import { Table } from '@mantine/core';
import { useRef, type ReactNode } from 'react';
import classes from './WideTable.module.css';
import { useScrollEdges } from './useScrollEdges.js';

export function WideTable({
  minWidth,
  pinFirst = true,
  label,
  testId,
  children,
}: {
  /** The width below which the table scrolls rather than squeezing its columns. */
  minWidth: number;
  /** Keep the first column (the name of the row) in view while scrolling; off for a table whose first column is not its name. */
  pinFirst?: boolean;
  /** What the scrolling region is called, when it can be focused to scroll (the table's caption). */
  label?: string | undefined;
  testId?: string | undefined;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const edges = useScrollEdges(ref);
  const scrolls = edges.start || edges.end;
  return (
    <div
      className={classes.frame}
      data-more-start={edges.start || undefined}
      data-more-end={edges.end || undefined}
      data-testid={testId}
    >
      <Table.ScrollContainer
        ref={ref}
        type="native"
        minWidth={minWidth}
        className={classes.scroller}
        data-pin-first={pinFirst || undefined}
        data-wide-table
        {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': label } : {})}
      >
        {children}
      </Table.ScrollContainer>
    </div>
  );
}
