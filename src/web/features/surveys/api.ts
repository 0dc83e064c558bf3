/** The surveys API (/api/v1/surveys and the public /api/v1/public/surveys): queries and writes. */
import type {
  PublicSurveyAnswerT,
  PublicSurveyAnsweredT,
  PublicSurveyT,
  SurveyLinkClosedProblemT,
  SurveyLinkCreateT,
  SurveyLinkCreatedT,
  SurveyLinkListT,
  SurveyResponseCreateT,
  SurveyResponsePageT,
  SurveyResponseT,
  SurveyTrendsT,
} from '../../../contract/surveys.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.js';

export type { PublicSurveyT, SurveyLinkCreatedT, SurveyResponseT, SurveyTrendsT };
export type SurveyGrain = 'month' | 'quarter' | 'year';

export const surveyKeys = {
  all: ['surveys'] as const,
  responses: (clientId: number, page: number) => ['surveys', 'responses', clientId, page] as const,
  links: (clientId: number) => ['surveys', 'links', clientId] as const,
  trends: (query: Record<string, string | number | undefined>) => ['surveys', 'trends', query] as const,
  public: (token: string) => ['surveys', 'public', token] as const,
};

export const RESPONSES_PAGE_SIZE = 20;

export function useClientSurveys(clientId: number, page: number) {
  return useQuery({
    queryKey: surveyKeys.responses(clientId, page),
    queryFn: ({ signal }) =>
      api<SurveyResponsePageT>('/surveys', { signal, query: { clientId, page, pageSize: RESPONSES_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyTrends(query: { clientId?: number; grain: SurveyGrain; from?: string; to?: string }) {
  return useQuery({
    queryKey: surveyKeys.trends(query),
    queryFn: ({ signal }) => api<SurveyTrendsT>('/surveys/trends', { signal, query }),
    placeholderData: keepPreviousData,
  });
}

export function useSurveyLinks(clientId: number) {
  return useQuery({
    queryKey: surveyKeys.links(clientId),
    queryFn: ({ signal }) => api<SurveyLinkListT>('/surveys/links', { signal, query: { clientId } }),
  });
}

/** Every survey view (responses, links, trends) may change after a write. */
function useRefreshSurveys() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: surveyKeys.all });
}

export function useAddSurvey() {
  const refresh = useRefreshSurveys();
  return useMutation({
    mutationFn: (body: SurveyResponseCreateT) => api<SurveyResponseT>('/surveys', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useDeleteSurvey() {
  const refresh = useRefreshSurveys();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/surveys/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

export function useCreateSurveyLink() {
  const refresh = useRefreshSurveys();
  return useMutation({
    mutationFn: (body: SurveyLinkCreateT) => api<SurveyLinkCreatedT>('/surveys/links', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

export function useRevokeSurveyLink() {
  const refresh = useRefreshSurveys();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/surveys/links/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
}

// ---- the public page: no session, so a 401 (which these routes never send) must not lead to sign-in
export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: surveyKeys.public(token),
    queryFn: ({ signal }) =>
      api<PublicSurveyT>(`/public/surveys/${encodeURIComponent(token)}`, { signal, redirectOn401: false }),
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useAnswerPublicSurvey(token: string) {
  return useMutation({
    mutationFn: (body: PublicSurveyAnswerT) =>
      api<PublicSurveyAnsweredT>(`/public/surveys/${encodeURIComponent(token)}`, {
        method: 'POST',
        body,
        redirectOn401: false,
      }),
  });
}

/** Why a link takes no answer, from the server's 410 (with the link's language), or null for any other failure. */
export function closedLink(error: unknown): { reason: 'answered' | 'expired'; locale: 'ru' | 'en' | null } | null {
  if (!isApiError(error) || error.status !== 410) return null;
  const p = error.problem as Partial<SurveyLinkClosedProblemT> | null;
  return {
    reason: p?.reason === 'answered' ? 'answered' : 'expired',
    locale: p?.locale === 'en' || p?.locale === 'ru' ? p.locale : null,
  };
}
