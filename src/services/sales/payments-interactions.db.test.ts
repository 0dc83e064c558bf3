import { describe, expect, it } from 'vitest';
import { fieldsOf, refusal } from '../../../test/support/refusal.js';
import { useDatabase } from '../../../test/support/database.js';
import {
  buildClient,
  buildContact,
  buildLegalEntity,
  buildOrg,
  buildProduct,
  buildUser,
} from '../../../test/support/factories.js';
import { shareClient } from '../access/shares.js';
import { systemActor } from '../actor.js';
import { interactionService } from './interactions.js';
import { createOrder } from './orders.js';
import { paymentService } from './payments.js';

const db = await useDatabase();

const count = async (table: string, orgId: number) =>
  Number(
    (await db.engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]))
      .rows[0]!.n,
  );

describe('payments', () => {
  it("records a payment to the kopeck against the client's own order and legal entity", async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const entity = await buildLegalEntity(db, owner, client.id);
    const product = await buildProduct(db, owner);
    const order = await createOrder(db, owner, {
      clientId: client.id,
      number: 'РН-1',
      orderDate: '2026-02-27',
      lines: [{ productId: product.id, quantity: 3 }],
    });
    const payment = await paymentService.create(db, owner, {
      clientId: client.id,
      orderId: order.id,
      legalEntityId: entity.id,
      paymentDate: '2026-02-28',
      amount: '2999.99',
    });
    expect(payment).toMatchObject({
      clientId: client.id,
      orderId: order.id,
      legalEntityId: entity.id,
      paymentDate: '2026-02-28',
      amount: '2999.99',
    });
    const { rows } = await db.engine.query('SELECT amount FROM payments WHERE org_id = $1 AND id = $2', [
      owner.orgId,
      payment.id,
    ]);
    expect(rows[0]).toEqual({ amount: 299_999 }); // 2999.99 ₽ = 2999 × 100 + 99 коп
    expect(await paymentService.get(db, owner, payment.id)).toEqual(payment);
  });

  it('refuses a payment of zero and an over-precise amount, and writes nothing', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    for (const amount of [0, '0', '0.00', '-0.00']) {
      const e = await refusal(
        paymentService.create(db, owner, { clientId: client.id, paymentDate: '2026-03-01', amount }),
      );
      expect(e.code).toBe('invalid_input');
      expect(fieldsOf(e), String(amount)).toEqual([['amount', 'zero']]);
    }
    const e = await refusal(
      paymentService.create(db, owner, { clientId: client.id, paymentDate: '2026-03-01', amount: '10.001' }),
    );
    expect(fieldsOf(e)).toEqual([['amount', 'money']]);
    expect(await count('payments', owner.orgId)).toBe(0);
    const paid = await paymentService.create(db, owner, { clientId: client.id, paymentDate: '2026-03-01', amount: 10 });
    const e2 = await refusal(paymentService.update(db, owner, paid.id, { amount: '0.00' }));
    expect(fieldsOf(e2)).toEqual([['amount', 'zero']]);
    expect((await paymentService.get(db, owner, paid.id)).amount).toBe('10.00');
  });

  it('refuses an order or a legal entity of another client', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const other = await buildClient(db, owner);
    const product = await buildProduct(db, owner);
    const theirOrder = await createOrder(db, owner, {
      clientId: other.id,
      number: 'РН-9',
      orderDate: '2026-03-01',
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const theirEntity = await buildLegalEntity(db, owner, other.id);
    const e = await refusal(
      paymentService.create(db, owner, {
        clientId: client.id,
        orderId: theirOrder.id,
        paymentDate: '2026-03-02',
        amount: '1000.00',
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['orderId', 'otherClient']]);
    const e2 = await refusal(
      paymentService.create(db, owner, {
        clientId: client.id,
        orderId: theirOrder.id,
        legalEntityId: theirEntity.id,
        paymentDate: '2026-03-02',
        amount: '1000.00',
      }),
    );
    expect(fieldsOf(e2)).toEqual([
      ['legalEntityId', 'otherClient'],
      ['orderId', 'otherClient'],
    ]);
    expect(await count('payments', owner.orgId)).toBe(0);
    // Moving a payment to another client while it still names the first client's order is refused too.
    const own = await paymentService.create(db, owner, {
      clientId: other.id,
      orderId: theirOrder.id,
      paymentDate: '2026-03-02',
      amount: '1000.00',
    });
    const e3 = await refusal(paymentService.update(db, owner, own.id, { clientId: client.id }));
    expect(fieldsOf(e3)).toEqual([['orderId', 'otherClient']]);
    expect((await paymentService.get(db, owner, own.id)).clientId).toBe(other.id);
  });

  it("answers not_found for another organisation's client, order or payment", async () => {
    const owner = await buildOrg(db);
    const stranger = await buildOrg(db);
    const client = await buildClient(db, owner);
    const theirClient = await buildClient(db, stranger);
    const product = await buildProduct(db, stranger);
    const theirOrder = await createOrder(db, stranger, {
      clientId: theirClient.id,
      number: 'X',
      orderDate: '2026-03-01',
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const theirPayment = await paymentService.create(db, stranger, {
      clientId: theirClient.id,
      paymentDate: '2026-03-01',
      amount: '5.00',
    });
    expect(
      (
        await refusal(
          paymentService.create(db, owner, { clientId: theirClient.id, paymentDate: '2026-03-01', amount: '5.00' }),
        )
      ).code,
    ).toBe('not_found');
    expect(
      (
        await refusal(
          paymentService.create(db, owner, {
            clientId: client.id,
            orderId: theirOrder.id,
            paymentDate: '2026-03-01',
            amount: '5.00',
          }),
        )
      ).code,
    ).toBe('not_found');
    expect((await refusal(paymentService.get(db, owner, theirPayment.id))).code).toBe('not_found');
    expect((await refusal(paymentService.remove(db, owner, theirPayment.id))).code).toBe('not_found');
    expect(await count('payments', owner.orgId)).toBe(0);
  });

  it("lists a client's payments by date, newest first", async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const other = await buildClient(db, owner);
    for (const [clientId, paymentDate, amount] of [
      [client.id, '2026-01-10', '1.00'],
      [client.id, '2026-03-10', '3.00'],
      [other.id, '2026-02-10', '2.00'],
      [client.id, '2026-02-28', '2.50'],
    ] as const) {
      await paymentService.create(db, owner, { clientId, paymentDate, amount });
    }
    const page = await paymentService.find(db, owner, { clientId: client.id, from: '2026-02-01' });
    expect(page.items.map((p) => [p.paymentDate, p.amount])).toEqual([
      ['2026-03-10', '3.00'],
      ['2026-02-28', '2.50'],
    ]);
    expect(page.total).toBe(2);
  });
});

describe('interactions', () => {
  it('defaults the user to the actor, converts the time to UTC and keeps the spend to the kopeck', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const contact = await buildContact(db, owner, client.id);
    const created = await interactionService.create(db, owner, {
      clientId: client.id,
      contactId: contact.id,
      kind: 'reception',
      occurredAt: '2026-03-01T19:30:00+03:00',
      durationMinutes: 180,
      moneySpent: '15000.50',
    });
    expect(created).toMatchObject({
      clientId: client.id,
      contactId: contact.id,
      userId: owner.userId,
      kind: 'reception',
      occurredAt: '2026-03-01T16:30:00.000Z',
      durationMinutes: 180,
      moneySpent: '15000.50',
    });
    const { rows } = await db.engine.query('SELECT money_spent FROM interactions WHERE org_id = $1 AND id = $2', [
      owner.orgId,
      created.id,
    ]);
    expect(rows[0]).toEqual({ money_spent: 1_500_050 });
    // Another user of the same organisation may be named if they may see the client; the CLI (no user) leaves it empty.
    const colleague = await buildUser(db, owner.orgId, 'manager');
    const unseen = await refusal(
      interactionService.create(db, owner, {
        clientId: client.id,
        kind: 'call',
        occurredAt: '2026-03-02T10:00:00Z',
        userId: colleague.userId,
      }),
    );
    expect(unseen.fields).toEqual([expect.objectContaining({ field: 'userId', reason: 'cannotSeeClient' })]);
    await shareClient(db, owner, client.id, { userId: colleague.userId });
    expect(
      (
        await interactionService.create(db, owner, {
          clientId: client.id,
          kind: 'call',
          occurredAt: '2026-03-02T10:00:00Z',
          userId: colleague.userId,
        })
      ).userId,
    ).toBe(colleague.userId);
    const bySystem = await interactionService.create(db, systemActor(owner.orgId), {
      clientId: client.id,
      kind: 'email',
      occurredAt: '2026-03-03T10:00:00.000Z',
    });
    expect(bySystem).toMatchObject({ userId: null, moneySpent: '0.00', durationMinutes: 0 });
    const list = await interactionService.find(db, owner, { clientId: client.id });
    expect(list.items.map((i) => i.kind)).toEqual(['email', 'call', 'reception']); // newest first
  });

  it('refuses a contact of another client, and a user or contact of another organisation', async () => {
    const owner = await buildOrg(db);
    const stranger = await buildOrg(db);
    const client = await buildClient(db, owner);
    const other = await buildClient(db, owner);
    const theirs = await buildContact(db, owner, other.id);
    const e = await refusal(
      interactionService.create(db, owner, {
        clientId: client.id,
        contactId: theirs.id,
        kind: 'call',
        occurredAt: '2026-03-01T10:00:00Z',
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['contactId', 'otherClient']]);
    const strangerClient = await buildClient(db, stranger);
    const strangerContact = await buildContact(db, stranger, strangerClient.id);
    expect(
      (
        await refusal(
          interactionService.create(db, owner, {
            clientId: client.id,
            contactId: strangerContact.id,
            kind: 'call',
            occurredAt: '2026-03-01T10:00:00Z',
          }),
        )
      ).code,
    ).toBe('not_found');
    expect(
      (
        await refusal(
          interactionService.create(db, owner, {
            clientId: client.id,
            userId: stranger.userId,
            kind: 'call',
            occurredAt: '2026-03-01T10:00:00Z',
          }),
        )
      ).code,
    ).toBe('not_found');
    expect(
      (
        await refusal(
          interactionService.create(db, owner, {
            clientId: strangerClient.id,
            kind: 'call',
            occurredAt: '2026-03-01T10:00:00Z',
          }),
        )
      ).code,
    ).toBe('not_found');
    expect(await count('interactions', owner.orgId)).toBe(0);
    // Moving an interaction to another client while it names the first client's contact is refused.
    const own = await interactionService.create(db, owner, {
      clientId: other.id,
      contactId: theirs.id,
      kind: 'visit',
      occurredAt: '2026-03-01T10:00:00Z',
    });
    const e2 = await refusal(interactionService.update(db, owner, own.id, { clientId: client.id }));
    expect(fieldsOf(e2)).toEqual([['contactId', 'otherClient']]);
    expect(
      (await interactionService.update(db, owner, own.id, { clientId: client.id, contactId: null })).clientId,
    ).toBe(client.id);
  });

  it('refuses a negative or over-precise spend', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const e = await refusal(
      interactionService.create(db, owner, {
        clientId: client.id,
        kind: 'gift',
        occurredAt: '2026-03-01T10:00:00Z',
        moneySpent: '-100.00',
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['moneySpent', 'negative']]);
    const e2 = await refusal(
      interactionService.create(db, owner, {
        clientId: client.id,
        kind: 'gift',
        occurredAt: '2026-03-01T10:00:00Z',
        moneySpent: 99.999,
      }),
    );
    expect(fieldsOf(e2)).toEqual([['moneySpent', 'money']]);
    expect(await count('interactions', owner.orgId)).toBe(0);
  });
});
