import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { readWorkbook } from '../../../test/support/workbook.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildLegalEntity, buildOrg, buildProduct, buildUser } from '../../../test/support/factories.js';
import { defaultAnalyticsSettings } from '../../core/analytics/settings.js';
import { retentionCharts } from '../../db/queries/analytics/charts.js';
import type { Actor } from '../actor.js';
import { refreshAnalytics } from '../analytics/refresh.js';
import { runImport } from '../import/run-import.js';
import { createOrder, updateOrder } from '../sales/orders.js';
import { markClientLost } from './losses.js';

const TODAY = '2025-12-20';
const db = await useDatabase({ today: TODAY });
const app = await useApp(db);

const clientRow = async (orgId: number, id: number) =>
  (
    await db.engine.query<{ status: string; lost_on: string | null }>(
      'SELECT status, lost_on::text AS lost_on FROM clients WHERE org_id = $1 AND id = $2',
      [orgId, id],
    )
  ).rows[0];
const lossRows = async (orgId: number) =>
  (
    await db.engine.query<{
      client_id: number;
      lost_on: string;
      won_back_on: string | null;
      won_back_order_id: number | null;
    }>(
      'SELECT client_id, lost_on::text AS lost_on, won_back_on::text AS won_back_on, won_back_order_id FROM client_losses WHERE org_id = $1 ORDER BY id',
      [orgId],
    )
  ).rows.map((r) => ({
    ...r,
    client_id: Number(r.client_id),
    won_back_order_id: r.won_back_order_id === null ? null : Number(r.won_back_order_id),
  }));

/** An order of `qty` units of a product sold at 1000.00 with a cost of 600.00 (margin 400.00 a unit). */
async function sell(
  actor: Actor,
  clientId: number,
  productId: number,
  orderDate: string,
  qty = 1,
  status: 'completed' | 'draft' | 'cancelled' = 'completed',
) {
  return createOrder(db, actor, {
    clientId,
    number: `N-${clientId}-${orderDate}-${qty}-${status}`,
    orderDate,
    status,
    lines: [{ productId, quantity: qty }],
  });
}

describe('marking a client lost', () => {
  it('records the loss with its defaults: today, significance from the card, profit over the last 12 months; the client is lost', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const product = await buildProduct(db, owner, { listPrice: '1000.00', cost: '600.00' });
    const client = await buildClient(db, owner, { significance: 'key' });
    // 12 months up to December 2025: January 2025 to December 2025; December 2024 falls outside.
    await sell(owner, client.id, product.id, '2024-12-10', 10);
    await sell(owner, client.id, product.id, '2025-03-10', 5);
    await sell(owner, client.id, product.id, '2025-11-10', 2);
    const res = await call({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/loss`,
      payload: {
        reason: 'competitor',
        competitor: '  ООО «Конкурент»  ',
        systemicError: 'Не звонили полгода',
        winBackPlan: 'Встреча с директором',
      },
    });
    expect(res.statusCode).toBe(201);
    const loss = res.json();
    expect(loss).toMatchObject({
      clientId: client.id,
      clientName: client.name,
      lostOn: TODAY,
      reason: 'competitor',
      competitor: 'ООО «Конкурент»',
      significance: 'key',
      profitAtLoss: '2800.00',
      systemicError: 'Не звонили полгода',
      winBackPlan: 'Встреча с директором',
      reasonNotes: null,
      wonBackOn: null,
      wonBackOrderId: null,
      wonBackOrderNumber: null,
      createdBy: owner.userId,
    });
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'lost', lost_on: TODAY });
    // The analytics upkeep ran: the client is on the ladder's bottom step now.
    const {
      rows: [figures],
    } = await db.engine.query<{ ladder_stage: string }>(
      'SELECT ladder_stage FROM client_figures WHERE org_id = $1 AND client_id = $2',
      [owner.orgId, client.id],
    );
    expect(figures!.ladder_stage).toBe('lost');
    expect((await call({ url: `/api/v1/losses/${loss.id}` })).json()).toEqual(loss);
    const list = (await call({ url: `/api/v1/losses?clientId=${client.id}` })).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: loss.id }] });
  });

  it('has no profit at loss for a client with no activity in the 12 months', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, { status: 'prospect' });
    const loss = await markClientLost(db, owner, client.id, { reason: 'no_longer_needs', lostOn: '2025-06-30' });
    expect(loss).toMatchObject({ profitAtLoss: null, significance: null, lostOn: '2025-06-30' });
  });

  it('records the reason for a client marked lost before losses were recorded, keeping its day', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    await db.engine.query(`UPDATE clients SET status = 'lost', lost_on = '2025-03-03' WHERE org_id = $1 AND id = $2`, [
      owner.orgId,
      client.id,
    ]);
    const loss = await markClientLost(db, owner, client.id, { reason: 'client_crisis' });
    expect(loss.lostOn).toBe('2025-03-03');
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'lost', lost_on: '2025-03-03' });
  });

  it('refuses bad input with the field and the reason, and writes nothing', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const product = await buildProduct(db, owner);
    const client = await buildClient(db, owner);
    await sell(owner, client.id, product.id, '2025-10-01');
    const refused = async (payload: object, field: string, reason?: string) => {
      const res = await call({ method: 'POST', url: `/api/v1/clients/${client.id}/loss`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      const errors = res.json().errors as { field: string; reason: string; messageRu?: string }[];
      expect(errors.map((e) => e.field)).toContain(field);
      if (reason) expect(errors.find((e) => e.field === field)!.reason).toBe(reason);
      expect(errors.find((e) => e.field === field)!.messageRu).toBeTruthy();
    };
    await refused({ reason: 'bad_luck' }, 'reason');
    await refused({}, 'reason');
    await refused({ reason: 'competitor' }, 'competitor', 'required');
    await refused({ reason: 'competitor', competitor: '   ' }, 'competitor', 'required');
    await refused({ reason: 'price', lostOn: '2025-12-21' }, 'lostOn', 'future');
    await refused({ reason: 'price', lostOn: '2025-13-01' }, 'lostOn');
    await refused({ reason: 'price', lostOn: '2025-10-01' }, 'lostOn', 'beforeLastPurchase');
    await refused({ reason: 'price', wonBackOn: '2025-12-01' }, 'wonBackOn', 'unknown');
    expect(await lossRows(owner.orgId)).toEqual([]);
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'active', lost_on: null });
  });

  it('answers 409 for a second loss while one is open, and keeps the first', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    expect(
      (
        await call({
          method: 'POST',
          url: `/api/v1/clients/${client.id}/loss`,
          payload: { reason: 'price', lostOn: '2025-11-01' },
        })
      ).statusCode,
    ).toBe(201);
    const again = await call({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/loss`,
      payload: { reason: 'quality' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict' });
    expect(await lossRows(owner.orgId)).toEqual([
      { client_id: client.id, lost_on: '2025-11-01', won_back_on: null, won_back_order_id: null },
    ]);
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'lost', lost_on: '2025-11-01' });
  });

  it('refuses the status "lost" without a loss record: PATCH and create answer 400 on status', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    const patched = await call({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      payload: { status: 'lost', region: 'Тверь' },
    });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().errors).toEqual([expect.objectContaining({ field: 'status', reason: 'useLossForm' })]);
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'active', lost_on: null });
    const created = await call({
      method: 'POST',
      url: '/api/v1/clients',
      payload: { name: 'ООО «Сразу потерянный»', status: 'lost' },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors[0]).toMatchObject({ field: 'status', reason: 'useLossForm' });
    // A lost client's other fields can still be edited, with its status sent as it is (as the card's form does).
    await markClientLost(db, owner, client.id, { reason: 'price' });
    const edited = await call({
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      payload: { status: 'lost', region: 'Тверь' },
    });
    expect(edited.statusCode).toBe(200);
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'lost', lost_on: TODAY });
  });

  it('edits the texts of a loss: reason, competitor, notes, systemic error, plan; dates and figures stay', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner, { significance: 'major' });
    const loss = await markClientLost(db, owner, client.id, { reason: 'price', lostOn: '2025-10-10' });
    const bad = await call({ method: 'PATCH', url: `/api/v1/losses/${loss.id}`, payload: { reason: 'competitor' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'competitor', reason: 'required' });
    expect(
      (await call({ method: 'PATCH', url: `/api/v1/losses/${loss.id}`, payload: { lostOn: '2025-01-01' } })).statusCode,
    ).toBe(400);
    const res = await call({
      method: 'PATCH',
      url: `/api/v1/losses/${loss.id}`,
      payload: {
        reason: 'competitor',
        competitor: 'ГК «Вектор»',
        systemicError: 'Не отслеживали падение заказов',
        reasonNotes: ' ',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      reason: 'competitor',
      competitor: 'ГК «Вектор»',
      systemicError: 'Не отслеживали падение заказов',
      reasonNotes: null,
      lostOn: '2025-10-10',
      significance: 'major',
    });
  });

  it("answers 404 for another organisation's client or loss, and changes nothing", async () => {
    const owner = await buildOrg(db);
    const stranger = await buildOrg(db);
    const call = await signedIn(app, stranger.email);
    const client = await buildClient(db, owner);
    const other = await buildClient(db, owner);
    const loss = await markClientLost(db, owner, other.id, { reason: 'price', systemicError: 'до' });
    expect(
      (await call({ method: 'POST', url: `/api/v1/clients/${client.id}/loss`, payload: { reason: 'price' } }))
        .statusCode,
    ).toBe(404);
    expect((await call({ url: `/api/v1/losses/${loss.id}` })).statusCode).toBe(404);
    expect(
      (await call({ method: 'PATCH', url: `/api/v1/losses/${loss.id}`, payload: { systemicError: 'после' } }))
        .statusCode,
    ).toBe(404);
    expect((await call({ url: '/api/v1/losses' })).json()).toMatchObject({ total: 0, items: [] });
    expect((await call({ url: '/api/v1/losses/pareto?from=2025-01-01&to=2025-12-31' })).json()).toMatchObject({
      losses: 0,
      reasons: [],
    });
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'active', lost_on: null });
    const { rows } = await db.engine.query<{ systemic_error: string }>(
      'SELECT systemic_error FROM client_losses WHERE org_id = $1',
      [owner.orgId],
    );
    expect(rows).toEqual([{ systemic_error: 'до' }]);
  });

  it('lets a read-only user and an analyst look but not mark lost or edit (403)', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const loss = await markClientLost(db, owner, (await buildClient(db, owner)).id, { reason: 'price' });
    for (const role of ['read_only', 'analyst']) {
      const user = await buildUser(db, owner.orgId, role);
      const call = await signedIn(app, user.email);
      expect(
        (await call({ method: 'POST', url: `/api/v1/clients/${client.id}/loss`, payload: { reason: 'price' } }))
          .statusCode,
      ).toBe(403);
      expect(
        (await call({ method: 'PATCH', url: `/api/v1/losses/${loss.id}`, payload: { systemicError: 'x' } })).statusCode,
      ).toBe(403);
      expect((await call({ url: `/api/v1/losses/${loss.id}` })).statusCode).toBe(200);
    }
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'active', lost_on: null });
    expect((await lossRows(owner.orgId)).length).toBe(1);
  });
});

describe('won back', () => {
  it('a lost client who buys again through the API is won back with that order; drafts, cancellations and earlier documents do not count', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const product = await buildProduct(db, owner);
    const client = await buildClient(db, owner);
    await sell(owner, client.id, product.id, '2025-03-01');
    const loss = await markClientLost(db, owner, client.id, { reason: 'service', lostOn: '2025-06-01' });
    await sell(owner, client.id, product.id, '2025-07-01', 1, 'draft');
    await sell(owner, client.id, product.id, '2025-07-02', 1, 'cancelled');
    await sell(owner, client.id, product.id, '2025-05-15');
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'lost', lost_on: '2025-06-01' });
    const res = await call({
      method: 'POST',
      url: '/api/v1/orders',
      payload: {
        clientId: client.id,
        number: 'ВОЗВРАТ-1',
        orderDate: '2025-09-15',
        lines: [{ productId: product.id, quantity: 3 }],
      },
    });
    expect(res.statusCode).toBe(201);
    const order = res.json();
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'active', lost_on: null });
    expect((await call({ url: `/api/v1/losses/${loss.id}` })).json()).toMatchObject({
      wonBackOn: '2025-09-15',
      wonBackOrderId: order.id,
      wonBackOrderNumber: 'ВОЗВРАТ-1',
    });
    // The ladder history was redone from the day of the loss: no "lost" step is left from the manual mark.
    const { rows } = await db.engine.query<{ month: string; stage: string }>(
      'SELECT month::text AS month, stage FROM client_stage_changes WHERE org_id = $1 AND client_id = $2 ORDER BY month',
      [owner.orgId, client.id],
    );
    expect(rows.map((r) => r.stage)).not.toContain('lost');
    // The client can be lost again later: a new open loss.
    const second = await markClientLost(db, owner, client.id, { reason: 'price', lostOn: '2025-12-01' });
    expect(second.wonBackOn).toBeNull();
    expect((await lossRows(owner.orgId)).map((l) => l.won_back_on)).toEqual(['2025-09-15', null]);
  });

  it('a draft confirmed later wins the client back when the order is updated', async () => {
    const owner = await buildOrg(db);
    const product = await buildProduct(db, owner);
    const client = await buildClient(db, owner);
    await markClientLost(db, owner, client.id, { reason: 'price', lostOn: '2025-04-01' });
    const draft = await sell(owner, client.id, product.id, '2025-08-01', 2, 'draft');
    expect((await clientRow(owner.orgId, client.id))!.status).toBe('lost');
    await updateOrder(db, owner, draft.id, { status: 'confirmed' });
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'active', lost_on: null });
    expect(await lossRows(owner.orgId)).toEqual([
      { client_id: client.id, lost_on: '2025-04-01', won_back_on: '2025-08-01', won_back_order_id: draft.id },
    ]);
  });

  it('lost clients who bought again in a sales import are won back in one go', async () => {
    const owner = await buildOrg(db);
    const back = await buildClient(db, owner, { name: 'ПАО Сбербанк' });
    await buildLegalEntity(db, owner, back.id, { inn: '7707083893' });
    const stays = await buildClient(db, owner, { name: 'АО «Альфа-Банк»' });
    await buildLegalEntity(db, owner, stays.id, {
      fullName: 'АО «Альфа-Банк»',
      inn: '7728168971',
      kpp: '770801001',
      ogrn: '1027700067328',
    });
    await markClientLost(db, owner, back.id, {
      reason: 'competitor',
      competitor: 'ООО «Другой»',
      lostOn: '2025-05-01',
    });
    await markClientLost(db, owner, stays.id, { reason: 'price', lostOn: '2025-05-01' });
    const dir = mkdtempSync(join(tmpdir(), 'rapport-losses-'));
    const path = join(dir, 'sales.csv');
    writeFileSync(
      path,
      [
        'Номер;Дата;Контрагент;ИНН;Номенклатура;Количество;Цена;Сумма',
        'РН-1;10.12.2025;ПАО Сбербанк;7707083893;Кабель;10;100,00;1000,00',
        'РН-2;12.12.2025;ПАО Сбербанк;7707083893;Кабель;5;100,00;500,00',
        // Before the loss: history, not a return to us.
        'РН-3;20.04.2025;АО «Альфа-Банк»;7728168971;Кабель;1;100,00;100,00',
      ].join('\n'),
    );
    const result = await runImport(db, owner, { path, kind: 'sales' });
    expect(result.status).toBe('done');
    const {
      rows: [first],
    } = await db.engine.query<{ id: number }>(`SELECT id FROM orders WHERE org_id = $1 AND number = 'РН-1'`, [
      owner.orgId,
    ]);
    expect(await lossRows(owner.orgId)).toEqual([
      { client_id: back.id, lost_on: '2025-05-01', won_back_on: '2025-12-10', won_back_order_id: Number(first!.id) },
      { client_id: stays.id, lost_on: '2025-05-01', won_back_on: null, won_back_order_id: null },
    ]);
    expect(await clientRow(owner.orgId, back.id)).toEqual({ status: 'active', lost_on: null });
    expect(await clientRow(owner.orgId, stays.id)).toEqual({ status: 'lost', lost_on: '2025-05-01' });
    const {
      rows: [stage],
    } = await db.engine.query<{ ladder_stage: string }>(
      'SELECT ladder_stage FROM client_figures WHERE org_id = $1 AND client_id = $2',
      [owner.orgId, back.id],
    );
    expect(stage!.ladder_stage).toBe('repeat_purchase');
  });

  it('moving a lost client back to active by hand closes its loss as won back that day, with no order', async () => {
    const owner = await buildOrg(db);
    const call = await signedIn(app, owner.email);
    const client = await buildClient(db, owner);
    const loss = await markClientLost(db, owner, client.id, { reason: 'relocation', lostOn: '2025-09-01' });
    const res = await call({ method: 'PATCH', url: `/api/v1/clients/${client.id}`, payload: { status: 'active' } });
    expect(res.statusCode).toBe(200);
    expect(await clientRow(owner.orgId, client.id)).toEqual({ status: 'active', lost_on: null });
    expect((await call({ url: `/api/v1/losses/${loss.id}` })).json()).toMatchObject({
      wonBackOn: TODAY,
      wonBackOrderId: null,
      reason: 'relocation',
    });
  });
});

describe('the Pareto of loss reasons', () => {
  /** Ten losses of 2025 by hand (profits in kopecks), one of December 2024 and one of another organisation. */
  async function handMade() {
    const owner = await buildOrg(db);
    const stranger = await buildOrg(db);
    const rows: [string, string, number | null, string | null, string | null, string | null][] = [
      // reason, lost on, profit at loss, competitor, significance, won back on
      ['competitor', '2025-01-15', 100_000_00, 'ООО «Альфа»', 'key', null],
      ['competitor', '2025-02-15', 50_000_00, ' ооо «альфа» ', 'key', '2025-06-01'],
      ['competitor', '2025-03-15', 50_000_00, 'ГК «Бета»', 'medium', null],
      ['competitor', '2025-04-15', -20_000_00, 'ООО «Альфа»', null, null],
      ['competitor', '2025-05-15', null, 'ГК «Бета»', 'minor', null],
      ['price', '2025-06-15', 200_000_00, null, 'major', '2025-11-01'],
      ['price', '2025-07-15', 100_000_00, null, null, null],
      ['price', '2025-08-15', 0, null, null, null],
      ['quality', '2025-09-15', 500_000_00, null, 'minor', null],
      ['logistics', '2025-12-31', null, null, null, null],
      ['price', '2024-12-31', 900_000_00, null, 'key', null],
    ];
    for (const [reason, lostOn, profit, competitor, significance, wonBackOn] of rows) {
      const client = await buildClient(db, owner);
      await db.engine.query(
        `INSERT INTO client_losses (org_id, client_id, lost_on, reason, competitor, significance, profit_at_loss, won_back_on)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [owner.orgId, client.id, lostOn, reason, competitor, significance, profit, wonBackOn],
      );
    }
    const theirs = await buildClient(db, stranger);
    await db.engine.query(
      `INSERT INTO client_losses (org_id, client_id, lost_on, reason, profit_at_loss) VALUES ($1, $2, '2025-05-05', 'quality', 1000000000)`,
      [stranger.orgId, theirs.id],
    );
    return owner;
  }

  it('counts, shares and the cumulative line by the number of losses; the competitors named most; the won-back rate', async () => {
    const owner = await handMade();
    const call = await signedIn(app, owner.email);
    const res = await call({ url: '/api/v1/losses/pareto?from=2025-01-01&to=2025-12-31' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      period: { from: '2025-01-01', to: '2025-12-31' },
      by: 'count',
      losses: 10,
      significant: 3,
      profitLost: '1000000.00',
      wonBack: 2,
      wonBackRate: 0.2,
      reasons: [
        {
          reason: 'competitor',
          count: 5,
          profitLost: '200000.00',
          share: 0.5,
          cumulativeShare: 0.5,
          vitalFew: true,
          significant: 2,
          wonBack: 1,
        },
        {
          reason: 'price',
          count: 3,
          profitLost: '300000.00',
          share: 0.3,
          cumulativeShare: 0.8,
          vitalFew: true,
          significant: 1,
          wonBack: 1,
        },
        // One loss each: the tie goes to the larger profit lost.
        {
          reason: 'quality',
          count: 1,
          profitLost: '500000.00',
          share: 0.1,
          cumulativeShare: 0.9,
          vitalFew: false,
          significant: 0,
          wonBack: 0,
        },
        {
          reason: 'logistics',
          count: 1,
          profitLost: '0.00',
          share: 0.1,
          cumulativeShare: 1,
          vitalFew: false,
          significant: 0,
          wonBack: 0,
        },
      ],
      competitors: [
        { competitor: 'ООО «Альфа»', count: 3, profitLost: '150000.00' },
        { competitor: 'ГК «Бета»', count: 2, profitLost: '50000.00' },
      ],
    });
  });

  it('ranks by the profit lost', async () => {
    const owner = await handMade();
    const call = await signedIn(app, owner.email);
    const pareto = (await call({ url: '/api/v1/losses/pareto?from=2025-01-01&to=2025-12-31&by=profit' })).json();
    expect(
      pareto.reasons.map((r: { reason: string; share: number; cumulativeShare: number; vitalFew: boolean }) => [
        r.reason,
        r.share,
        r.cumulativeShare,
        r.vitalFew,
      ]),
    ).toEqual([
      ['quality', 0.5, 0.5, true],
      ['price', 0.3, 0.8, true],
      ['competitor', 0.2, 1, false],
      ['logistics', 0, 1, false],
    ]);
    // A narrower period: the first quarter only.
    const q1 = (await call({ url: '/api/v1/losses/pareto?from=2025-01-01&to=2025-03-31&by=profit' })).json();
    expect(q1).toMatchObject({
      losses: 3,
      profitLost: '200000.00',
      wonBack: 1,
      reasons: [{ reason: 'competitor', count: 3, share: 1, cumulativeShare: 1 }],
    });
    expect((await call({ url: '/api/v1/losses/pareto?from=2025-04-01&to=2025-03-31' })).statusCode).toBe(400);
    expect((await call({ url: '/api/v1/losses/pareto?by=revenue' })).statusCode).toBe(400);
  });

  it('lists and exports the losses with localized headers and reasons', async () => {
    const owner = await handMade();
    const call = await signedIn(app, owner.email);
    const list = (
      await call({ url: '/api/v1/losses?from=2025-01-01&to=2025-12-31&reason=competitor&sort=-profitAtLoss' })
    ).json();
    expect(list.total).toBe(5);
    expect(list.items.map((l: { profitAtLoss: string | null }) => l.profitAtLoss)).toEqual([
      '100000.00',
      '50000.00',
      '50000.00',
      '-20000.00',
      null,
    ]);
    expect((await call({ url: '/api/v1/losses?state=won_back' })).json().total).toBe(2);
    expect((await call({ url: '/api/v1/losses?significantOnly=true' })).json().total).toBe(4);
    const csv = await call({ url: '/api/v1/losses?format=csv&lang=ru&reason=quality' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toContain('Дата потери');
    expect(lines[0]).toContain('Причина потери');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Качество');
    expect(lines[1]).toContain('Малый');
    expect(lines[1]).toMatch(/;\d\d\.\d\d\.\d{4};/); // the date of loss as Russian Excel writes it
    const xlsx = await call({ url: '/api/v1/losses?format=xlsx&lang=en' });
    expect(xlsx.statusCode).toBe(200);
    const [sheet] = readWorkbook(xlsx.rawPayload);
    // Money, dates and timestamps are numbers Excel can sum and sort; the reason is in words.
    const profit = sheet!.column('Profit over 12 months before the loss').filter((c) => c !== null);
    expect(profit.every((c) => c.type === 'number' && c.format === '#,##0.00')).toBe(true);
    expect(profit.map((c) => c.value)).toEqual(expect.arrayContaining([100000, 50000, -20000]));
    expect(sheet!.column('Lost on').every((c) => c?.type === 'number' && c.format === 'yyyy-mm-dd')).toBe(true);
    expect(
      sheet!.column('Created (UTC)').every((c) => c?.type === 'number' && c.format === 'yyyy-mm-dd hh:mm:ss'),
    ).toBe(true);
    expect(sheet!.column('Reason').every((c) => c?.type === 'text' && !/_/.test(c.value))).toBe(true);
  });
});

describe('the lost-vs-gained alarm counts recorded significant losses', () => {
  it('counts key/major and class-A-by-profit losses in the quarter of the loss, once per client, and not again in the next quarter', async () => {
    const owner = await buildOrg(db);
    const product = await buildProduct(db, owner, { listPrice: '1000.00', cost: '600.00' });
    const big = await buildClient(db, owner, { name: 'Big', significance: 'key' });
    const z = await buildClient(db, owner, { name: 'Z', significance: 'major' });
    const minor = await buildClient(db, owner, { name: 'Minor but profitable', significance: 'minor' });
    const small = await buildClient(db, owner, { name: 'Small', significance: 'minor' });
    const fillers = [await buildClient(db, owner), await buildClient(db, owner), await buildClient(db, owner)];
    for (const day of ['2025-02-10', '2025-05-10', '2025-07-10']) await sell(owner, big.id, product.id, day, 100);
    for (const day of ['2025-02-11', '2025-05-11']) await sell(owner, z.id, product.id, day, 50);
    for (const day of ['2025-02-12', '2025-05-12', '2025-07-12']) await sell(owner, minor.id, product.id, day, 80);
    for (const day of ['2025-02-13', '2025-05-13', '2025-07-13']) await sell(owner, small.id, product.id, day, 1);
    for (const f of fillers)
      for (const day of ['2025-02-15', '2025-05-15', '2025-08-15', '2025-10-15'])
        await sell(owner, f.id, product.id, day, 10);
    const quarter = async () => {
      const { quarters } = await retentionCharts(db, owner.orgId, defaultAnalyticsSettings);
      return Object.fromEntries(quarters.map((q) => [q.period, q.significantLost]));
    };
    // Inferred from purchases alone: Z (significant in Q2) bought nothing in Q3; Big and Minor (significant in Q3) nothing in Q4.
    expect(await quarter()).toEqual({ '2025-04-01': 0, '2025-07-01': 1, '2025-10-01': 2 });
    await refreshAnalytics(db, owner.orgId);

    await markClientLost(db, owner, big.id, { reason: 'competitor', competitor: 'ООО «Другой»', lostOn: '2025-08-20' });
    await markClientLost(db, owner, z.id, { reason: 'price', lostOn: '2025-07-20' });
    // Minor on the card, but 96 000 ₽ over its 12 months: above the smallest class-A profit of 2025 (Z's 40 000 ₽).
    const minorLoss = await markClientLost(db, owner, minor.id, { reason: 'service', lostOn: '2025-09-01' });
    expect(minorLoss.profitAtLoss).toBe('96000.00');
    // Minor on the card and 1 200 ₽: not significant either way.
    await markClientLost(db, owner, small.id, { reason: 'price', lostOn: '2025-08-01' });
    // Q3: Z (inferred and recorded, counted once), Big and Minor (recorded); Q4: Big and Minor are not counted again.
    expect(await quarter()).toEqual({ '2025-04-01': 0, '2025-07-01': 3, '2025-10-01': 0 });

    // The background refresh the same day recomputes the charts, since a loss was recorded.
    await refreshAnalytics(db, owner.orgId);
    const {
      rows: [summary],
    } = await db.engine.query<{ summary: { quarters: { period: string; significantLost: number; alarm: boolean }[] } }>(
      'SELECT summary FROM org_analytics WHERE org_id = $1',
      [owner.orgId],
    );
    expect(summary!.summary.quarters.find((q) => q.period === '2025-07-01')).toMatchObject({
      significantLost: 3,
      alarm: true,
    });
  });
});
