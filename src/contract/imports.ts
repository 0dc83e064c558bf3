import { Type, type Static } from 'typebox';
import { importKinds } from '../core/import/fields.js';
import { importJobPhases, importJobStatuses, importModes, sourceFormats } from '../core/import/jobs.js';
import { Id, IsoDateTime, Nullable, ShortText } from './common.js';

export const ImportKindSchema = Type.Enum(importKinds, { description: 'What the file holds' });
const UploadId = Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The id the upload answered' });
const FieldKey = Type.String({ maxLength: 40, pattern: '^[A-Za-z]+$' });

export const Reading = Type.Object(
  {
    headerRow: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: 'Row of the headers; found by itself when not given' }),
    ),
    encoding: Type.Optional(
      Type.Union([Type.Literal('utf-8'), Type.Literal('windows-1251'), Type.Literal('utf-16le')], {
        description: 'CSV only; sniffed when not given',
      }),
    ),
    delimiter: Type.Optional(
      Type.Union([Type.Literal(';'), Type.Literal(','), Type.Literal('\t'), Type.Literal('|')], {
        description: 'CSV only; sniffed when not given',
      }),
    ),
    sheet: Type.Optional(ShortText),
  },
  { additionalProperties: false },
);
export type ReadingT = Static<typeof Reading>;

export const Mapping = Type.Array(Nullable(FieldKey), {
  maxItems: 500,
  description: 'For each column of the file, the field it fills (null: not imported)',
});

export const Upload = Type.Object({ uploadId: UploadId, size: Type.Integer() });
export type UploadT = Static<typeof Upload>;

export const InspectRequest = Type.Object(
  {
    uploadId: UploadId,
    kind: Type.Optional(ImportKindSchema),
    reading: Type.Optional(Reading),
  },
  { additionalProperties: false },
);
export type InspectRequestT = Static<typeof InspectRequest>;

export const SavedMapping = Type.Object({
  id: Id,
  name: Type.String(),
  kind: Type.String(),
  columns: Type.Record(Type.String(), Type.String()),
});
export type SavedMappingT = Static<typeof SavedMapping>;

export const Inspection = Type.Object({
  format: Type.String(),
  details: Type.Record(Type.String(), Type.String()),
  headerRow: Type.Integer(),
  headers: Type.Array(Type.String()),
  kind: ImportKindSchema,
  mapping: Mapping,
  missing: Type.Array(Type.String({ description: 'Required fields no column fills yet' })),
  sample: Type.Array(Type.Object({ rowNo: Type.Integer(), cells: Type.Array(Type.String()) })),
  savedMappings: Type.Array(SavedMapping),
});
export type InspectionT = Static<typeof Inspection>;

export const StartImport = Type.Object(
  {
    uploadId: UploadId,
    fileName: Type.String({ minLength: 1, maxLength: 300 }),
    kind: ImportKindSchema,
    mapping: Type.Optional(Mapping),
    reading: Type.Optional(Reading),
    dryRun: Type.Optional(Type.Boolean({ description: 'Check everything and write nothing' })),
    mode: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Literal('valid')], {
        description: 'all: a refused row cancels the import (default); valid: the valid rows go in',
      }),
    ),
  },
  { additionalProperties: false },
);
export type StartImportT = Static<typeof StartImport>;

const Bilingual = Type.Object({ ru: Type.String(), en: Type.String() });
/** The message's code in the message catalogue and its parameters (absent for what was stored before message codes). */
const MessageCodeFields = {
  code: Type.Optional(Type.String({ description: 'The message code in the message catalogue' })),
  params: Type.Optional(
    Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
      description: 'The values the message template puts in place of its {{name}} placeholders',
    }),
  ),
};

export const ImportWarning = Type.Object(
  {
    reason: Type.Union([Type.Literal('repeated_lines'), Type.Literal('unknown_cost'), Type.Literal('catalogue_cost')], {
      description:
        "repeated_lines: sales lines equal cell for cell to another line of their document, imported as lines of their own; unknown_cost: sales lines with no cost in the file or the catalogue (their margin and profit stay unknown); catalogue_cost: lines that took the product's purchase price from the catalogue",
    }),
    count: Type.Integer({ description: 'How many rows it concerns' }),
    rows: Type.Array(
      Type.Object({ rowNo: Type.Integer(), first: Type.Integer({ description: 'The earlier row it repeats' }) }),
      { description: 'The first rows concerned (empty for the cost warnings)' },
    ),
    message: Bilingual,
    ...MessageCodeFields,
  },
  { description: 'Something to look at that refused no row' },
);
export type ImportWarningT = Static<typeof ImportWarning>;

export const ImportJob = Type.Object({
  id: Id,
  kind: Type.String(),
  fileName: Type.String(),
  format: Type.Enum(sourceFormats),
  status: Type.Enum(importJobStatuses, {
    description: 'queued | running | done | rejected (all-or-nothing refused the file) | failed',
  }),
  phase: Nullable(
    Type.Enum(importJobPhases, {
      description: 'reading | writing | written (rows committed) | analytics while running',
    }),
  ),
  dryRun: Type.Boolean(),
  mode: Type.Enum(importModes),
  bytesDone: Type.Integer(),
  bytesTotal: Type.Integer(),
  rowsRead: Type.Integer(),
  rowsValid: Type.Integer(),
  rowsRejected: Type.Integer(),
  rowsSkipped: Type.Integer(),
  outcome: Type.Record(Type.String(), Type.Union([Type.Number(), Type.String()])),
  warnings: Type.Array(ImportWarning, {
    description: 'Shown with the dry run (the preview) and the import: what was accepted but deserves a look',
  }),
  error: Nullable(Type.Object({ ru: Type.String(), en: Type.String(), ...MessageCodeFields })),
  startedAt: Nullable(IsoDateTime),
  finishedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
});
export type ImportJobT = Static<typeof ImportJob>;

export const RejectsQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
    lang: Type.Optional(Type.Union([Type.Literal('ru'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type RejectsQueryT = Static<typeof RejectsQuery>;

export const RejectedCell = Type.Object({
  rowNo: Type.Integer(),
  field: Type.String(),
  column: Type.String(),
  value: Type.String(),
  reason: Type.String(),
  message: Bilingual,
  ...MessageCodeFields,
});
export const RejectsPage = Type.Object({
  items: Type.Array(RejectedCell),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type RejectedCellT = Static<typeof RejectedCell>;
export type RejectsPageT = Static<typeof RejectsPage>;

export const MappingCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: ImportKindSchema,
    headers: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 500 }),
    mapping: Mapping,
  },
  { additionalProperties: false },
);
export type MappingCreateT = Static<typeof MappingCreate>;

export const TemplateQuery = Type.Object(
  {
    kind: ImportKindSchema,
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
    lang: Type.Optional(Type.Union([Type.Literal('ru'), Type.Literal('en')])),
  },
  { additionalProperties: false },
);
export type TemplateQueryT = Static<typeof TemplateQuery>;
