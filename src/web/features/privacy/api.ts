/**
 * The personal data API of the clients' people: consents, the export of everything held on a person,
 * erasure on request. Keys live under ['clients', …], so the card's writes mark them stale too, and an
 * erasure refreshes the whole card (the contact's name, the people tab, the history).
 */
import type {
  ClientConsentStatusesT,
  ConsentCreateT,
  ContactConsentsT,
  ErasureResultT,
} from '../../../contract/privacy.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { can } from '../../../core/access/permissions.js';
import { api, buildUrl } from '../../lib/api.js';

export const privacyKeys = {
  client: (clientId: number) => ['clients', 'privacy', 'client', clientId] as const,
  contact: (contactId: number) => ['clients', 'privacy', 'contact', contactId] as const,
};

export function useClientConsents(clientId: number, enabled = true) {
  return useQuery({
    queryKey: privacyKeys.client(clientId),
    queryFn: ({ signal }) => api<ClientConsentStatusesT>(`/clients/${clientId}/consents`, { signal }),
    enabled,
  });
}

export function useContactConsents(contactId: number) {
  return useQuery({
    queryKey: privacyKeys.contact(contactId),
    queryFn: ({ signal }) => api<ContactConsentsT>(`/contacts/${contactId}/consents`, { signal }),
  });
}

function useConsentChange<V>(clientId: number, contactId: number, call: (v: V) => Promise<ContactConsentsT>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (state) => {
      queryClient.setQueryData(privacyKeys.contact(contactId), state);
      return queryClient.invalidateQueries({ queryKey: privacyKeys.client(clientId) });
    },
  });
}

export const useRecordConsent = (clientId: number, contactId: number) =>
  useConsentChange<ConsentCreateT>(clientId, contactId, (body) =>
    api<ContactConsentsT>(`/contacts/${contactId}/consents`, { method: 'POST', body }),
  );

export const useWithdrawConsent = (clientId: number, contactId: number) =>
  useConsentChange<{ id: number; withdrawnOn: string }>(clientId, contactId, ({ id, withdrawnOn }) =>
    api<ContactConsentsT>(`/consents/${id}`, { method: 'PATCH', body: { withdrawnOn } }),
  );

/** Erasure changes the contact, its links, tasks, notes and the history: everything of the client is read again. */
export function useErase(clientId: number, contactId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<ErasureResultT>(`/contacts/${contactId}/erase`, { method: 'POST', body: { reason } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['clients'] }),
        queryClient.invalidateQueries({ queryKey: ['calendar'] }),
      ]),
  });
}

/** The file address of everything held on a person: a plain link, so the browser downloads it with the session cookie. */
export const personalDataHref = (contactId: number, format: 'json' | 'xlsx', lang: string) =>
  buildUrl(`/contacts/${contactId}/personal-data`, { format, lang: lang === 'en' ? 'en' : 'ru' });

/** What the signed-in role may do with a person's data, as the server decides it (services/privacy). */
export function privacyRights(me: { role: string; userId: number } | undefined, clientOwnerId: number | null) {
  const role = me?.role ?? '';
  const seesAll = can(role, 'seeAllClients') && can(role, 'writeRecords') && can(role, 'seePersonalData');
  return {
    see: can(role, 'seePersonalData'),
    record: can(role, 'seePersonalData') && can(role, 'writeRecords'),
    export:
      seesAll ||
      (can(role, 'writeRecords') && can(role, 'seePersonalData') && me !== undefined && clientOwnerId === me.userId),
    erase: seesAll,
  };
}
