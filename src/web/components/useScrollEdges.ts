import { useEffect, useState, type RefObject } from 'react';

export type ScrollEdges = {
  /** Content is hidden to the left (scrolled away). */
  start: boolean;
  /** Content is hidden to the right. */
  end: boolean;
};

/**
 * Whether a horizontally scrolling element has more to show on either side; kept up to date as it
 * scrolls and as it or its content changes size (a page of rows loads, a column is added).
 */
export function useScrollEdges(ref: RefObject<HTMLElement | null>): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>({ start: false, end: false });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const start = element.scrollLeft > 1;
      const end = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setEdges((prev) => (prev.start === start && prev.end === end ? prev : { start, end }));
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    for (const child of element.children) resize.observe(child);
    // Rows and columns come and go without the element's own size changing.
    const mutations = new MutationObserver(measure);
    mutations.observe(element, { childList: true, subtree: true });
    return () => {
      element.removeEventListener('scroll', measure);
      resize.disconnect();
      mutations.disconnect();
    };
  }, [ref]);
  return edges;
}
