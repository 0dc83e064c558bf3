/** The organisation's users: the managers clients belong to, the people claims and tasks go to. */
import type { UserT } from '../../contract/auth.js';
import { useQuery } from '@tanstack/react-query';
import { api } from './api.js';

export function useUsers() {
  return useQuery({
    queryKey: ['users'] as const,
    queryFn: ({ signal }) => api<UserT[]>('/users', { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
