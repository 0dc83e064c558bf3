/**
 * The writes that change a client's card, and the clients sharing requisites. The card itself is read
 * with lib/clientCard, the list of clients with lib/figures.
 */
import type { ClientCardT } from '../../../contract/card.js';
import type {
  ClientFieldValuesT,
  ClientT,
  ClientUpdateT,
  ClientWithDetailsCreateT,
  ClientWithDetailsT,
  ContactT,
  DuplicateRequisitesPageT,
  LegalEntityT,
  PossibleDuplicatesT,
} from '../../../contract/clients.js';
import type { ClientOrderPageT, ClientPaymentPageT, InteractionT, OrderT } from '../../../contract/sales.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../lib/api.js';
import { refreshClient } from '../../lib/clientCard.js';
import type { EnumValue } from '../../lib/enums.js';
import { clientKeys } from '../../lib/queryKeys.js';

/** Groups of clients sharing a company's ИНН + КПП, among those the user sees (candidates to merge). */
export function useDuplicateRequisites(page: number, pageSize: number) {
  return useQuery({
    queryKey: clientKeys.duplicates(page, pageSize),
    queryFn: ({ signal }) =>
      api<DuplicateRequisitesPageT>('/clients/duplicate-requisites', { query: { page, pageSize }, signal }),
  });
}

/**
 * Clients that may be the one being entered (GET /clients/possible-duplicates), for what the form has
 * so far: a name of 3 letters or more, a valid ИНН (and КПП). The previous answer stays while the next
 * is asked, so the warning does not blink as the person types.
 */
export function usePossibleDuplicates(query: { name: string; inn: string | null; kpp: string | null }) {
  const enabled = query.name.trim().length >= 3 || query.inn !== null; // as NewClientForm's `asked`
  return useQuery({
    queryKey: [...clientKeys.all, 'possible-duplicates', query] as const,
    queryFn: ({ signal }) =>
      api<PossibleDuplicatesT>('/clients/possible-duplicates', {
        query: { name: query.name.trim(), inn: query.inn, kpp: query.kpp },
        signal,
      }),
    enabled,
    placeholderData: enabled ? keepPreviousData : undefined,
    staleTime: 30_000,
  });
}

/** A new client with its legal entity and first contact, in one request (all or nothing). */
export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClientWithDetailsCreateT) =>
      api<ClientWithDetailsT>('/clients/with-details', { method: 'POST', body }),
    onSuccess: (client) => refreshClient(queryClient, client.id),
  });
}

/**
 * The regions or industries of the clients the user sees, with how many clients have each, the most
 * common first; `q` narrows them on the server (asked for only when the first answer says there are more).
 */
export function useClientFieldValues(field: 'region' | 'industry', q: string, enabled: boolean) {
  return useQuery({
    queryKey: clientKeys.fieldValues(field, q),
    queryFn: ({ signal }) =>
      api<ClientFieldValuesT>('/clients/field-values', { query: { field, q: q || undefined }, signal }),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** What the card's lists of documents and payments ask for: a page, a sort, and optional filters. */
export type DocumentsQuery = Record<string, string | number | undefined>;

/** A page of the client's documents, each with its lines counted and what was paid against it. */
export function useClientOrders(clientId: number, query: DocumentsQuery) {
  return useQuery({
    queryKey: clientKeys.orders(clientId, query),
    queryFn: ({ signal }) => api<ClientOrderPageT>(`/clients/${clientId}/orders`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A page of the client's payments, each with the number of the document it pays. */
export function useClientPayments(clientId: number, query: DocumentsQuery, enabled = true) {
  return useQuery({
    queryKey: clientKeys.payments(clientId, query),
    queryFn: ({ signal }) => api<ClientPaymentPageT>(`/clients/${clientId}/payments`, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One document with its lines (null: none open). */
export function useOrder(id: number | null) {
  return useQuery({
    queryKey: clientKeys.order(id ?? 0),
    queryFn: ({ signal }) => api<OrderT>(`/orders/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useUpdateClient(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ClientUpdateT) => api<ClientT>(`/clients/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (client) => {
      queryClient.setQueryData<ClientCardT>(clientKeys.card(id), (card) => (card ? { ...card, client } : card));
      return refreshClient(queryClient, id);
    },
  });
}

type Editable<T> = Omit<T, 'id' | 'clientId' | 'createdAt' | 'updatedAt' | 'externalId'>;
export type LegalEntityFields = Editable<LegalEntityT>;
export type ContactFields = Editable<ContactT>;

/** Create (id null) or change (only the fields given) a legal entity of the client. */
export function useSaveLegalEntity(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    // allowDuplicateRequisites: the "save anyway" answer to a 409 about another client's requisites.
    mutationFn: ({
      id,
      fields,
    }: {
      id: number | null;
      fields: Partial<LegalEntityFields> & { allowDuplicateRequisites?: boolean };
    }) =>
      id === null
        ? api<LegalEntityT>('/legal-entities', { method: 'POST', body: { clientId, ...fields } })
        : api<LegalEntityT>(`/legal-entities/${id}`, { method: 'PATCH', body: fields }),
    onSuccess: () => refreshClient(queryClient, clientId),
  });
}

/** Create (id null) or change (only the fields given) a contact person of the client. */
export function useSaveContact(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, fields }: { id: number | null; fields: Partial<ContactFields> }) =>
      id === null
        ? api<ContactT>('/contacts', { method: 'POST', body: { clientId, ...fields } })
        : api<ContactT>(`/contacts/${id}`, { method: 'PATCH', body: fields }),
    onSuccess: () => refreshClient(queryClient, clientId),
  });
}

function useDeleteRecord(clientId: number, path: 'legal-entities' | 'contacts') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/${path}/${id}`, { method: 'DELETE' }),
    onSuccess: () => refreshClient(queryClient, clientId),
  });
}

/**
 * Deleting a record of the card after asking: `ask(record)` opens the question, `confirm` deletes and
 * calls `onDeleted`, `close` cancels (and forgets a refusal from the server).
 */
export function useConfirmedDelete<T extends { id: number }>(
  clientId: number,
  path: 'legal-entities' | 'contacts',
  onDeleted: () => void,
) {
  const [deleting, setDeleting] = useState<T | null>(null);
  const remove = useDeleteRecord(clientId, path);
  const close = () => {
    setDeleting(null);
    remove.reset();
  };
  const confirm = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        close();
        onDeleted();
      },
    });
  };
  return { deleting, ask: setDeleting, close, confirm, pending: remove.isPending, error: remove.error };
}

export interface InteractionInput {
  clientId: number;
  contactId: number | null;
  kind: EnumValue<'interactionKind'>;
  occurredAt: string;
  durationMinutes: number;
  moneySpent: string;
  outcome: string | null;
  notes: string | null;
}

export function useAddInteraction(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InteractionInput) => api<InteractionT>('/interactions', { method: 'POST', body }),
    // The server keeps the client's figures in step with the write: fetch them again with the card.
    onSuccess: () => refreshClient(queryClient, clientId),
  });
}
