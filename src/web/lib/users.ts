/** The organisation's users: the managers clients belong to, the people claims and tasks go to. */
import type { UserT } from '../../contract/auth.js';
import { useQuery } from '@tanstack/react-query';
import { api } from './api.js';

/** Every read of the users; a change of a user (name, role, disabled) invalidates it. */
export const usersKey = ['users'] as const;

export function useUsers(options: { fresh?: boolean } = {}) {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => api<UserT[]>('/users', { signal }),
    // The users page reads them afresh; pickers elsewhere may use a list five minutes old.
    staleTime: options.fresh ? 0 : 5 * 60_000,
    retry: false,
  });
}
