import { beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../../../test/support/refusal.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildProduct, buildUser } from '../../../test/support/factories.js';
import {
  checkBik,
  checkCorrespondentAccount,
  checkInn,
  checkKpp,
  checkOgrnAny,
  checkSettlementAccount,
  innKind,
  type RequisiteCheck,
} from '../../core/clients/requisites.js';
import { createClient, findClients, getClient } from '../clients/clients.js';
import { contactService } from '../clients/contacts.js';
import { checkRequisites, legalEntityService } from '../clients/legal-entities.js';
import { interactionService } from '../sales/interactions.js';
import { createOrder } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { productService } from '../sales/products.js';
import { demoColumns } from './generate.js';
import { loadDemo, removeDemo, type DemoSummary } from './load-demo.js';

const db = await useDatabase();

const DEMO = { clients: 60, years: 2, seed: 7, until: '2026-06-30' };
/** Every table the demo writes, as the generator declares them (the summary has one count per table). */
const TABLES = Object.keys(demoColumns) as (keyof typeof demoColumns)[];

const scalar = async (text: string, params: unknown[]) =>
  Number(Object.values((await db.engine.query(text, params)).rows[0]!)[0]);

/** Rows per table in an organisation; users counts the demo managers only. */
async function countsOf(orgId: number): Promise<DemoSummary> {
  const out = {} as DemoSummary;
  for (const t of TABLES)
    out[t] = await scalar(`SELECT count(*) FROM ${t} WHERE org_id = $1${t === 'users' ? ' AND is_demo' : ''}`, [orgId]);
  return out;
}

async function loadedOrg() {
  const owner = await buildOrg(db);
  const progress: [number, number][] = [];
  const summary = await loadDemo(db, owner.orgId, DEMO, (done, total) => progress.push([done, total]));
  return { owner, summary, progress };
}

// The read-only checks share one loaded organisation (a load takes 1–2 s); tests that write load their own.
describe('loadDemo: the loaded company', () => {
  let loaded: Awaited<ReturnType<typeof loadedOrg>>;
  beforeAll(async () => {
    loaded = await loadedOrg();
  });

  it('has row counts that match the summary', async () => {
    const { owner, summary, progress } = loaded;
    // managers = max(3, round(60 / 400)) = 3; products = max(40, round(60 / 20)) = 40
    expect(summary).toMatchObject({ users: 3, products: 40, clients: 60 });
    for (const t of TABLES) expect(summary[t], t).toBeGreaterThan(0);
    expect(await countsOf(owner.orgId)).toEqual(summary);
    expect(progress).toEqual([
      [0, 60],
      [60, 60],
    ]);
    expect(await scalar('SELECT count(*) FROM clients WHERE org_id = $1 AND NOT is_demo', [owner.orgId])).toBe(0);
    expect(await scalar('SELECT count(*) FROM users WHERE org_id = $1 AND NOT is_demo', [owner.orgId])).toBe(1);
    expect(await scalar('SELECT count(*) FROM organizations WHERE id = $1 AND has_demo_data', [owner.orgId])).toBe(1);
    // Each legal entity list shows the primary first; every client has exactly one primary.
    expect(
      await scalar(
        `SELECT count(*) FROM clients c WHERE c.org_id = $1 AND (SELECT count(*) FROM legal_entities l WHERE l.org_id = c.org_id AND l.client_id = c.id AND l.is_primary) <> 1`,
        [owner.orgId],
      ),
    ).toBe(0);
  });

  it('gives the demo company its people and voice: power structure, key figures, claims, surveys and a loss record per lost client', async () => {
    const { owner } = loaded;
    const o = [owner.orgId];
    expect(await scalar('SELECT count(*) FROM contact_links WHERE org_id = $1', o)).toBeGreaterThan(0);
    // Nobody reports to more than one boss, and both ends are people of the same client.
    expect(
      await scalar(
        `SELECT count(*) FROM contact_links l JOIN contacts a ON a.org_id = l.org_id AND a.id = l.from_contact_id
      JOIN contacts b ON b.org_id = l.org_id AND b.id = l.to_contact_id WHERE l.org_id = $1 AND (a.client_id <> l.client_id OR b.client_id <> l.client_id)`,
        o,
      ),
    ).toBe(0);
    expect(
      await scalar(
        `SELECT count(*) FROM contacts WHERE org_id = $1 AND is_key_figure AND NOT (decision_roles && ARRAY['decision_maker', 'payment_decider']::text[])`,
        o,
      ),
    ).toBe(0);
    expect(await scalar('SELECT count(*) FROM contacts WHERE org_id = $1 AND is_key_figure', o)).toBeGreaterThan(0);
    for (const t of ['family_members', 'useful_dates', 'claims', 'claim_events', 'survey_responses']) {
      expect(await scalar(`SELECT count(*) FROM ${t} WHERE org_id = $1`, o), t).toBeGreaterThan(0);
    }
    // Claims went through the workflow: a closed one has its resolution and day, an open one neither.
    expect(
      await scalar(
        `SELECT count(*) FROM claims WHERE org_id = $1 AND (status IN ('resolved', 'rejected')) <> (resolved_on IS NOT NULL AND resolution IS NOT NULL)`,
        o,
      ),
    ).toBe(0);
    expect(await scalar(`SELECT count(*) FROM claims WHERE org_id = $1 AND resolved_on < received_on`, o)).toBe(0);
    expect(
      await scalar(
        `SELECT count(*) FROM clients c WHERE c.org_id = $1 AND c.status = 'lost'
      AND NOT EXISTS (SELECT 1 FROM client_losses l WHERE l.org_id = c.org_id AND l.client_id = c.id AND l.lost_on = c.lost_on AND l.won_back_on IS NULL)`,
        o,
      ),
    ).toBe(0);
    expect(
      await scalar(
        `SELECT count(*) FROM client_losses WHERE org_id = $1 AND (reason = 'competitor') <> (competitor IS NOT NULL)`,
        o,
      ),
    ).toBe(0);
    // The profit of the year before the loss is filled in once the analytics exist (it drives the Pareto by profit).
    expect(
      await scalar('SELECT count(*) FROM client_losses WHERE org_id = $1 AND profit_at_loss IS NOT NULL', o),
    ).toBeGreaterThan(0);
    expect(
      await scalar(`SELECT count(*) FROM survey_responses WHERE org_id = $1 AND answered_on > $2::date`, [
        owner.orgId,
        DEMO.until,
      ]),
    ).toBe(0);
  });

  it('generates legal entities whose every requisite passes the validators', async () => {
    const { owner } = loaded;
    type Entity = {
      id: number;
      inn: string;
      kpp: string | null;
      ogrn: string;
      bik: string;
      settlement_account: string;
      correspondent_account: string;
    };
    const { rows } = await db.engine.query<Entity>(
      'SELECT id, inn, kpp, ogrn, bik, settlement_account, correspondent_account FROM legal_entities WHERE org_id = $1',
      [owner.orgId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const failures: string[] = [];
    const must = (id: number, what: string, value: string, r: RequisiteCheck) => {
      if (!r.ok) failures.push(`${id} ${what} ${value}: ${r.problem}`);
      else if (r.value !== value) failures.push(`${id} ${what} ${value}: stored unnormalised`);
    };
    for (const e of rows) {
      must(e.id, 'inn', e.inn, checkInn(e.inn));
      if (innKind(e.inn) === 'legal') must(e.id, 'kpp', e.kpp ?? '', checkKpp(e.kpp ?? ''));
      else if (e.kpp !== null) failures.push(`${e.id} kpp ${e.kpp}: a sole trader has none`);
      must(e.id, 'ogrn', e.ogrn, checkOgrnAny(e.ogrn));
      must(e.id, 'bik', e.bik, checkBik(e.bik));
      must(e.id, 'settlementAccount', e.settlement_account, checkSettlementAccount(e.settlement_account, e.bik));
      must(
        e.id,
        'correspondentAccount',
        e.correspondent_account,
        checkCorrespondentAccount(e.correspondent_account, e.bik),
      );
      // The same set of checks as a person's input goes through (ОГРН vs ОГРНИП by the kind of ИНН…).
      const { problems } = checkRequisites({
        inn: e.inn,
        kpp: e.kpp,
        ogrn: e.ogrn,
        bik: e.bik,
        settlementAccount: e.settlement_account,
        correspondentAccount: e.correspondent_account,
      });
      for (const p of problems) failures.push(`${e.id} ${p.field}: ${p.reason}`);
    }
    expect(failures).toEqual([]);
    // Both kinds occur: companies (10-digit ИНН, 13-digit ОГРН) and sole traders (12 and 15).
    expect(new Set(rows.map((e) => `${e.inn.length}/${e.ogrn.length}`))).toEqual(new Set(['10/13', '12/15']));
  });

  it('keeps documents consistent: totals are Σ lines and every reference stays within its client', async () => {
    const { owner } = loaded;
    const checks: Record<string, string> = {
      'order total ≠ Σ line amounts': `SELECT count(*) FROM orders o WHERE o.org_id = $1 AND o.total <> (SELECT coalesce(sum(l.amount), 0) FROM order_lines l WHERE l.org_id = o.org_id AND l.order_id = o.id)`,
      'order cost total ≠ Σ line costs': `SELECT count(*) FROM orders o WHERE o.org_id = $1 AND o.cost_total <> (SELECT coalesce(sum(l.cost_amount), 0) FROM order_lines l WHERE l.org_id = o.org_id AND l.order_id = o.id)`,
      'order without lines': `SELECT count(*) FROM orders o WHERE o.org_id = $1 AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.org_id = o.org_id AND l.order_id = o.id)`,
      "line client or date ≠ its order's": `SELECT count(*) FROM order_lines l JOIN orders o ON o.org_id = l.org_id AND o.id = l.order_id WHERE l.org_id = $1 AND (l.client_id <> o.client_id OR l.order_date <> o.order_date)`,
      'line amount ≠ round(quantity × price)': `SELECT count(*) FROM order_lines l WHERE l.org_id = $1 AND (l.amount <> round(l.quantity * l.price) OR l.cost_amount <> round(l.quantity * l.unit_cost))`,
      'order legal entity of another client': `SELECT count(*) FROM orders o JOIN legal_entities e ON e.org_id = o.org_id AND e.id = o.legal_entity_id WHERE o.org_id = $1 AND e.client_id <> o.client_id`,
      'payment order of another client': `SELECT count(*) FROM payments p JOIN orders o ON o.org_id = p.org_id AND o.id = p.order_id WHERE p.org_id = $1 AND o.client_id <> p.client_id`,
      'payment legal entity of another client': `SELECT count(*) FROM payments p JOIN legal_entities e ON e.org_id = p.org_id AND e.id = p.legal_entity_id WHERE p.org_id = $1 AND e.client_id <> p.client_id`,
      'payment of a cancelled order': `SELECT count(*) FROM payments p JOIN orders o ON o.org_id = p.org_id AND o.id = p.order_id WHERE p.org_id = $1 AND o.status = 'cancelled'`,
      'payment due before the order': `SELECT count(*) FROM orders o WHERE o.org_id = $1 AND o.payment_due_date < o.order_date`,
      'interaction contact of another client': `SELECT count(*) FROM interactions i JOIN contacts c ON c.org_id = i.org_id AND c.id = i.contact_id WHERE i.org_id = $1 AND c.client_id <> i.client_id`,
      'client owned by a non-demo user': `SELECT count(*) FROM clients c JOIN users u ON u.org_id = c.org_id AND u.id = c.owner_user_id WHERE c.org_id = $1 AND NOT u.is_demo`,
    };
    const found: Record<string, number> = {};
    for (const [name, text] of Object.entries(checks)) found[name] = await scalar(text, [owner.orgId]);
    expect(found).toEqual(Object.fromEntries(Object.keys(checks).map((k) => [k, 0])));
    // Prospects have no orders.
    expect(
      await scalar(
        `SELECT count(*) FROM orders o JOIN clients c ON c.org_id = o.org_id AND c.id = o.client_id WHERE o.org_id = $1 AND c.status = 'prospect'`,
        [owner.orgId],
      ),
    ).toBe(0);
  });

  it('makes the demo clients findable by name, ИНН prefix and contact', async () => {
    const { owner } = loaded;
    const { rows } = await db.engine.query<{ client_id: number; inn: string; contact: string }>(
      `
      SELECT l.client_id, l.inn, (SELECT min(p.full_name) FROM contacts p WHERE p.org_id = l.org_id AND p.client_id = l.client_id) AS contact
      FROM legal_entities l WHERE l.org_id = $1 AND l.is_primary ORDER BY l.id LIMIT 1`,
      [owner.orgId],
    );
    const { client_id: clientId, inn, contact } = rows[0]!;
    const ids = async (q: string) => (await findClients(db, owner, { q, pageSize: 200 })).items.map((c) => c.id);
    // Every demo client is found by the ИНН of each of its legal entities.
    const { rows: entities } = await db.engine.query<{ client_id: number; inn: string }>(
      'SELECT client_id, inn FROM legal_entities WHERE org_id = $1',
      [owner.orgId],
    );
    const missed: string[] = [];
    for (const e of entities) if (!(await ids(e.inn)).includes(e.client_id)) missed.push(`${e.client_id}/${e.inn}`);
    expect(missed).toEqual([]);
    expect(await ids(inn.slice(0, 8))).toContain(clientId);
    expect(await ids(contact)).toContain(clientId);
    expect(await ids((await getClient(db, owner, clientId)).name)).toContain(clientId);
  });

  it('is the same company for the same seed in another organisation', async () => {
    const first = loaded;
    const second = await loadedOrg();
    expect(second.summary).toEqual(first.summary);
    const fingerprint = async (orgId: number) => {
      const orders = (
        await db.engine.query<{ name: string; order_date: string; total: number; lines: number }>(
          `
        SELECT c.name, o.order_date, o.total, (SELECT count(*) FROM order_lines l WHERE l.org_id = o.org_id AND l.order_id = o.id)::int AS lines
        FROM orders o JOIN clients c ON c.org_id = o.org_id AND c.id = o.client_id WHERE o.org_id = $1`,
          [orgId],
        )
      ).rows
        .map((r) => `${r.name}|${r.order_date}|${r.total}|${r.lines}`)
        .sort();
      const clients = (
        await db.engine.query<{ name: string; status: string; region: string; inn: string }>(
          `
        SELECT c.name, c.status, c.region, l.inn FROM clients c JOIN legal_entities l ON l.org_id = c.org_id AND l.client_id = c.id WHERE c.org_id = $1`,
          [orgId],
        )
      ).rows
        .map((r) => `${r.name}|${r.status}|${r.region}|${r.inn}`)
        .sort();
      const paid = await scalar('SELECT coalesce(sum(amount), 0) FROM payments WHERE org_id = $1', [orgId]);
      return { orders, clients, paid };
    };
    const a = await fingerprint(first.owner.orgId);
    expect(a.orders).toHaveLength(first.summary.orders);
    expect(await fingerprint(second.owner.orgId)).toEqual(a);
  });

  it('cannot be loaded twice into the same organisation, and nothing changes', async () => {
    const { owner, summary } = loaded;
    const e = await refusal(loadDemo(db, owner.orgId, DEMO));
    expect(e.code).toBe('conflict');
    expect(await countsOf(owner.orgId)).toEqual(summary);
    expect((await refusal(loadDemo(db, 9_000_000_000, DEMO))).code).toBe('not_found');
  });
});

describe('loadDemo: after loading', () => {
  it('continues every id sequence past the demo ids', async () => {
    const { owner } = await loadedOrg();
    const maxId = (t: string) => scalar(`SELECT max(id) FROM ${t} WHERE org_id = $1`, [owner.orgId]);
    const before = {
      clients: await maxId('clients'),
      legal_entities: await maxId('legal_entities'),
      contacts: await maxId('contacts'),
      products: await maxId('products'),
      orders: await maxId('orders'),
      payments: await maxId('payments'),
      interactions: await maxId('interactions'),
      users: await maxId('users'),
    };
    const client = await createClient(db, owner, { name: 'ООО «После демо»' });
    const entity = await legalEntityService.create(db, owner, {
      clientId: client.id,
      fullName: 'ООО «После демо»',
      inn: '7707083893',
    });
    const contact = await contactService.create(db, owner, { clientId: client.id, fullName: 'Новиков Павел' });
    const product = await productService.create(db, owner, {
      sku: 'NEW-1',
      name: 'Новинка',
      listPrice: '10.00',
      cost: '5.00',
    });
    const order = await createOrder(db, owner, {
      clientId: client.id,
      number: 'Н-1',
      orderDate: '2026-07-01',
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const payment = await paymentService.create(db, owner, {
      clientId: client.id,
      orderId: order.id,
      paymentDate: '2026-07-02',
      amount: '10.00',
    });
    const interaction = await interactionService.create(db, owner, {
      clientId: client.id,
      contactId: contact.id,
      kind: 'call',
      occurredAt: '2026-07-01T09:00:00Z',
    });
    const user = await buildUser(db, owner.orgId, 'manager');
    const after: Record<keyof typeof before, number> = {
      clients: client.id,
      legal_entities: entity.id,
      contacts: contact.id,
      products: product.id,
      orders: order.id,
      payments: payment.id,
      interactions: interaction.id,
      users: user.userId,
    };
    const behind = (Object.keys(before) as (keyof typeof before)[])
      .filter((t) => !(after[t] > before[t]))
      .map((t) => `${t}: new id ${after[t]} ≤ demo max ${before[t]}`);
    expect(behind).toEqual([]);
  });
});

describe('removeDemo', () => {
  it('takes out the demo company and keeps the owner and what people added by hand', async () => {
    const { owner } = await loadedOrg();
    const demoManager = await scalar('SELECT min(id) FROM users WHERE org_id = $1 AND is_demo', [owner.orgId]);
    const mine = await buildClient(db, owner, { name: 'ООО «Своё»', ownerUserId: demoManager });
    const contact = await buildContact(db, owner, mine.id);
    const product = await buildProduct(db, owner);
    const order = await createOrder(db, owner, {
      clientId: mine.id,
      number: 'СВ-1',
      orderDate: '2026-07-01',
      managerUserId: demoManager,
      lines: [
        { productId: product.id, quantity: 2 },
        { productId: product.id, quantity: 1 },
      ],
    });

    expect(await removeDemo(db, owner.orgId)).toEqual({ clients: 60 });

    const ids = async (text: string) =>
      (await db.engine.query<{ id: number }>(text, [owner.orgId])).rows.map((r) => Number(r.id));
    expect(await ids('SELECT id FROM clients WHERE org_id = $1')).toEqual([mine.id]);
    expect(await ids('SELECT id FROM orders WHERE org_id = $1')).toEqual([order.id]);
    expect(await ids('SELECT line_no AS id FROM order_lines WHERE org_id = $1 ORDER BY line_no')).toEqual([1, 2]);
    expect(await ids('SELECT id FROM products WHERE org_id = $1')).toEqual([product.id]);
    expect(await ids('SELECT id FROM users WHERE org_id = $1')).toEqual([owner.userId]);
    expect(await ids('SELECT id FROM contacts WHERE org_id = $1')).toEqual([contact.id]);
    for (const t of ['legal_entities', 'payments', 'interactions', 'client_relations']) {
      expect(await scalar(`SELECT count(*) FROM ${t} WHERE org_id = $1`, [owner.orgId]), t).toBe(0);
    }
    expect(await scalar('SELECT count(*) FROM organizations WHERE id = $1 AND has_demo_data', [owner.orgId])).toBe(0);
    // The hand-made records that pointed at a demo manager keep existing, no longer pointing at anyone.
    expect((await getClient(db, owner, mine.id)).ownerUserId).toBeNull();
    expect(
      await scalar('SELECT count(*) FROM orders WHERE org_id = $1 AND manager_user_id IS NULL AND total = 300000', [
        owner.orgId,
      ]),
    ).toBe(1); // (2 + 1) × 1000.00 = 3000.00 ₽

    // With the demo gone it can be loaded again.
    const again = await loadDemo(db, owner.orgId, DEMO);
    expect(again.clients).toBe(60);
    expect(await scalar('SELECT count(*) FROM clients WHERE org_id = $1', [owner.orgId])).toBe(61);
  });

  it('touches no other organisation', async () => {
    const { owner } = await loadedOrg();
    const { owner: other, summary } = await loadedOrg();
    await removeDemo(db, owner.orgId);
    expect(await countsOf(other.orgId)).toEqual(summary);
    expect(await countsOf(owner.orgId)).toEqual(Object.fromEntries(TABLES.map((t) => [t, 0])));
  });
});
