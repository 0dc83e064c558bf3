import { describe, expect, it } from 'vitest';
import { lineAmount } from '../../core/money/money.js';
import {
  companyName,
  demoCatalogue,
  demoColumns,
  demoSlice,
  registration,
  traderName,
  type DemoOptions,
  type DemoSlice,
  type IdBase,
} from './generate.js';

const base: IdBase = {
  user: 10,
  product: 100,
  client: 1000,
  legalEntity: 2000,
  contact: 3000,
  order: 4000,
  payment: 5000,
  interaction: 6000,
};
const options = (seed: number, clients = 300): DemoOptions => ({ clients, years: 2, seed, until: '2026-06-30' });
const freshCounters = () => ({ order: 0, payment: 0, interaction: 0, legalEntity: 0, contact: 0 });

function generate(seed: number, clients = 300): DemoSlice {
  const opts = options(seed, clients);
  return demoSlice(1, opts, base, demoCatalogue(1, opts, base), 0, clients, freshCounters());
}

/** Parses one CSV row as COPY reads it: quoted fields may hold commas and doubled quotes; empty unquoted is NULL. */
function parseRow(line: string): (string | null)[] {
  const out: (string | null)[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else {
          value += line[i];
          i++;
        }
      }
      out.push(value);
      i++; // the comma
    } else {
      const end = line.indexOf(',', i) === -1 ? line.length : line.indexOf(',', i);
      const value = line.slice(i, end);
      out.push(value === '' ? null : value);
      i = end + 1;
    }
  }
  return out;
}

/** The rows of a table as objects keyed by column name. */
function table<T extends keyof typeof demoColumns>(
  slice: DemoSlice,
  name: T,
): Record<(typeof demoColumns)[T][number], string | null>[] {
  const rows = slice[name].map((line) => parseRow(line));
  expect(
    slice[name].filter((line, i) => rows[i]!.length !== demoColumns[name].length),
    `${name}: rows with the wrong number of fields`,
  ).toEqual([]);
  return rows.map(
    (values) =>
      Object.fromEntries(demoColumns[name].map((c, i) => [c, values[i]])) as Record<
        (typeof demoColumns)[T][number],
        string | null
      >,
  );
}

describe('demo generator', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const opts = options(7, 60);
    expect(demoCatalogue(1, opts, base)).toEqual(demoCatalogue(1, opts, base));
    const a = generate(7, 60);
    const b = generate(7, 60);
    expect(b).toEqual(a);
    expect(a.clients).toHaveLength(60);
    const c = generate(8, 60);
    expect(c.clients).toHaveLength(60);
    expect(c.clients).not.toEqual(a.clients);
    expect(c.orders).not.toEqual(a.orders);
    expect(demoCatalogue(1, options(8, 60), base).products).not.toEqual(demoCatalogue(1, opts, base).products);
  });

  it('gives the same data when generated in consecutive slices', () => {
    const opts = options(7, 60);
    const catalogue = demoCatalogue(1, opts, base);
    const whole = demoSlice(1, opts, base, catalogue, 0, 60, freshCounters());
    const counters = freshCounters();
    const first = demoSlice(1, opts, base, catalogue, 0, 25, counters);
    const second = demoSlice(1, opts, base, catalogue, 25, 60, counters);
    for (const name of Object.keys(demoColumns) as (keyof typeof demoColumns)[]) {
      expect([...first[name], ...second[name]], name).toEqual(whole[name]);
    }
  });

  it('mixes buying rhythms: prospects without orders, one-off buyers and regulars', () => {
    const slice = generate(7);
    const clients = table(slice, 'clients');
    const ordersPerClient = new Map<string, number>();
    for (const o of table(slice, 'orders'))
      ordersPerClient.set(o.client_id!, (ordersPerClient.get(o.client_id!) ?? 0) + 1);
    const prospects = clients.filter((c) => c.status === 'prospect');
    expect(prospects.length).toBeGreaterThan(0);
    expect(prospects.every((c) => !ordersPerClient.has(c.id!))).toBe(true);
    const counts = clients.map((c) => ordersPerClient.get(c.id!) ?? 0);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThanOrEqual(prospects.length);
    expect(counts.filter((n) => n === 1).length).toBeGreaterThan(0);
    expect(counts.filter((n) => n >= 10).length).toBeGreaterThan(0);
    expect(new Set(clients.map((c) => c.status))).toEqual(new Set(['prospect', 'active', 'lost']));
  });

  it('writes orders whose totals are the sums of their lines, within the period', () => {
    const slice = generate(7, 120);
    const lines = table(slice, 'order_lines');
    const byOrder = new Map<string, { total: number; cost: number; n: number }>();
    for (const l of lines) {
      expect(Number(l.amount)).toBe(lineAmount(l.quantity!, Number(l.price)));
      expect(Number(l.cost_amount)).toBe(lineAmount(l.quantity!, Number(l.unit_cost)));
      const s = byOrder.get(l.order_id!) ?? { total: 0, cost: 0, n: 0 };
      byOrder.set(l.order_id!, { total: s.total + Number(l.amount), cost: s.cost + Number(l.cost_amount), n: s.n + 1 });
    }
    const orders = table(slice, 'orders');
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      const s = byOrder.get(o.id!);
      expect(s, `order ${o.id}`).toBeDefined();
      expect([Number(o.total), Number(o.cost_total)]).toEqual([s!.total, s!.cost]);
      // 2 years back from 2026-06-30 is 2024-06-30 (730 days, no 29 February in between); orders fall before the end day.
      expect(o.order_date! >= '2024-06-30' && o.order_date! < '2026-06-30', o.order_date!).toBe(true);
      expect(o.payment_due_date! >= o.order_date!).toBe(true);
    }
    expect(byOrder.size).toBe(orders.length);
  });

  it('never gives two clients the same name or registration number, far beyond the word lists', () => {
    const n = 100_000; // the size of the benchmark's demo; the word lists give 450 company names and 4,800 people
    for (const seed of [1, 42]) {
      const names = new Set<string>();
      const people = new Set<string>();
      const companies = new Set<string>();
      const traders = new Set<string>();
      for (let c = 0; c < n; c++) {
        names.add(companyName(seed, c));
        people.add(traderName(seed, c).name);
        companies.add(registration(seed, 2 * c, 5)).add(registration(seed, 2 * c + 1, 5));
        traders.add(registration(seed, c, 6));
      }
      expect([names.size, people.size, companies.size, traders.size]).toEqual([n, n, 2 * n, n]);
    }
    expect(companyName(1, 0)).not.toBe(companyName(2, 0));
  });
});
