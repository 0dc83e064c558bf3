import { Type, type Static, type TSchema } from 'typebox';

/** Decimal roubles, exact: "1234.50". Input also accepts a JSON number with at most 2 decimals. */
export const Money = Type.String({
  pattern: '^-?\\d{1,13}(\\.\\d{1,2})?$',
  description: 'Amount in roubles, e.g. "1234.50"',
  examples: ['1234.50'],
});
export const MoneyInput = Type.Union([Money, Type.Number({ minimum: -1e13, maximum: 1e13 })], {
  description: 'Amount in roubles: "1234.50" or 1234.5',
});
export const IsoDate = Type.String({ format: 'date', description: 'ISO date, YYYY-MM-DD' });
export const IsoDateTime = Type.String({ format: 'date-time', description: 'ISO date-time' });
export const Id = Type.Integer({ minimum: 1, maximum: 9007199254740991 });
export const ShortText = Type.String({ maxLength: 300 });
export const LongText = Type.String({ maxLength: 20000 });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = Type.Object({ id: Id });
export type IdParamsT = Static<typeof IdParams>;

/** Pagination shared by every list: `page` from 1, `pageSize` at most 200 so no request scans without bound. */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  sort: Type.Optional(
    Type.String({ maxLength: 40, description: 'Field to sort by; prefix with - for descending, e.g. -createdAt' }),
  ),
};

/** A list answered as a file: `format=csv|xlsx`, headers in `lang` (the user's language by default). */
export const ExportQuery = {
  format: Type.Optional(
    Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], {
      description: 'Answer with the whole list (up to 100,000 rows) as a file',
    }),
  ),
  lang: Type.Optional(
    Type.Union([Type.Literal('ru'), Type.Literal('en')], { description: 'Language of the file headers' }),
  ),
};

export const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

/** RFC 9457 problem details, with the fields at fault for bad input. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.String(),
        reason: Type.String(),
        message: Type.String(),
        messageRu: Type.Optional(Type.String()),
      }),
    ),
  ),
  existing: Type.Optional(
    Type.Object(
      {
        kind: Type.Literal('client'),
        id: Id,
        name: Type.String(),
      },
      {
        description:
          'On a 409: the record that already holds the value (e.g. the client with the same ИНН and КПП), when the caller may see it',
      },
    ),
  ),
});
export type ProblemT = Static<typeof Problem>;
