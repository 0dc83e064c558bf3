import fc from 'fast-check';
import { validValue, type Ids, type JsonSchema } from './support.js';

/**
 * Hostile and malformed values, by family, for the property-based tests of every write route. Each
 * family names what it probes, so a failure says which kind of input got through.
 */

export const sqlFragments = [
  "'; DROP TABLE clients; --",
  "1' OR '1'='1",
  '$1',
  '$1::text',
  '\\',
  '\\\\',
  "\\'; --",
  "'' ; SELECT pg_sleep(5); --",
  '%',
  '_%_',
  '$$; DROP TABLE users; $$',
  '1; DELETE FROM clients',
  '"; --',
  "E'\\x00'",
  '/* */',
  'NULL',
  'null',
  "' UNION SELECT password_hash FROM users --",
];
export const scriptFragments = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '<svg/onload=alert(1)>',
  '=HYPERLINK("http://evil","x")',
  '=1+1',
  '@SUM(A1)',
  '+7(495)',
  '-2+3',
];
export const unicodeEdges = [
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(10),
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDBFF',
  '\u202Eтекст справа налево\u202C',
  'שלום עולם',
  'مرحبا',
  '👨‍👩‍👧‍👦',
  '😀'.repeat(50),
  '\uFEFF',
  '\u200B\u200B',
  'ǅ',
  'İı',
  '\r\n\t',
  '\u0001\u0007\u001B[31m',
  ' ',
  '',
  '   ',
  '\u00A0',
  'ё'.normalize('NFD'),
];
export const requisites = [
  '7707083894',
  '770708389',
  '77070838931',
  '0000000000',
  '000000000000',
  '1027700132196',
  '102770013219',
  '773601001x',
  'ИНН7707083893',
  '044525226',
  '40702810000000000000',
  '30101810400000000225x',
  '７７０７０８３８９３',
];
export const dateLike = [
  '2024-02-31',
  '31.02.2024',
  '0000-00-00',
  '0000-01-01',
  '0000-02-29',
  '2024-13-01',
  '2024-00-10',
  '9999-12-31',
  '0001-01-01',
  '-0001-01-01',
  '+275760-09-13',
  '2023-02-29',
  '2024-02-29',
  '10000-01-01',
  'infinity',
  '-infinity',
  'epoch',
  'today',
  'allballs',
  '2024-1-1',
  '2024/01/01',
  '2024-02-31T10:00:00Z',
  '2024-01-01T25:00:00Z',
  '2024-01-01T10:00:00+23:59',
  '2024-01-01T10:00:00-23:59',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2016-12-31T23:59:60Z',
  '2024-06-30T23:59:60+00:00',
  '1970-01-01T00:00:00.000000001Z',
  '20240101',
  '',
];
export const numberLike: unknown[] = [
  1e308,
  -1e308,
  -0,
  0,
  -1,
  1.5,
  0.001,
  1e-300,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  2 ** 64,
  1e21,
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-0',
  '0x10',
  ' 1',
  '1 OR 1=1',
  '9223372036854775808',
  '99999999999999999999.99',
  '1,5',
  '١٢٣',
  '9999999999999.99',
  '-9999999999999.99',
  '9999999999.999',
  '0.001',
  '00000000000001',
];
export const idLike: unknown[] = [
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  9007199254740991,
  '9223372036854775808',
  '1 OR 1=1',
  '1;DROP TABLE clients',
  'NaN',
  '0x1F',
  ' 1',
  '٣',
  'Infinity',
  '1e3',
  null,
  true,
];
export const pathIdLike = [
  '0',
  '-1',
  '1.5',
  '2147483648',
  '9007199254740991',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '99999999999999999999',
  '1 OR 1=1',
  "1';DROP TABLE clients;--",
  'NaN',
  '0x1F',
  ' 1',
  '%00',
  '1%00',
  '٣',
  'Infinity',
  '1e3',
  '',
  'null',
  '[1]',
  '{"a":1}',
  '..%2F..%2Fetc',
];

const deep = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

export const structures: unknown[] = [
  null,
  [],
  {},
  [null],
  [[]],
  { $gt: '' },
  { __proto__: { isAdmin: true } },
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { constructor: { prototype: { polluted: 1 } } },
  true,
  false,
  'true',
  0,
  '',
  deep(40, 'x'),
  deep(2000, 1),
  new Array(5000).fill(1),
  Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i])),
];

/** Strings past every limit: 100 KB to 1 MB, in one- and two-byte letters and in NULs. */
export const hugeStrings = fc
  .constantFrom(
    () => 'я'.repeat(100_000),
    () => 'a'.repeat(300_001),
    () => 'Z'.repeat(1_000_000),
    () => "'; DROP TABLE clients; --".repeat(5_000),
    () => '\u0000'.repeat(100_000),
    () => '😀'.repeat(60_000),
  )
  .map((make) => make());

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(...sqlFragments, ...scriptFragments, ...unicodeEdges, ...requisites, ...dateLike),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...sqlFragments, ...scriptFragments, ...unicodeEdges), fc.string({ maxLength: 20 }))
      .map(([a, b]) => `${b}${a}${b}`),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
  { weight: 1, arbitrary: hugeStrings },
);

/** Any hostile value, of any family. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.constantFrom(...numberLike) },
  { weight: 1, arbitrary: fc.constantFrom(...idLike) },
  { weight: 2, arbitrary: fc.constantFrom(...structures) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Values at and just past a schema's own limits: the largest amount, the longest name, the latest date. */
export function boundaryValues(schema: JsonSchema, ids: Ids, name: string): unknown[] {
  const alternatives = schema.anyOf ?? [schema];
  const out: unknown[] = [];
  for (const s of alternatives) {
    if (s.type === 'integer' || s.type === 'number') {
      if (s.maximum !== undefined) out.push(s.maximum, s.maximum + 1);
      if (s.minimum !== undefined) out.push(s.minimum, s.minimum - 1);
    }
    if (s.type === 'string') {
      if (s.maxLength !== undefined)
        out.push('я'.repeat(s.maxLength), 'я'.repeat(s.maxLength + 1), '\u0000'.repeat(Math.min(s.maxLength, 50)));
      if (s.pattern?.includes('{1,13}')) out.push('9999999999999.99', '-9999999999999.99', '-0.00');
      if (s.pattern?.includes('{1,10}')) out.push('9999999999.999', '-9999999999.999', '0.000');
      if (s.format === 'date') out.push('9999-12-31', '0001-01-01', '0000-01-01', '1900-02-29');
      if (s.format === 'date-time')
        out.push('9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2024-01-01T10:00:00+23:59');
    }
    if (s.type === 'array') {
      if (s.maxItems !== undefined && s.maxItems <= 2000)
        out.push(Array.from({ length: s.maxItems }, () => validValue(s.items ?? {}, ids, name)));
      if (s.maxItems !== undefined)
        out.push(Array.from({ length: s.maxItems + 1 }, () => validValue(s.items ?? {}, ids, name)));
    }
  }
  return out;
}
