/**
 * The people API: power structure and links, base analysis across the base, personal knowledge (family,
 * useful dates, gifts). Keys live under ['clients', …] and ['analytics', …], so the card's own writes
 * (contacts, interactions) mark them stale too.
 */
import type { ContactT } from '../../../contract/clients.js';
import type {
  BaseAnalysisPageT,
  ContactLinkCreateT,
  FamilyMemberT,
  PersonalKnowledgeT,
  PowerStructureT,
  UsefulDateT,
} from '../../../contract/people.js';
import type { InteractionT } from '../../../contract/sales.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, type QueryValue } from '../../lib/api.js';
import { analyticsKeys, clientKeys } from '../../lib/queryKeys.js';

export const peopleKeys = {
  power: (clientId: number) => ['clients', 'people', clientId] as const,
  personal: (contactId: number) => ['clients', 'personal', contactId] as const,
  companyDates: (clientId: number) => ['clients', 'company-dates', clientId] as const,
  base: (query: Record<string, QueryValue>) => ['analytics', 'people-base', query] as const,
};

export function usePowerStructure(clientId: number) {
  return useQuery({
    queryKey: peopleKeys.power(clientId),
    queryFn: ({ signal }) => api<PowerStructureT>(`/clients/${clientId}/power-structure`, { signal }),
  });
}

/** After a change of the people: the structure, the card (contacts tab) and the lists across the base. */
function refreshPeople(queryClient: QueryClient, clientId: number, contactId?: number): Promise<unknown> {
  void queryClient.invalidateQueries({ queryKey: analyticsKeys.all });
  void queryClient.invalidateQueries({ queryKey: clientKeys.card(clientId) });
  if (contactId !== undefined) void queryClient.invalidateQueries({ queryKey: peopleKeys.personal(contactId) });
  return queryClient.invalidateQueries({ queryKey: peopleKeys.power(clientId) });
}

export function useAddLink(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (link: ContactLinkCreateT) =>
      api<PowerStructureT>(`/clients/${clientId}/contact-links`, { method: 'POST', body: link }),
    onSuccess: (structure) => {
      queryClient.setQueryData(peopleKeys.power(clientId), structure);
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.all });
    },
  });
}

export function useRemoveLink(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (link: ContactLinkCreateT) =>
      api<void>(`/clients/${clientId}/contact-links/${link.fromContactId}/${link.toContactId}/${link.kind}`, {
        method: 'DELETE',
      }),
    onSuccess: () => refreshPeople(queryClient, clientId),
  });
}

export type PersonPatch = Partial<
  Pick<
    ContactT,
    | 'decisionRoles'
    | 'influence'
    | 'attitude'
    | 'isKeyFigure'
    | 'personalTraits'
    | 'professionalTraits'
    | 'hobbies'
    | 'congratulationPreferences'
    | 'giftIdeas'
  >
>;

/** Changes a person's place in the structure or their personal knowledge (the contact's own fields). */
export function useUpdatePerson(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: PersonPatch }) =>
      api<ContactT>(`/contacts/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (contact) => refreshPeople(queryClient, clientId, contact.id),
  });
}

export function usePersonal(contactId: number) {
  return useQuery({
    queryKey: peopleKeys.personal(contactId),
    queryFn: ({ signal }) => api<PersonalKnowledgeT>(`/contacts/${contactId}/personal`, { signal }),
  });
}

/** The client company's own dates (its anniversary…): useful dates without a contact. */
export function useCompanyDates(clientId: number) {
  return useQuery({
    queryKey: peopleKeys.companyDates(clientId),
    queryFn: async ({ signal }) =>
      (
        await api<{ items: UsefulDateT[] }>('/useful-dates', { query: { clientId, pageSize: 200 }, signal })
      ).items.filter((d) => d.contactId === null),
  });
}

type RecordPath = 'family-members' | 'useful-dates' | 'interactions';

/**
 * Create (id null), change or delete a family member, a useful date or a gift. Gifts are interactions:
 * their cost is relationship spend, so the card's purchase facts and the analytics change with them.
 */
export function usePersonalRecord<T>(path: RecordPath, clientId: number, contactId: number | null) {
  const queryClient = useQueryClient();
  const done = () => {
    if (contactId === null) void queryClient.invalidateQueries({ queryKey: peopleKeys.companyDates(clientId) });
    return refreshPeople(queryClient, clientId, contactId ?? undefined);
  };
  const save = useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: Record<string, unknown> }) =>
      id === null ? api<T>(`/${path}`, { method: 'POST', body }) : api<T>(`/${path}/${id}`, { method: 'PATCH', body }),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: (id: number) => api<void>(`/${path}/${id}`, { method: 'DELETE' }),
    onSuccess: done,
  });
  return { save, remove };
}
export type { FamilyMemberT, InteractionT, UsefulDateT };

export type BaseAnalysisFilter = {
  missing?: string | undefined;
  significance?: string | undefined;
  ownerUserId?: number | undefined;
  page: number;
  pageSize: number;
};

export function useBaseAnalysis(filter: BaseAnalysisFilter) {
  const query: Record<string, QueryValue> = { ...filter };
  return useQuery({
    queryKey: peopleKeys.base(query),
    queryFn: ({ signal }) => api<BaseAnalysisPageT>('/people/base-analysis', { query, signal }),
    placeholderData: keepPreviousData,
  });
}
