/** The session: who is signed in, signing in and out. */
import type { MeT, SignedOutEverywhereT, SignInT } from '../../contract/auth.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api.js';
import { changeLanguage, hasStoredLanguage, isLanguage } from './i18n.js';

export const meKey = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) => api<MeT>('/auth/me', { signal, redirectOn401: false }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignInT) => api<MeT>('/auth/sign-in', { method: 'POST', body, redirectOn401: false }),
    onSuccess: (me) => {
      queryClient.removeQueries();
      queryClient.setQueryData(meKey, me);
      // The account's language applies until the person picks one with the switch.
      if (!hasStoredLanguage() && isLanguage(me.locale)) void changeLanguage(me.locale, { remember: false });
    },
  });
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => api<void>('/auth/sign-out', { method: 'POST', redirectOn401: false }),
  });
}

/** Where to go after signing in: only a path inside this app, never another site. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/sign-in'))
    return '/';
  return next;
}

/**
 * Changes one's own password; the server asks for the current one and ends the other sessions. A
 * temporary password (set by an administrator) is then one's own: /me says so afresh.
 */
export function useChangeOwnPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, ...body }: { userId: number; currentPassword: string; password: string }) =>
      api<unknown>(`/users/${userId}`, { method: 'PATCH', body, redirectOn401: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meKey }),
  });
}

/** Ends every session (this one too), revokes every API token and the calendar feed. */
export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: () => api<SignedOutEverywhereT>('/auth/sign-out-everywhere', { method: 'POST', redirectOn401: false }),
  });
}
