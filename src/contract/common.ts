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

/** The parameters of a message code: the values its template puts in place of `{{name}}`. */
const MessageParams = Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), {
  description: 'The values the message template puts in place of its {{name}} placeholders',
});

/**
 * RFC 9457 problem details, with the fields at fault for bad input. `title`, `detail` and each
 * `errors[].message` are in the language of the request's Accept-Language (Russian or English,
 * English when absent or other); the codes and parameters let a client translate them itself.
 */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  code: Type.String(),
  instance: Type.Optional(Type.String()),
  detailCode: Type.Optional(
    Type.String({
      description:
        'The message code of `detail` in the message catalogue (e.g. "notFound.client"), when the detail is not the first field problem',
    }),
  ),
  detailParams: Type.Optional(MessageParams),
  errors: Type.Optional(
    Type.Array(
      Type.Object({
        field: Type.String(),
        reason: Type.String(),
        code: Type.Optional(
          Type.String({ description: 'The message code in the message catalogue, e.g. "field.maxLength"' }),
        ),
        params: Type.Optional(MessageParams),
        message: Type.String({ description: "The problem in the request's language (Accept-Language)" }),
        messageRu: Type.Optional(
          Type.String({
            deprecated: true,
            description:
              'Deprecated, kept for one release: the problem in Russian. Send Accept-Language: ru and read `message`, or translate `code` with `params`.',
          }),
        ),
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
