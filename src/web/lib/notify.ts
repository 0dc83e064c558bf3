/**
 * Short confirmations after a write ("Changes saved"): a tiny store the <Notifications /> host
 * renders. Each note goes away by itself after a few seconds or when closed.
 */
import { useSyncExternalStore } from 'react';

export type Note = { id: number; message: string; tone: 'success' | 'error' };

const SHOWN_MS = 4_000;
const MAX_SHOWN = 3;
let notes: readonly Note[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function set(next: readonly Note[]): void {
  notes = next;
  for (const listener of listeners) listener();
}

export function dismiss(id: number): void {
  set(notes.filter((n) => n.id !== id));
}

export function notify(message: string, tone: Note['tone'] = 'success'): void {
  const id = nextId++;
  set([...notes, { id, message, tone }].slice(-MAX_SHOWN));
  setTimeout(() => dismiss(id), SHOWN_MS);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function useNotes(): readonly Note[] {
  return useSyncExternalStore(
    subscribe,
    () => notes,
    () => notes,
  );
}
