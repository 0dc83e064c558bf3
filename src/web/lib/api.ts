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
export const isForbidden = (error: unknown): boolean => isApiError(error) && error.status === 403;

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

/** The address of a file export of a list or chart: the same query (without paging) plus format and language. */
export function exportHref(
  path: string,
  query: Record<string, QueryValue>,
  format: 'csv' | 'xlsx',
  lang: string,
): string {
  const { page: _page, pageSize: _pageSize, ...rest } = query;
  return buildUrl(path, { ...rest, format, lang });
}

function isProblem(value: unknown): value is ProblemT {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProblemT).status === 'number' &&
    typeof (value as ProblemT).detail === 'string'
  );
}

const ACCEPT = 'application/json, application/problem+json';
/** The UI language, sent as Accept-Language so the server's problems come in it too. */
let acceptLanguage = '';
export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}
/** Cookie-authenticated writes must carry this header: a cross-site form cannot set it. */
const CSRF_HEADER = ['x-rapport-csrf', '1'] as const;

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: ACCEPT };
  if (acceptLanguage) headers['accept-language'] = acceptLanguage;
  if (method !== 'GET') headers[CSRF_HEADER[0]] = CSRF_HEADER[1];
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

export interface UploadOptions {
  /** Bytes sent so far and the total, as the browser reports them. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * POSTs a file as the raw request body (application/octet-stream), with the session cookie and the
 * CSRF header like every write. XMLHttpRequest rather than fetch, for the upload's progress.
 */
export function apiUpload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.withCredentials = true;
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', ACCEPT);
    if (acceptLanguage) xhr.setRequestHeader('accept-language', acceptLanguage);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader(CSRF_HEADER[0], CSRF_HEADER[1]);
    const onAbort = () => xhr.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.onProgress) {
      const report = options.onProgress;
      xhr.upload.onprogress = (e) => report(e.loaded, e.lengthComputable ? e.total : file.size);
    }
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onload = () => {
      options.signal?.removeEventListener('abort', onAbort);
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      if (xhr.status === 401) onUnauthorized?.();
      reject(new ApiError(xhr.status, isProblem(body) ? body : null));
    };
    xhr.send(file);
  });
}
