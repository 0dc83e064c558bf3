import { describe, expect, it } from 'vitest';
import { dataException } from './data-exceptions.js';
import { dateProblems, inputProblems } from './input-guard.js';

const fieldsOf = (problems: { field: string; reason: string }[]) => problems.map((p) => [p.field, p.reason]);

describe('input guard', () => {
  it('finds NUL characters and unpaired surrogates in values and keys, at any depth', () => {
    expect(
      fieldsOf(inputProblems({ name: 'a\u0000b', ok: 'ёлка 👨‍👩‍👧', lines: [{ notes: 'x\uD800' }], ['k\uDFFF']: 1 })),
    ).toEqual([
      ['name', 'invalid_character'],
      ['lines/0/notes', 'invalid_character'],
      ['k\uDFFF', 'invalid_character'],
    ]);
    expect(inputProblems({ text: '😀 ok \uD83D\uDE00' })).toEqual([]);
  });

  it('finds numbers JavaScript cannot hold exactly or at all', () => {
    expect(
      fieldsOf(
        inputProblems({ a: Infinity, b: -Infinity, c: NaN, d: 2 ** 63, e: Number.MAX_SAFE_INTEGER, f: -0, g: 1e-300 }),
      ),
    ).toEqual([
      ['a', 'out_of_range'],
      ['b', 'out_of_range'],
      ['c', 'out_of_range'],
      ['d', 'out_of_range'],
    ]);
  });

  it("reads the router's null-prototype parameters but leaves streams and buffers alone", () => {
    const params = Object.create(Object.create(null) as object) as Record<string, unknown>;
    params.id = 2 ** 63;
    expect(fieldsOf(inputProblems(params))).toEqual([['id', 'out_of_range']]);
    expect(inputProblems(Buffer.from('\u0000'))).toEqual([]);
    expect(inputProblems({ pipe: () => undefined, x: '\u0000' })).toEqual([]);
  });

  it('finds dates the schema accepts but PostgreSQL does not: the year 0000 and offsets past ±15:59', () => {
    const schema = {
      properties: {
        on: { format: 'date' },
        at: { format: 'date-time' },
        maybe: { anyOf: [{ format: 'date' }, { type: 'null' }] },
        lines: { items: { properties: { due: { format: 'date' } } } },
        text: { type: 'string' },
      },
    };
    expect(
      fieldsOf(
        dateProblems(schema, {
          on: '0000-01-01',
          at: '2024-01-01T10:00:00+16:00',
          maybe: '0000-02-29',
          lines: [{ due: '2024-02-29' }, { due: '0000-12-31' }],
          text: '0000-01-01',
        }),
      ),
    ).toEqual([
      ['on', 'format'],
      ['at', 'format'],
      ['maybe', 'format'],
      ['lines/1/due', 'format'],
    ]);
    expect(dateProblems(schema, { on: '0001-01-01', at: '2024-01-01T10:00:00+15:59', maybe: null })).toEqual([]);
  });
});

describe('database refusals of a value', () => {
  it('answers with the column as the field when PostgreSQL names it, the constraint or the body otherwise', () => {
    expect(dataException('23502', { column: 'full_name' })?.fields).toEqual([
      expect.objectContaining({ field: 'fullName', reason: 'required' }),
    ]);
    expect(dataException('23514', { constraint: 'useful_dates_day_check' })?.fields[0]).toMatchObject({
      field: 'useful_dates_day_check',
      reason: 'check',
    });
    expect(dataException('22003', {})?.message).toBe('body: is a number out of the range the database can store');
    expect(dataException('23505', {})).toBeUndefined();
    expect(dataException(undefined, {})).toBeUndefined();
  });
});
