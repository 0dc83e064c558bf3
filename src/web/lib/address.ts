/**
 * A list page's filters live in the address, so a view can be shared and reloaded. `changes` sets
 * parameters, or removes them when null or empty; changing any filter goes back to the first page.
 */
export function withFilterChanges(current: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
  }
  if (!('page' in changes)) next.delete('page');
  return next;
}
