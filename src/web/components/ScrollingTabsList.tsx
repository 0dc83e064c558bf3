/**
 * A tab bar that stays one line high however many tabs it has: the tabs scroll sideways (touchpad,
 * touch, Shift+wheel, the arrow keys between tabs, or the ‹ › buttons that appear on the side with
 * hidden tabs), and the selected tab is always scrolled into view.
 */
import { Tabs, UnstyledButton, type TabsListProps } from '@mantine/core';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './ScrollingTabsList.module.css';
import { useScrollEdges } from './useScrollEdges.js';

export function ScrollingTabsList({ children, className, ...props }: TabsListProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const edges = useScrollEdges(ref);

  // The selected tab in view whenever another one is selected (a page opened on a far tab, a tab
  // chosen from a link), but not on other renders: the person may have scrolled to look at the rest.
  const shown = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const list = ref.current;
    const active = list?.querySelector<HTMLElement>('[role="tab"][data-active]');
    if (!list || !active || active === shown.current) return;
    shown.current = active;
    const margin = 40;
    const left = active.offsetLeft - list.offsetLeft;
    const right = left + active.offsetWidth;
    if (left - margin < list.scrollLeft) list.scrollLeft = Math.max(0, left - margin);
    else if (right + margin > list.scrollLeft + list.clientWidth) list.scrollLeft = right + margin - list.clientWidth;
  });

  const scrollBy = (direction: 1 | -1) => {
    const list = ref.current;
    if (list) list.scrollBy({ left: direction * list.clientWidth * 0.7, behavior: 'smooth' });
  };

  return (
    <div className={classes.frame} data-more-start={edges.start || undefined} data-more-end={edges.end || undefined}>
      <Tabs.List ref={ref} className={`${classes.list} ${className ?? ''}`} {...props}>
        {children}
      </Tabs.List>
      {edges.start ? (
        <UnstyledButton
          className={classes.arrow}
          data-side="start"
          tabIndex={-1}
          aria-label={t('common.scrollTabsBack')}
          onClick={() => scrollBy(-1)}
        >
          ‹
        </UnstyledButton>
      ) : null}
      {edges.end ? (
        <UnstyledButton
          className={classes.arrow}
          data-side="end"
          tabIndex={-1}
          aria-label={t('common.scrollTabsForward')}
          onClick={() => scrollBy(1)}
        >
          ›
        </UnstyledButton>
      ) : null}
    </div>
  );
}
