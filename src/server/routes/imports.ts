import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParams } from '../../contract/common.js';
import {
  ImportJob,
  InspectRequest,
  Inspection,
  MappingCreate,
  RejectsPage,
  RejectsQuery,
  SavedMapping,
  StartImport,
  TemplateQuery,
  Upload,
} from '../../contract/imports.js';
import { templateHeaders } from '../../core/import/fields.js';
import {
  deleteMapping,
  getImportJob,
  inspectUpload,
  jobError,
  jobOutcome,
  listImportJobs,
  listMappings,
  rejectsOf,
  saveMapping,
  saveUpload,
  startImport,
  type ImportJob as Job,
  type UploadStore,
} from '../../services/import/jobs.js';
import { rejectsSheet } from '../../services/import/report.js';
import type { ImportTuning } from '../../services/import/run-import.js';
import { fileLanguage, noContent, sendSheet, withProblems } from './responses.js';

const jobView = (j: Job) => ({
  id: j.id,
  kind: j.kind,
  fileName: j.fileName,
  format: j.format,
  status: j.status,
  phase: j.phase,
  dryRun: j.dryRun,
  mode: j.mode,
  bytesDone: j.bytesDone,
  bytesTotal: j.bytesTotal,
  rowsRead: j.rowsRead,
  rowsValid: j.rowsValid,
  rowsRejected: j.rowsRejected,
  rowsSkipped: j.rowsSkipped,
  ...jobOutcome(j),
  error: jobError(j),
  startedAt: j.startedAt,
  finishedAt: j.finishedAt,
  createdAt: j.createdAt,
});

/**
 * The import wizard's API: upload the file as it is (octet stream), inspect it (header, guessed
 * kind and mapping, first rows), start the import (dry run or for real, all-or-nothing or valid
 * rows), follow its progress, download the refused rows; saved mappings; empty templates.
 */
export const importRoutes: FastifyPluginAsyncTypebox<{
  store: UploadStore;
  /** Called after an import has written to the organisation's data (the analytics refresh follows it). */
  onImported?: (orgId: number) => void;
  /** How large files are read, from the configuration. */
  tuning?: ImportTuning;
}> = async (app, { store, onImported, tuning }) => {
  const tags = ['import'];
  app.register(async (scope) => {
    // The file arrives as the request body, streamed to disk: no body limit of the JSON routes applies,
    // the store's own size limit does.
    // Every content type, JSON included, is the file's bytes: a parsed body would not be a stream.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    // The content-type parser above hands the handler the request stream as its body.
    scope.post<{ Body: Readable }>(
      '/api/v1/imports/uploads',
      {
        bodyLimit: store.maxBytes,
        schema: {
          tags,
          summary: 'Upload a file to import (CSV, XLSX or CommerceML XML) as the raw request body',
          response: withProblems({ 201: Upload }),
        },
      },
      async (req, reply) => reply.status(201).send(await saveUpload(store, req.actor, req.body)),
    );
  });

  app.post(
    '/api/v1/imports/inspect',
    {
      schema: {
        tags,
        summary: 'Read an upload: format, encoding, header row, guessed kind and column mapping, first rows',
        body: InspectRequest,
        response: withProblems({ 200: Inspection }),
      },
    },
    (req) => {
      const b = req.body;
      return inspectUpload(app.db, store, req.actor, b.uploadId, b.reading ?? {}, b.kind);
    },
  );

  app.post(
    '/api/v1/imports',
    {
      schema: {
        tags,
        summary: 'Start an import of an upload (runs in the background; follow it at /imports/{id})',
        body: StartImport,
        response: withProblems({ 202: ImportJob }),
      },
    },
    async (req, reply) => {
      const { id } = await startImport(app.db, store, req.actor, req.body, (orgId) => onImported?.(orgId), tuning);
      return reply.status(202).send(jobView(await getImportJob(app.db, req.actor, id)));
    },
  );

  app.get(
    '/api/v1/imports',
    {
      schema: {
        tags,
        summary: 'The latest imports of the organisation',
        response: withProblems({ 200: Type.Array(ImportJob) }),
      },
    },
    async (req) => (await listImportJobs(app.db, req.actor)).map(jobView),
  );

  app.get(
    '/api/v1/imports/mappings',
    { schema: { tags, summary: 'Saved column mappings', response: withProblems({ 200: Type.Array(SavedMapping) }) } },
    (req) => listMappings(app.db, req.actor),
  );

  app.post(
    '/api/v1/imports/mappings',
    {
      schema: {
        tags,
        summary: 'Save a column mapping (by header text) to reuse',
        body: MappingCreate,
        response: withProblems({ 201: SavedMapping }),
      },
    },
    async (req, reply) => reply.status(201).send(await saveMapping(app.db, req.actor, req.body)),
  );

  app.delete(
    '/api/v1/imports/mappings/:id',
    {
      schema: {
        tags,
        summary: 'Delete a saved mapping',
        params: IdParams,
        response: withProblems({ 204: Type.Null() }),
      },
    },
    async (req, reply) => {
      await deleteMapping(app.db, req.actor, req.params.id);
      return noContent(reply);
    },
  );

  app.get(
    '/api/v1/imports/template',
    {
      schema: {
        tags,
        summary: 'An empty file with the columns of a kind, headers in the language asked',
        querystring: TemplateQuery,
        response: withProblems({ 200: Type.Unknown() }),
      },
    },
    (req, reply) => {
      const q = req.query;
      const lang = fileLanguage(q);
      return sendSheet(reply, q.format ?? 'xlsx', `rapport-${q.kind}`, {
        name: q.kind,
        headers: templateHeaders(q.kind, lang),
        rows: [],
      });
    },
  );

  app.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: status, progress, counts and outcome',
        params: IdParams,
        response: withProblems({ 200: ImportJob }),
      },
    },
    async (req) => jobView(await getImportJob(app.db, req.actor, req.params.id)),
  );

  app.get(
    '/api/v1/imports/:id/rejects',
    {
      schema: {
        tags,
        summary: 'Refused cells of an import: row, column, value, reason; CSV/XLSX with format=',
        params: IdParams,
        querystring: RejectsQuery,
        response: withProblems({ 200: Type.Union([RejectsPage, Type.Unknown()]) }),
      },
    },
    async (req, reply) => {
      const q = req.query;
      const id = req.params.id;
      if (!q.format) return rejectsOf(app.db, req.actor, id, q.page, q.pageSize);
      const lang = fileLanguage(q);
      const all = await rejectsOf(app.db, req.actor, id, 1, 10_000);
      return sendSheet(reply, q.format, `import-${id}-rejected`, rejectsSheet(all.items, lang));
    },
  );
};
