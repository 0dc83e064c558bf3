/** The calendar's data: events of a range, tasks, the lead-time setting and the iCalendar feed. */
import type {
  CalendarEventsT,
  CalendarFeedT,
  CalendarSettingsT,
  CongratulationRunT,
  TaskCreateT,
  TaskPageT,
  TaskT,
  TaskUpdateT,
} from '../../../contract/calendar.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { useLanguage } from '../../lib/i18n.js';
import { can } from '../../../core/access/permissions.js';

export type Scope = 'mine' | 'all';
/** Whose birthdays: key figures' and their families' (congratulations are for them), or everybody's. */
export type People = 'key' | 'all';

export const calendarKeys = {
  all: ['calendar'] as const,
  events: (from: string, to: string, scope: Scope, people: People) =>
    ['calendar', 'events', from, to, scope, people] as const,
  /** The server writes generated titles and notes in the request's language: a new language is a new answer. */
  tasks: (scope: Scope, status: string, language: string) => ['calendar', 'tasks', scope, status, language] as const,
  settings: ['calendar', 'settings'] as const,
  feed: ['calendar', 'feed'] as const,
};

/** Roles that see everyone's tasks (the server's rule, services/calendar/tasks.ts). */
export const seesAllTasks = (role: string | undefined) => role !== undefined && role !== 'manager';
/** Roles that set the lead time and may run the generator. */
export const managesCalendar = (role: string | undefined) => can(role ?? '', 'changeSettings');

export function useCalendarEvents(from: string, to: string, scope: Scope, people: People) {
  return useQuery({
    queryKey: calendarKeys.events(from, to, scope, people),
    queryFn: ({ signal }) => api<CalendarEventsT>('/calendar/events', { signal, query: { from, to, scope, people } }),
    placeholderData: keepPreviousData,
  });
}

export function useTasks(scope: Scope, status: 'open' | 'done' | 'dismissed' = 'open') {
  const language = useLanguage();
  return useQuery({
    queryKey: calendarKeys.tasks(scope, status, language),
    queryFn: ({ signal }) => api<TaskPageT>('/tasks', { signal, query: { scope, status, pageSize: 200 } }),
  });
}

export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TaskUpdateT }) =>
      api<TaskT>(`/tasks/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar', 'tasks'] }),
  });
}

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: TaskCreateT) => api<TaskT>('/tasks', { method: 'POST', body: task }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar', 'tasks'] }),
  });
}

export function useCalendarSettings() {
  return useQuery({
    queryKey: calendarKeys.settings,
    queryFn: ({ signal }) => api<CalendarSettingsT>('/calendar/settings', { signal }),
  });
}

export function useUpdateCalendarSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: CalendarSettingsT) =>
      api<CalendarSettingsT>('/calendar/settings', { method: 'PUT', body: settings }),
    onSuccess: (saved) => queryClient.setQueryData(calendarKeys.settings, saved),
  });
}

export function useRunCongratulations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<CongratulationRunT>('/calendar/congratulation-tasks', { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar', 'tasks'] }),
  });
}

export function useFeedStatus() {
  return useQuery({
    queryKey: calendarKeys.feed,
    queryFn: ({ signal }) => api<CalendarFeedT>('/calendar/feed', { signal }),
  });
}

export function useRotateFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<CalendarFeedT>('/calendar/feed', { method: 'POST' }),
    onSuccess: () => queryClient.setQueryData<CalendarFeedT>(calendarKeys.feed, { active: true }),
  });
}

export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/calendar/feed', { method: 'DELETE' }),
    onSuccess: () => queryClient.setQueryData<CalendarFeedT>(calendarKeys.feed, { active: false }),
  });
}
