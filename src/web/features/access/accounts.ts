/** The people of the organisation and their ways in: users (for those who manage them) and API tokens. */
import type {
  ApiTokenCreatedT,
  ApiTokenCreateT,
  ApiTokenT,
  PasswordResetDoneT,
  PasswordResetT,
  SignedOutEverywhereT,
  UserCreatedT,
  UserCreateT,
  UserT,
  UserUpdateT,
} from '../../../contract/auth.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { usersKey } from '../../lib/users.js';

export type { ApiTokenT, UserT };

export const tokenKeys = {
  all: ['api-tokens'] as const,
  list: (scope: 'mine' | 'all') => ['api-tokens', scope] as const,
};

/** After a write of a user: every list of users (pickers, this page) reads again; tokens too (disabling revokes them). */
function useAfterUserWrite() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: usersKey }),
      queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
    ]);
}

export function useAddUser() {
  const after = useAfterUserWrite();
  return useMutation({
    mutationFn: (body: UserCreateT) => api<UserCreatedT>('/users', { method: 'POST', body }),
    onSuccess: after,
  });
}

export function useChangeUser() {
  const after = useAfterUserWrite();
  return useMutation({
    mutationFn: ({ id, ...body }: UserUpdateT & { id: number }) =>
      api<UserT>(`/users/${id}`, { method: 'PATCH', body }),
    onSuccess: after,
  });
}

export function useResetPassword() {
  const after = useAfterUserWrite();
  return useMutation({
    mutationFn: ({ id, ...body }: PasswordResetT & { id: number }) =>
      api<PasswordResetDoneT>(`/users/${id}/password`, { method: 'POST', body }),
    onSuccess: after,
  });
}

export function useSignUserOut() {
  const after = useAfterUserWrite();
  return useMutation({
    mutationFn: (id: number) => api<SignedOutEverywhereT>(`/users/${id}/sign-out-everywhere`, { method: 'POST' }),
    onSuccess: after,
  });
}

export function useApiTokens(scope: 'mine' | 'all') {
  return useQuery({
    queryKey: tokenKeys.list(scope),
    queryFn: ({ signal }) => api<ApiTokenT[]>('/api-tokens', { query: { scope }, signal }),
  });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiTokenCreateT) => api<ApiTokenCreatedT>('/api-tokens', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/api-tokens/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
