/**
 * Whether the "new client" form is open: a tiny store, so the header's global action and the client
 * list's button open the one form the app shell renders (features do not import each other).
 */
import { useSyncExternalStore } from 'react';

let opened = false;
const listeners = new Set<() => void>();

function set(next: boolean): void {
  if (opened === next) return;
  opened = next;
  for (const listener of listeners) listener();
}

export const openNewClient = (): void => set(true);
export const closeNewClient = (): void => set(false);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useNewClientOpen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => opened,
    () => false,
  );
}
