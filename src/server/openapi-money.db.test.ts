// One unit for money across the whole API (issue 14, item 12): every amount, in every answer, request
// body and query parameter of the OpenAPI document, is the shared decimal-rouble type of
// src/contract/common.ts (Money, or MoneyInput where a request accepts a number too), so its unit is
// stated in the schema. A field is taken for an amount by its name; the few names that also mean
// something else (a page's count, a claim's overdue flag, a survey's logistics score) are listed below
// with the shape that shows they are not money.
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { Money as MoneySchema, MoneyInput as MoneyInputSchema } from '../contract/common.js';

const db = await useDatabase();
const app = await useApp(db);

/** Words that make a name an amount when the name starts or ends with one (camelCase words). */
const MONEY_WORDS = new Set([
  'revenue',
  'sales',
  'margin',
  'cost',
  'profit',
  'amount',
  'price',
  'spend',
  'spent',
  'paid',
  'balance',
  'limit',
  'overdue',
  'returns',
  'total',
  'logistics',
]);
/** Words that make it a share, a percentage, a duration, a count or a class instead. */
const NOT_MONEY_WORDS = new Set([
  'pct',
  'share',
  'days',
  'minutes',
  'months',
  'clients',
  'capped',
  'cv',
  'abc',
  'bytes',
  'rows',
  'count',
  'basis',
]);
const wordsOf = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ');
function moneyLike(name: string): boolean {
  if (name === 'hourlyRate') return true;
  const words = wordsOf(name);
  return (MONEY_WORDS.has(words[0]!) || MONEY_WORDS.has(words.at(-1)!)) && !words.some((w) => NOT_MONEY_WORDS.has(w));
}

type Schema = Record<string, unknown>;
const Money = MoneySchema as unknown as Schema;
const MoneyInput = MoneyInputSchema as unknown as Schema;
type Found = { where: string; name: string; schema: Schema; siblings: Record<string, Schema> };

/**
 * The shared type as the document renders it (the OpenAPI transform turns `examples` into `example` and a
 * union with null into `nullable`): Money by its pattern and description, MoneyInput by its description
 * over a Money, either of them optionally nullable.
 */
function isShared(schema: Schema): boolean {
  const isNull = (s: Schema) =>
    s.type === 'null' || (s.nullable === true && Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null);
  if (schema.type === 'string') return schema.pattern === Money.pattern && schema.description === Money.description;
  const members = (schema.anyOf as Schema[] | undefined)?.filter((s) => !isNull(s));
  if (!members) return false;
  if (schema.description === MoneyInput.description)
    return members.some(isShared) && members.every((s) => isShared(s) || s.type === 'number');
  return members.length === 1 && isShared(members[0]!);
}

/** Not an amount although its name says so: each with the shape that proves it. */
function explained(f: Found): boolean {
  if (f.name === 'total' && f.schema.type === 'integer' && Object.values(f.siblings).some((s) => s.type === 'array'))
    return true; // the count of a list beside it
  if (f.name === 'overdue' && f.schema.type === 'boolean') return true; // a claim past its deadline
  if (
    f.name === 'logistics' &&
    (f.schema.type === 'integer' || f.schema.type === 'number') &&
    /surveys|personal-data/.test(f.where)
  )
    return true; // a 1–5 survey score
  return false;
}

function collect(node: unknown, where: string, out: Found[]): void {
  if (Array.isArray(node)) {
    node.forEach((x, i) => collect(x, where ? `${where}/${i}` : String(i), out));
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as Schema;
  const props = schema.properties as Record<string, Schema> | undefined;
  if (props && typeof props === 'object') {
    for (const [name, child] of Object.entries(props)) {
      // Objects and lists are containers: their fields are looked at themselves.
      const container = child.type === 'object' || child.type === 'array';
      if (!container && moneyLike(name)) out.push({ where, name, schema: child, siblings: props });
    }
  }
  for (const [k, v] of Object.entries(schema)) collect(v, where ? `${where}/${k}` : k, out);
}

describe('money in the OpenAPI document', () => {
  let found: Found[];
  beforeAll(async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { name: string; description?: string; schema: Schema }[] }>>;
    };
    found = [];
    collect(doc.paths, '', found);
    // Query parameters are listed one by one, each with its schema (the description moves up to the parameter).
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops) as [
        string,
        { parameters?: { name: string; description?: string; schema: Schema }[] },
      ][]) {
        for (const p of op.parameters ?? []) {
          if (moneyLike(p.name))
            found.push({
              where: `${path}/${method}/parameters`,
              name: p.name,
              schema: { description: p.description, ...p.schema },
              siblings: {},
            });
        }
      }
    }
  });

  it('finds the amounts of every part of the API, the analytics charts included', () => {
    const names = new Set(found.map((f) => f.name));
    for (const name of [
      'revenue',
      'grossSales',
      'profit',
      'totalProfit',
      'cumulativeProfit',
      'lossMakingProfit',
      'amount',
      'price',
      'hourlyRate',
      'minRevenue',
    ]) {
      expect(names, name).toContain(name);
    }
    expect(found.some((f) => f.where.startsWith('/api/v1/analytics/summary') && f.name === 'revenue')).toBe(true);
    expect(found.some((f) => f.where.startsWith('/api/v1/analytics/whale') && f.name === 'cumulativeProfit')).toBe(
      true,
    );
  });

  it('states every amount with the shared decimal-rouble type', () => {
    const wrong = found
      .filter((f) => !explained(f) && !isShared(f.schema))
      .map((f) => `${f.where} ${f.name}: ${JSON.stringify(f.schema)}`);
    expect(wrong).toEqual([]);
  });
});
