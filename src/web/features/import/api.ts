/**
 * The import API (/api/v1/imports): upload a file, inspect it, start an import and follow it,
 * its refused cells, saved mappings and empty templates. Types from the contract.
 */
import type {
  ImportJobT,
  InspectionT as ContractInspectionT,
  InspectRequestT as ContractInspectRequestT,
  MappingCreateT as ContractMappingCreateT,
  RejectsPageT,
  SavedMappingT,
  StartImportT as ContractStartImportT,
  UploadT,
} from '../../../contract/imports.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload, buildUrl } from '../../lib/api.js';
import type { Language } from '../../lib/i18n.js';
import { isRunning, type ImportKind } from './model.js';

export type { ImportJobT, RejectsPageT, SavedMappingT, UploadT };

/**
 * The contract's `kind` is a union built by mapping over `importKinds`, which its static type cannot
 * follow (it comes out as `never`): here it is the core's ImportKind.
 */
type WithKind<T, Optional extends boolean = false> = Omit<T, 'kind'> &
  (Optional extends true ? { kind?: ImportKind } : { kind: ImportKind });
export type InspectionT = WithKind<ContractInspectionT>;
export type InspectRequestT = WithKind<ContractInspectRequestT, true>;
export type StartImportT = WithKind<ContractStartImportT>;
export type MappingCreateT = WithKind<ContractMappingCreateT>;

/** How often a running import is asked for its progress. */
export const POLL_MS = 700;
/** The history asks less often, and only while one of its imports runs. */
const HISTORY_POLL_MS = 2_000;

export const importKeys = {
  all: ['imports'] as const,
  jobs: ['imports', 'jobs'] as const,
  job: (id: number) => ['imports', 'job', id] as const,
  rejects: (id: number, page: number, pageSize: number) => ['imports', 'rejects', id, page, pageSize] as const,
  mappings: ['imports', 'mappings'] as const,
};

/** The file as the raw body of POST /imports/uploads; `onProgress` gets bytes sent and the total. */
export function uploadImportFile(
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<UploadT> {
  return apiUpload<UploadT>('/imports/uploads', file, { onProgress, ...(signal ? { signal } : {}) });
}

export function useInspect() {
  return useMutation({
    mutationFn: (body: InspectRequestT) => api<InspectionT>('/imports/inspect', { method: 'POST', body }),
  });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartImportT) => api<ImportJobT>('/imports', { method: 'POST', body }),
    onSuccess: (job) => {
      queryClient.setQueryData(importKeys.job(job.id), job);
      void queryClient.invalidateQueries({ queryKey: importKeys.jobs });
    },
  });
}

export function useImportJobs() {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: importKeys.jobs,
    queryFn: async ({ signal }) => {
      const jobs = await api<ImportJobT[]>('/imports', { signal });
      // An import seen finished here is finished wherever it is shown, without waiting for its own poll.
      for (const job of jobs) {
        const shown = queryClient.getQueryData<ImportJobT>(importKeys.job(job.id));
        if (shown && isRunning(shown) && !isRunning(job)) queryClient.setQueryData(importKeys.job(job.id), job);
      }
      return jobs;
    },
    refetchInterval: (query) => (query.state.data?.some((j) => isRunning(j)) ? HISTORY_POLL_MS : false),
  });
}

/** One import; asked again every POLL_MS while it runs. */
export function useImportJob(id: number | null) {
  return useQuery({
    queryKey: importKeys.job(id ?? 0),
    queryFn: ({ signal }) => api<ImportJobT>(`/imports/${id}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => (isRunning(query.state.data) ? POLL_MS : false),
    refetchIntervalInBackground: true,
    // A finished import does not change; a running one is always asked again.
    staleTime: (query) => (isRunning(query.state.data) ? 0 : Infinity),
  });
}

export function useRejects(id: number, page: number, pageSize: number, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.rejects(id, page, pageSize),
    queryFn: ({ signal }) => api<RejectsPageT>(`/imports/${id}/rejects`, { signal, query: { page, pageSize } }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

export function useSavedMappings(enabled: boolean) {
  return useQuery({
    queryKey: importKeys.mappings,
    queryFn: ({ signal }) => api<SavedMappingT[]>('/imports/mappings', { signal }),
    enabled,
  });
}

export function useSaveMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MappingCreateT) => api<SavedMappingT>('/imports/mappings', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.mappings }),
  });
}

export function useDeleteMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/imports/mappings/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.mappings }),
  });
}

/** An empty file with the kind's columns, headers in the interface language. */
export const templateHref = (kind: ImportKind, format: 'csv' | 'xlsx', lang: Language): string =>
  buildUrl('/imports/template', { kind, format, lang });

/** The refused cells of an import as a file, in the interface language. */
export const rejectsHref = (id: number, format: 'csv' | 'xlsx', lang: Language): string =>
  buildUrl(`/imports/${id}/rejects`, { format, lang });
