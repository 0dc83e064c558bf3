/** The closed vocabularies of an import job, as stored in `import_jobs` and answered by the API. */

/** How the file was read. */
export const sourceFormats = ['csv', 'xlsx', 'commerceml'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

/** all: one refused row cancels the whole import; valid: the valid rows go in. */
export const importModes = ['all', 'valid'] as const;
export type ImportMode = (typeof importModes)[number];

/** queued → running → done | failed | rejected (all-or-nothing refused the file). */
export const importJobStatuses = ['queued', 'running', 'done', 'failed', 'rejected'] as const;
export type ImportJobStatus = (typeof importJobStatuses)[number];

/** The step a running job is on; `written` once its rows are committed and the analytics follow. */
export const importJobPhases = ['reading', 'writing', 'written', 'analytics'] as const;
export type ImportJobPhase = (typeof importJobPhases)[number];
