/**
 * The one way the web app talks to the API: same origin, JSON, the session cookie, and the CSRF
 * header on every write. Failures become ApiError carrying the RFC 9457 problem when there is one.
 */
import type { ProblemT } from '../../contract/common.js';

export const API_BASE = '/api/v1';

export type FieldProblemT = NonNullable<ProblemT['errors']>[number];

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  readonly problem: ProblemT | null;

  constructor(status: number, problem: ProblemT | null) {
    super(problem?.detail ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
export const isUnauthorized = (error: unknown): boolean => isApiError(error) && error.status === 401;
export const isNotFound = (error: unknown): boolean => isApiError(error) && error.status === 404;

let onUnauthorized: (() => void) | null = null;
/** The app registers what to do when the session is gone (go to the sign-in page). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** false for calls where 401 is an answer, not an expired session (sign-in, the session probe). */
  redirectOn401?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

function isProblem(value: unknown): value is ProblemT {
  return typeof value === 'object' && value !== null && typeof (value as ProblemT).status === 'number' && typeof (value as ProblemT).detail === 'string';
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  // Cookie-authenticated writes must carry this header: a cross-site form cannot set it.
  if (method !== 'GET') headers['x-rapport-csrf'] = '1';
  // No content-type without a body: the server rejects an empty JSON body.
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }

  if (!response.ok) {
    let problem: ProblemT | null = null;
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      const body: unknown = await response.json().catch(() => null);
      if (isProblem(body)) problem = body;
    }
    if (response.status === 401 && options.redirectOn401 !== false) onUnauthorized?.();
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  return (await response.json()) as T;
}
