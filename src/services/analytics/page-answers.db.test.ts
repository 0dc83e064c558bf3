// The stored answers of the company-wide pages (the base analysis per client, the claims summary's and
// the satisfaction trends' monthly tallies) are kept by the writes in their transactions. Whatever the
// sequence of writes, after each one they must equal what a rebuild from the rows gives, and the pages
// read from them must say what the pure rules say of the rows themselves.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settableClock, useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildProduct, buildUser } from '../../../test/support/factories.js';
import { addMonths, monthOf } from '../../core/analytics/period.js';
import { closedClaimStatuses, median } from '../../core/claims/claims.js';
import { DomainError } from '../../core/errors.js';
import { baseAnalysisQuestions } from '../../core/people/base-analysis.js';
import { surveyTrend } from '../../core/surveys/satisfaction.js';
import { claimCategories, claimTypes, decisionRoles, significances } from '../../core/vocabulary.js';
import type { Actor } from '../actor.js';
import { createClaim, claimSummary, deleteClaim, transitionClaim, updateClaim } from '../claims/claims.js';
import { contactService } from '../clients/contacts.js';
import { deleteClient, updateClient } from '../clients/clients.js';
import { markClientLost } from '../losses/losses.js';
import { familyMemberService } from '../people/family.js';
import { findBaseAnalysisList } from '../people/base-analysis.js';
import { addContactLink, getPowerStructure, removeContactLink } from '../people/power-structure.js';
import { usefulDateService } from '../people/useful-dates.js';
import { eraseContact } from '../privacy/erasure.js';
import { createOrder } from '../sales/orders.js';
import { answerPublicSurvey, createSurveyLink } from '../surveys/links.js';
import { createSurveyResponse, removeSurveyResponse } from '../surveys/responses.js';
import { surveyTrends } from '../surveys/trends.js';
import { rebuildPageAnswers } from './upkeep.js';
import { rebuildAnalytics, refreshAnalytics } from './refresh.js';
import { loadDemo, removeDemo } from '../demo/load-demo.js';
import { runImport } from '../import/run-import.js';
import { answersOfMask } from '../../db/queries/people/base-analysis.js';
import { latestSurveyPerClient, lowestSatisfiedClients } from '../../db/queries/surveys/trends.js';

const clock = settableClock('2025-01-01');
const db = await useDatabase({ clock });

const day = (iso: string, plus: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + plus * 86_400_000).toISOString().slice(0, 10);

/** The stored answers of the organisation, in a stable order. */
async function stored(orgId: number) {
  const q = async (text: string) => (await db.engine.query<Record<string, unknown>>(text, [orgId])).rows;
  return {
    base: await q(
      'SELECT client_id, name, significance, importance, status, lost, owner_user_id, revenue, profit, contacts, missing, answered FROM client_base_analysis WHERE org_id = $1 ORDER BY client_id',
    ),
    claims: await q(
      'SELECT month, facet, key, claims, closed, timed, days FROM claim_months WHERE org_id = $1 ORDER BY month, facet, key',
    ),
    surveys: await q('SELECT * FROM survey_months WHERE org_id = $1 ORDER BY month'),
  };
}

class Rollback extends Error {}
/** What a rebuild from the rows would store, read inside a transaction that is then rolled back. */
async function rebuilt(orgId: number) {
  let answer: Awaited<ReturnType<typeof stored>> | undefined;
  await db.engine
    .transaction(async () => {
      await rebuildPageAnswers(db, orgId);
      answer = await stored(orgId);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return answer!;
}

const refused = (e: unknown) => {
  if (!(e instanceof DomainError)) throw e;
};

const dayArb = fc.integer({ min: -400, max: 0 });
const op = fc.oneof(
  fc.record({
    kind: fc.constant('contact' as const),
    client: fc.nat(3),
    roles: fc.subarray([...decisionRoles]),
    attitude: fc.option(fc.constantFrom('ally', 'neutral', 'opponent')),
    key: fc.boolean(),
    traits: fc.boolean(),
    birthday: fc.boolean(),
    preferences: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('editContact' as const),
    pick: fc.nat(),
    roles: fc.subarray(['decision_maker', 'payment_decider', 'technical']),
    attitude: fc.option(fc.constantFrom('ally', 'opponent')),
    key: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('dropContact' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('erase' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('link' as const), from: fc.nat(), to: fc.nat(), boss: fc.boolean() }),
  fc.record({ kind: fc.constant('unlink' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('family' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('dropFamily' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('date' as const), pick: fc.nat(), own: fc.boolean() }),
  fc.record({ kind: fc.constant('dropDate' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('client' as const),
    client: fc.nat(3),
    significance: fc.option(fc.constantFrom(...significances)),
    owner: fc.boolean(),
    rename: fc.boolean(),
    status: fc.constantFrom('active', 'prospect', undefined),
  }),
  fc.record({ kind: fc.constant('lost' as const), client: fc.nat(3) }),
  fc.record({ kind: fc.constant('order' as const), client: fc.nat(3), qty: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('dropClient' as const), client: fc.nat(3) }),
  fc.record({
    kind: fc.constant('claim' as const),
    client: fc.nat(3),
    received: dayArb,
    type: fc.constantFrom(...claimTypes),
    category: fc.constantFrom(...claimCategories),
  }),
  fc.record({
    kind: fc.constant('editClaim' as const),
    pick: fc.nat(),
    received: fc.option(dayArb),
    category: fc.option(fc.constantFrom(...claimCategories)),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.nat(),
    to: fc.constantFrom('in_progress', 'resolved', 'rejected'),
  }),
  fc.record({ kind: fc.constant('dropClaim' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('survey' as const),
    client: fc.nat(3),
    answered: dayArb,
    goods: fc.option(fc.integer({ min: 1, max: 5 })),
    staff: fc.option(fc.integer({ min: 1, max: 5 })),
    nps: fc.option(fc.integer({ min: 0, max: 10 })),
  }),
  fc.record({ kind: fc.constant('dropSurvey' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('day' as const), days: fc.integer({ min: 1, max: 45 }) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** A little company and a runner of writes against it. */
async function company() {
  clock.set('2025-01-01');
  const owner = await buildOrg(db);
  const manager = await buildUser(db, owner.orgId, 'manager');
  const clients: number[] = [];
  for (let i = 0; i < 4; i++) clients.push((await buildClient(db, owner, { name: `Клиент ${i}` })).id);
  const product = await buildProduct(db, owner);
  const contacts: { id: number; client: number }[] = [];
  const links: { client: number; from: number; to: number; kind: string }[] = [];
  const family: number[] = [];
  const dates: number[] = [];
  const claims: number[] = [];
  const surveys: number[] = [];
  const withOrders = new Set<number>();
  const gone = new Set<number>();
  const live = <T extends { client: number }>(list: T[]) => list.filter((x) => !gone.has(x.client));
  const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);
  const today = () => db.clock.today();

  async function run(o: Op, actor: Actor = owner): Promise<void> {
    const client = 'client' in o ? clients[o.client]! : 0;
    if ('client' in o && gone.has(client) && o.kind !== 'dropClient') return;
    switch (o.kind) {
      case 'contact': {
        const c = await buildContact(db, actor, client, {
          fullName: `Контакт ${contacts.length}`,
          decisionRoles: o.roles,
          attitude: o.attitude,
          isKeyFigure: o.key,
          personalTraits: o.traits ? 'Пунктуален' : null,
          birthday: o.birthday ? '1975-03-08' : null,
          congratulationPreferences: o.preferences ? 'Звонок' : null,
        });
        contacts.push({ id: c.id, client });
        return;
      }
      case 'editContact': {
        const c = pick(live(contacts), o.pick);
        if (c)
          await contactService
            .update(db, actor, c.id, { decisionRoles: o.roles, attitude: o.attitude, isKeyFigure: o.key } as never)
            .catch(refused);
        return;
      }
      case 'dropContact': {
        const c = pick(live(contacts), o.pick);
        if (!c) return;
        await contactService.remove(db, actor, c.id);
        contacts.splice(contacts.indexOf(c), 1);
        return;
      }
      case 'erase': {
        const c = pick(live(contacts), o.pick);
        if (c) await eraseContact(db, actor, c.id, { reason: 'По просьбе человека' }).catch(refused);
        return;
      }
      case 'link': {
        const from = pick(live(contacts), o.from);
        const to =
          from &&
          pick(
            live(contacts).filter((x) => x.client === from.client && x.id !== from.id),
            o.to,
          );
        if (!from || !to) return;
        const kind = o.boss ? 'reports_to' : 'influences';
        const done = await addContactLink(db, actor, from.client, {
          fromContactId: from.id,
          toContactId: to.id,
          kind,
        }).then(
          () => true,
          (e: unknown) => (refused(e), false),
        );
        if (done) links.push({ client: from.client, from: from.id, to: to.id, kind });
        return;
      }
      case 'unlink': {
        const l = pick(live(links), o.pick);
        if (!l) return;
        links.splice(links.indexOf(l), 1);
        await removeContactLink(db, actor, l.client, { from: l.from, to: l.to, kind: l.kind }).catch(refused);
        return;
      }
      case 'family': {
        const c = pick(live(contacts), o.pick);
        if (!c) return;
        // An erased person takes no new family (refused); that changes nothing either.
        const f = await familyMemberService
          .create(db, actor, { contactId: c.id, relation: 'child', name: 'Маша' })
          .catch((e: unknown) => refused(e));
        if (f) family.push(f.id);
        return;
      }
      case 'dropFamily': {
        const f = pick(family, o.pick);
        if (!f) return;
        family.splice(family.indexOf(f), 1);
        await familyMemberService.remove(db, actor, f).catch(refused);
        return;
      }
      case 'date': {
        const c = pick(live(contacts), o.pick);
        if (!c) return;
        const d = await usefulDateService
          .create(db, actor, {
            clientId: c.client,
            ...(o.own ? {} : { contactId: c.id }),
            kind: o.own ? 'company_anniversary' : 'name_day',
            title: 'Дата',
            month: 5,
            day: 12,
          } as never)
          .catch((e: unknown) => refused(e));
        if (d) dates.push(d.id);
        return;
      }
      case 'dropDate': {
        const d = pick(dates, o.pick);
        if (!d) return;
        dates.splice(dates.indexOf(d), 1);
        await usefulDateService.remove(db, actor, d).catch(refused);
        return;
      }
      case 'client':
        await updateClient(db, actor, client, {
          significance: o.significance,
          ...(o.owner ? { ownerUserId: manager.userId } : {}),
          ...(o.rename ? { name: `Клиент ${client} ${today()}` } : {}),
          ...(o.status ? { status: o.status } : {}),
        } as never).catch(refused);
        return;
      case 'lost':
        await markClientLost(db, actor, client, { reason: 'price' }).catch(refused);
        return;
      case 'order':
        await createOrder(db, actor, {
          clientId: client,
          number: `N${today()}-${o.qty}-${client}`,
          orderDate: today(),
          lines: [{ productId: product.id, quantity: o.qty }],
        } as never).catch(refused);
        withOrders.add(client);
        return;
      case 'dropClient':
        if (withOrders.has(client) || gone.has(client)) return;
        await deleteClient(db, actor, client);
        gone.add(client);
        return;
      case 'claim': {
        const c = await createClaim(db, actor, {
          clientId: client,
          type: o.type,
          category: o.category,
          severity: 'medium',
          subject: 'Пересорт',
          receivedOn: day(today(), o.received),
        });
        claims.push(c.id);
        return;
      }
      case 'editClaim': {
        const id = pick(claims, o.pick);
        if (id)
          await updateClaim(db, actor, id, {
            ...(o.received !== null ? { receivedOn: day(today(), o.received) } : {}),
            ...(o.category ? { category: o.category } : { subject: 'Иначе' }),
          }).catch(refused);
        return;
      }
      case 'move': {
        const id = pick(claims, o.pick);
        if (id) await transitionClaim(db, actor, id, { to: o.to, resolution: 'Заменили' }).catch(refused);
        return;
      }
      case 'dropClaim': {
        const id = pick(claims, o.pick);
        if (!id) return;
        claims.splice(claims.indexOf(id), 1);
        await deleteClaim(db, actor, id).catch(refused);
        return;
      }
      case 'survey': {
        const r = await createSurveyResponse(db, actor, {
          clientId: client,
          answeredOn: day(today(), o.answered),
          goods: o.goods,
          staff: o.staff,
          nps: o.nps ?? (o.goods === null && o.staff === null ? 7 : null),
        } as never);
        surveys.push(r.id);
        return;
      }
      case 'dropSurvey': {
        const id = pick(surveys, o.pick);
        if (!id) return;
        surveys.splice(surveys.indexOf(id), 1);
        await removeSurveyResponse(db, actor, id).catch(refused);
        return;
      }
      case 'day':
        clock.set(day(today(), o.days));
        return;
    }
  }
  return { owner, manager, clients, contacts, run };
}

describe("the company-wide pages' stored answers", () => {
  it('equal a rebuild from the rows after every write of any kind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
        const c = await company();
        for (const o of ops) {
          await c.run(o);
          expect(await stored(c.owner.orgId), o.kind).toEqual(await rebuilt(c.owner.orgId));
        }
        await pagesAgreeWithTheRows(c.owner);
      }),
      { numRuns: Number(process.env.PAGE_RUNS ?? 10) },
    );
  }, 600_000);

  it('stay right under concurrent writes of one client and one month', async () => {
    const c = await company();
    clock.set('2026-03-20');
    const client = c.clients[0]!;
    await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        buildContact(db, c.owner, client, {
          fullName: `Одновременно ${i}`,
          decisionRoles: i % 2 ? ['decision_maker'] : ['technical'],
          isKeyFigure: i === 3,
        }),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        createClaim(db, c.owner, {
          clientId: c.clients[i % 4]!,
          type: 'claim',
          category: claimCategories[i % 3]!,
          severity: 'low',
          subject: 'Сразу',
          receivedOn: `2026-03-0${i + 1}`,
        }),
      ),
      ...Array.from({ length: 6 }, (_, i) =>
        createSurveyResponse(db, c.owner, {
          clientId: c.clients[i % 4]!,
          answeredOn: `2026-03-1${i}`,
          goods: 1 + (i % 5),
        }),
      ),
    ]);
    expect(await stored(c.owner.orgId)).toEqual(await rebuilt(c.owner.orgId));
    expect((await stored(c.owner.orgId)).base.find((r) => r.client_id === client)).toMatchObject({ contacts: 6 });
  });

  it('follow an answer through a survey link and a backup-like rebuild of everything', async () => {
    const c = await company();
    clock.set('2026-02-10');
    const contact = await buildContact(db, c.owner, c.clients[1]!, { fullName: 'По ссылке', emails: ['a@b.example'] });
    const link = await createSurveyLink(db, c.owner, { clientId: c.clients[1]!, contactId: contact.id });
    await answerPublicSurvey(db, link.url.replace(/^\/survey\//, ''), { scores: { goods: 2, service: 3 }, nps: 9 });
    expect((await stored(c.owner.orgId)).surveys).toMatchObject([
      { month: '2026-02-01', responses: 1, sum_goods: 2, promoters: 1 },
    ]);
    expect(await stored(c.owner.orgId)).toEqual(await rebuilt(c.owner.orgId));
  });
});

describe('each kind of write keeps its answer', () => {
  /** The client's stored base analysis, with its answered questions by name. */
  const rowOf = async (orgId: number, clientId: number) => {
    const { base } = await stored(orgId);
    const r = base.find((x) => Number(x.client_id) === clientId);
    return r && { ...r, answered: answersOfMask(Number(r.missing)).answered };
  };
  const kept = async (orgId: number, what: string) => expect(await stored(orgId), what).toEqual(await rebuilt(orgId));

  it('people, links, family, dates, the client, its figures, its loss, erasure and deletion', async () => {
    clock.set('2026-04-20');
    const owner = await buildOrg(db);
    const org = owner.orgId;
    const manager = await buildUser(db, org, 'manager');
    const product = await buildProduct(db, owner);
    const client = (await buildClient(db, owner, { name: 'ООО «Шаг»', significance: 'key' })).id;
    expect(await rowOf(org, client)).toMatchObject({ contacts: 0, answered: [], lost: false, importance: 0 });
    await kept(org, 'client created');

    const boss = await buildContact(db, owner, client, { fullName: 'Орлов', decisionRoles: ['decision_maker'] });
    expect((await rowOf(org, client))!.answered).toEqual(['decision_maker']);
    await kept(org, 'contact created');
    await contactService.update(db, owner, boss.id, { isKeyFigure: true, attitude: 'ally' } as never);
    expect((await rowOf(org, client))!.answered).toEqual(['decision_maker', 'decider_attitudes', 'key_figures']);
    await kept(org, 'contact changed');

    const buyer = await buildContact(db, owner, client, { fullName: 'Иванова', decisionRoles: ['first_contact'] });
    await addContactLink(db, owner, client, { fromContactId: buyer.id, toContactId: boss.id, kind: 'reports_to' });
    expect((await rowOf(org, client))!.answered).toContain('reporting_lines');
    await kept(org, 'link added');
    await removeContactLink(db, owner, client, { from: buyer.id, to: boss.id, kind: 'reports_to' });
    expect((await rowOf(org, client))!.answered).not.toContain('reporting_lines');
    await kept(org, 'link removed');

    const child = await familyMemberService.create(db, owner, { contactId: boss.id, relation: 'child', name: 'Маша' });
    expect((await rowOf(org, client))!.answered).toContain('key_figure_family');
    await kept(org, 'family member added');
    await familyMemberService.update(db, owner, child.id, { contactId: buyer.id } as never);
    expect((await rowOf(org, client))!.answered).not.toContain('key_figure_family');
    await kept(org, 'family member moved to another person');
    await familyMemberService.remove(db, owner, child.id);
    await kept(org, 'family member removed');

    const nameDay = await usefulDateService.create(db, owner, {
      clientId: client,
      contactId: boss.id,
      kind: 'name_day',
      title: 'Именины',
      month: 8,
      day: 30,
    } as never);
    expect((await rowOf(org, client))!.answered).toContain('key_figure_dates');
    await kept(org, 'useful date added');
    await usefulDateService.remove(db, owner, nameDay.id);
    expect((await rowOf(org, client))!.answered).not.toContain('key_figure_dates');
    await kept(org, 'useful date removed');

    await contactService.remove(db, owner, buyer.id);
    expect(await rowOf(org, client)).toMatchObject({ contacts: 1 });
    await kept(org, 'contact deleted');

    await updateClient(db, owner, client, {
      name: 'ООО «Шаг 2»',
      significance: 'minor',
      ownerUserId: manager.userId,
    } as never);
    expect(await rowOf(org, client)).toMatchObject({
      name: 'ООО «Шаг 2»',
      significance: 'minor',
      importance: 3,
      owner_user_id: manager.userId,
    });
    await kept(org, 'client changed');

    await createOrder(db, owner, {
      clientId: client,
      number: 'A-1',
      orderDate: '2026-03-02',
      lines: [{ productId: product.id, quantity: 5 }],
    } as never);
    expect(await rowOf(org, client)).toMatchObject({ revenue: 500_000 });
    await kept(org, 'order: the figures copied');

    await markClientLost(db, owner, client, { reason: 'price', lostOn: '2026-04-01' });
    expect(await rowOf(org, client)).toMatchObject({ status: 'lost', lost: true });
    await kept(org, 'client lost');
    await createOrder(db, owner, {
      clientId: client,
      number: 'A-2',
      orderDate: '2026-04-10',
      lines: [{ productId: product.id, quantity: 1 }],
    } as never);
    expect(await rowOf(org, client)).toMatchObject({ status: 'active', lost: false });
    expect(await rowOf(org, client)).toMatchObject({ revenue: 600_000 });
    await kept(org, 'won back by an order');

    await eraseContact(db, owner, boss.id, { reason: 'По просьбе человека' });
    expect((await rowOf(org, client))!.answered).toEqual([]);
    await kept(org, 'person erased');

    // The database itself sets the owner of a deleted user's clients to none, here as on the card.
    await db.engine.query('DELETE FROM sessions WHERE org_id = $1 AND user_id = $2', [org, manager.userId]);
    await db.engine.query('DELETE FROM users WHERE org_id = $1 AND id = $2', [org, manager.userId]);
    expect(await rowOf(org, client)).toMatchObject({ owner_user_id: null });
    await kept(org, 'owner deleted');

    // A new period: the order of March falls out of the figures at the daily refresh, and so out of the copy.
    clock.set('2027-04-02');
    await refreshAnalytics(db, org);
    expect(await rowOf(org, client)).toMatchObject({ revenue: 0 });
    await kept(org, 'daily refresh');
    // A tampered row is put right by `rapport analyze`.
    await db.engine.query('UPDATE client_base_analysis SET missing = 0, contacts = 99 WHERE org_id = $1', [org]);
    await rebuildAnalytics(db, org);
    expect(await rowOf(org, client)).toMatchObject({ contacts: 1 });
    await kept(org, 'rebuild');

    const spare = (await buildClient(db, owner, { name: 'Без заказов' })).id;
    await createClaim(db, owner, {
      clientId: spare,
      type: 'claim',
      category: 'quality',
      severity: 'low',
      subject: 'Брак',
      receivedOn: '2027-01-15',
    });
    await createSurveyResponse(db, owner, { clientId: spare, answeredOn: '2027-02-03', goods: 2 });
    await deleteClient(db, owner, spare);
    expect(await rowOf(org, spare)).toBeUndefined();
    expect(await stored(org)).toMatchObject({ claims: [], surveys: [] });
    await kept(org, 'client deleted with its claim and answer');
  });

  it('claims through their workflow and survey answers', async () => {
    clock.set('2026-03-10');
    const owner = await buildOrg(db);
    const org = owner.orgId;
    const client = (await buildClient(db, owner)).id;
    const claim = await createClaim(db, owner, {
      clientId: client,
      type: 'claim',
      category: 'delivery',
      severity: 'high',
      subject: 'Опоздали',
      receivedOn: '2026-01-30',
    });
    const months = async () =>
      (await stored(org)).claims.map((r) => `${r.month} ${r.facet} ${r.key} ${r.claims}/${r.closed}`);
    expect(await months()).toEqual([
      '2026-01-01 category delivery 1/0',
      '2026-01-01 status new 1/0',
      '2026-01-01 type claim 1/0',
    ]);
    await kept(org, 'claim created');
    await updateClaim(db, owner, claim.id, { receivedOn: '2026-02-02', category: 'documents' });
    expect(await months()).toEqual([
      '2026-02-01 category documents 1/0',
      '2026-02-01 status new 1/0',
      '2026-02-01 type claim 1/0',
    ]);
    await kept(org, 'claim moved to another month');
    await transitionClaim(db, owner, claim.id, { to: 'rejected', resolution: 'Не наша вина' });
    expect(await months()).toEqual([
      '2026-02-01 category documents 1/1',
      '2026-02-01 days 36 1/1',
      '2026-02-01 status rejected 1/1',
      '2026-02-01 type claim 1/1',
      '2026-03-01 resolved  1/1',
    ]);
    expect((await stored(org)).claims.find((r) => r.facet === 'days')).toMatchObject({
      month: '2026-02-01',
      key: '36',
      claims: 1,
    });
    await kept(org, 'claim rejected');
    await transitionClaim(db, owner, claim.id, { to: 'in_progress' });
    expect((await stored(org)).claims.filter((r) => r.facet === 'days' || r.facet === 'resolved')).toEqual([]);
    await kept(org, 'claim reopened');
    await deleteClaim(db, owner, claim.id);
    expect((await stored(org)).claims).toEqual([]);
    await kept(org, 'claim deleted');

    const answer = await createSurveyResponse(db, owner, {
      clientId: client,
      answeredOn: '2026-02-27',
      goods: 4,
      nps: 10,
    });
    expect((await stored(org)).surveys).toMatchObject([
      { month: '2026-02-01', responses: 1, sum_goods: 4, n_goods: 1, promoters: 1 },
    ]);
    await kept(org, 'answer entered');
    await removeSurveyResponse(db, owner, answer.id);
    expect((await stored(org)).surveys).toEqual([]);
    await kept(org, 'answer deleted');
  });

  it('imports of clients and contacts', async () => {
    clock.set('2026-03-10');
    const owner = await buildOrg(db);
    const org = owner.orgId;
    const manager = await buildUser(db, org, 'manager');
    const dir = mkdtempSync(join(tmpdir(), 'rapport-pages-'));
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const managerName = (
      await db.engine.query<{ name: string }>('SELECT name FROM users WHERE id = $1', [manager.userId])
    ).rows[0]!.name;
    await runImport(db, owner, {
      path: file('clients.csv', `Наименование;Менеджер\nООО «Из файла»;${managerName}\n`),
      kind: 'clients',
    });
    const { rows } = await db.engine.query<{ id: number }>(
      "SELECT id FROM clients WHERE org_id = $1 AND name = 'ООО «Из файла»'",
      [org],
    );
    const client = Number(rows[0]!.id);
    expect(await rowOf(org, client)).toMatchObject({
      name: 'ООО «Из файла»',
      owner_user_id: manager.userId,
      contacts: 0,
    });
    await kept(org, 'clients imported');
    await runImport(db, owner, {
      path: file(
        'contacts.csv',
        'Контрагент;ФИО;Должность;Дата рождения\nООО «Из файла»;Петров Пётр;Директор;05.06.1975\nООО «Из файла»;Сидоров Иван;Инженер;\n',
      ),
      kind: 'contacts',
    });
    expect(await rowOf(org, client)).toMatchObject({ contacts: 2 });
    expect((await rowOf(org, client))!.answered).toEqual(['other_contacts']);
    await kept(org, 'contacts imported');
  });

  it('the demo company, loaded and taken out', async () => {
    clock.set('2026-06-15');
    const owner = await buildOrg(db);
    const org = owner.orgId;
    const own = (await buildClient(db, owner, { name: 'Свой' })).id;
    await loadDemo(db, org, { clients: 12, years: 1, seed: 7, until: '2026-06-15' });
    const loaded = await stored(org);
    expect(loaded.base.length).toBe(13);
    expect(loaded.claims.length + loaded.surveys.length).toBeGreaterThan(0);
    await kept(org, 'demo loaded');
    await removeDemo(db, org);
    expect((await stored(org)).base.map((r) => Number(r.client_id))).toEqual([own]);
    await kept(org, 'demo taken out');
  });

  it('the backfill of migration 0021 gives the rows already here what the write paths keep', async () => {
    clock.set('2026-01-20');
    const owner = await buildOrg(db);
    const org = owner.orgId;
    const client = (await buildClient(db, owner, { name: 'ООО «До миграции»', significance: 'major' })).id;
    const boss = await buildContact(db, owner, client, {
      fullName: 'Орлов',
      decisionRoles: ['decision_maker'],
      isKeyFigure: true,
      birthday: '1970-01-02',
    });
    await buildContact(db, owner, client, { fullName: 'Иванова', decisionRoles: ['first_contact'] });
    await familyMemberService.create(db, owner, { contactId: boss.id, relation: 'spouse', name: 'Ольга' });
    const claim = await createClaim(db, owner, {
      clientId: client,
      type: 'claim',
      category: 'quality',
      severity: 'low',
      subject: 'Брак',
      receivedOn: '2025-11-03',
    });
    await transitionClaim(db, owner, claim.id, { to: 'rejected', resolution: 'Не наш брак' });
    await createSurveyResponse(db, owner, { clientId: client, answeredOn: '2025-12-24', goods: 3, staff: 5, nps: 9 });
    const kept = await stored(org);
    expect([kept.base.length, kept.claims.length > 0, kept.surveys.length]).toEqual([1, true, 1]);
    const sql = readFileSync(
      new URL('../../db/migrations/0021_pages_as_lookups_backfill.sql', import.meta.url),
      'utf8',
    );
    // In a transaction rolled back after: the statement reaches every organisation of the shared test database.
    await db.engine
      .transaction(async () => {
        for (const t of ['client_base_analysis', 'claim_months', 'survey_months'])
          await db.engine.query(`DELETE FROM ${t} WHERE org_id = $1`, [org]);
        expect(await stored(org)).toEqual({ base: [], claims: [], surveys: [] });
        await db.engine.exec(sql);
        expect(await stored(org)).toEqual(kept);
        throw new Rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Rollback)) throw e;
      });
  });

  it('finds the latest answers and the lowest satisfied clients the same way, looking a few answers ahead or all', async () => {
    clock.set('2026-06-15');
    const owner = await buildOrg(db);
    const clients: number[] = [];
    for (let i = 0; i < 14; i++) clients.push((await buildClient(db, owner, { name: `К${i}` })).id);
    // Repeated days, repeated clients, NPS-only answers and ties of means.
    for (let i = 0; i < 60; i++)
      await createSurveyResponse(db, owner, {
        clientId: clients[(i * 7) % 14]!,
        answeredOn: day('2026-06-15', -((i * 13) % 40)),
        ...(i % 9 === 0 ? { nps: 3 } : { goods: 1 + ((i * 5) % 5), staff: 1 + ((i * 3) % 5) }),
      });
    const scope = { orgId: owner.orgId, from: '2026-05-01', to: '2026-06-15' };
    for (const limit of [1, 3, 10, 50]) {
      const all = await latestSurveyPerClient(db, scope, limit, 100_000);
      for (const look of [1, 2, 5]) expect(await latestSurveyPerClient(db, scope, limit, look)).toEqual(all);
      const lowest = await lowestSatisfiedClients(
        db,
        { ...scope, clientId: undefined, clients: undefined },
        limit,
        100_000,
      );
      for (const look of [1, 2, 5, 30]) expect(await lowestSatisfiedClients(db, scope, limit, look)).toEqual(lowest);
    }
  });
});

/**
 * The pages read from the stored answers say what the pure rules say of the rows: the base analysis
 * is the card's checklist of each client; the claims summary and the trends, over whole months and
 * partial ones, are what the claims and responses themselves add up to.
 */
async function pagesAgreeWithTheRows(owner: Actor) {
  const orgId = owner.orgId;
  const today = db.clock.today();
  // Base analysis: every client, lost ones too, as its card answers.
  const list = await findBaseAnalysisList(db, owner, { includeLost: true, pageSize: 100 });
  const { rows: clientRows } = await db.engine.query<Record<string, unknown>>(
    `SELECT c.id, c.name, c.significance, c.status, c.owner_user_id, f.revenue, f.profit, (SELECT count(*) FROM contacts p WHERE p.org_id = c.org_id AND p.client_id = c.id) AS contacts
     FROM clients c LEFT JOIN client_figures f ON f.org_id = c.org_id AND f.client_id = c.id WHERE c.org_id = $1 ORDER BY c.id`,
    [orgId],
  );
  expect(list.total).toBe(clientRows.length);
  for (const row of list.items) {
    const card = await getPowerStructure(db, owner, row.clientId);
    expect(row.answered, row.name).toEqual(card.checklist.filter((a) => a.answered).map((a) => a.key));
    const c = clientRows.find((x) => Number(x.id) === row.clientId)!;
    expect(row).toMatchObject({
      name: c.name,
      significance: c.significance,
      status: c.status,
      ownerUserId: c.owner_user_id,
      contacts: Number(c.contacts),
    });
    expect([row.revenue, row.profit]).toEqual(
      [c.revenue, c.profit].map((v) => (v === null ? null : (Number(v) / 100).toFixed(2))),
    );
  }
  const missing = Object.fromEntries(baseAnalysisQuestions.map((q) => [q, 0]));
  for (const r of list.items) for (const q of r.missing) missing[q]!++;
  expect(Object.fromEntries(list.summary.map((s) => [s.key, s.missing]))).toEqual(missing);

  // Claims: the default year, a range from and to the middle of months, a few days inside one month.
  const { rows: claimRows } = await db.engine.query<{
    status: string;
    type: string;
    category: string;
    received_on: string;
    resolved_on: string | null;
  }>('SELECT status, type, category, received_on, resolved_on FROM claims WHERE org_id = $1', [orgId]);
  for (const [from, to] of [
    [undefined, undefined],
    [day(today, -200), day(today, -17)],
    [day(today, -40), day(today, -38)],
  ] as const) {
    const s = await claimSummary(db, owner, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const inRange = claimRows.filter((r) => r.received_on >= s.from && r.received_on <= s.to);
    const closed = inRange.filter((r) => closedClaimStatuses.includes(r.status as never));
    const days = closed.map((r) => (Date.parse(r.resolved_on!) - Date.parse(r.received_on)) / 86_400_000);
    const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    const count = (list: typeof claimRows, key: 'status' | 'type' | 'category', value: string) =>
      list.filter((r) => r[key] === value).length;
    expect(s.received).toBe(inRange.length);
    expect(s.closed).toBe(closed.length);
    expect(s.averageDaysToResolve).toBe(round1(days.length ? days.reduce((a, b) => a + b, 0) / days.length : null));
    expect(s.medianDaysToResolve).toBe(round1(median(days)));
    for (const [k, n] of Object.entries(s.byStatus)) expect(n).toBe(count(inRange, 'status', k));
    for (const [k, n] of Object.entries(s.byType)) expect(n).toBe(count(inRange, 'type', k));
    expect(s.topCategories.map((c) => [c.category, c.count, c.open])).toEqual(
      [...new Set(inRange.map((r) => r.category))]
        .map((cat) => [
          cat,
          count(inRange, 'category', cat),
          inRange.filter((r) => r.category === cat && !closedClaimStatuses.includes(r.status as never)).length,
        ])
        .sort((a, b) => Number(b[1]) - Number(a[1]) || String(a[0]).localeCompare(String(b[0]))),
    );
    for (const m of s.months) {
      expect(m.received, m.month).toBe(inRange.filter((r) => r.received_on.startsWith(m.month)).length);
      expect(m.resolved, m.month).toBe(
        claimRows.filter(
          (r) =>
            closedClaimStatuses.includes(r.status as never) &&
            r.resolved_on !== null &&
            r.resolved_on.startsWith(m.month) &&
            r.resolved_on >= s.from &&
            r.resolved_on <= s.to,
        ).length,
      );
    }
  }

  // Satisfaction: by month and by quarter over whole and partial months, as the pure rules give them.
  const { rows: responses } = await db.engine.query<Record<string, unknown>>(
    `SELECT r.client_id, c.name, r.answered_on, r.id, r.goods, r.staff, r.prices, r.logistics, r.service, r.company, r.nps
     FROM survey_responses r JOIN clients c ON c.org_id = r.org_id AND c.id = r.client_id WHERE r.org_id = $1`,
    [orgId],
  );
  const scores = responses.map((r) => ({
    answeredOn: String(r.answered_on),
    goods: r.goods as number | null,
    staff: r.staff as number | null,
    prices: null,
    logistics: null,
    service: null,
    company: null,
    nps: r.nps as number | null,
  }));
  for (const [grain, from, to] of [
    ['quarter', undefined, undefined],
    ['month', day(today, -300), day(today, -11)],
    ['quarter', addMonths(monthOf(today), -7), day(today, -1)],
  ] as const) {
    const t = await surveyTrends(db, owner, { grain, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    const reference = surveyTrend(scores, t.from, t.to, grain);
    expect(t.periods.map((p) => [p.period, p.responses, p.averages.goods, p.nps])).toEqual(
      reference.map((p) => [
        p.period,
        p.summary.responses,
        p.summary.averages.goods === null ? null : Math.round(p.summary.averages.goods * 100) / 100,
        p.summary.nps === null ? null : Math.round(p.summary.nps * 10) / 10,
      ]),
    );
    const inRange = responses.filter((r) => String(r.answered_on) >= t.from && String(r.answered_on) <= t.to);
    // Latest per client: the latest answer date, then the latest entered; most recent clients first.
    const latest = new Map<number, Record<string, unknown>>();
    for (const r of [...inRange].sort(
      (a, b) => String(b.answered_on).localeCompare(String(a.answered_on)) || Number(b.id) - Number(a.id),
    ))
      if (!latest.has(Number(r.client_id))) latest.set(Number(r.client_id), r);
    expect(t.latest.map((l) => [l.clientId, l.answeredOn, l.goods])).toEqual(
      [...latest.values()]
        .sort(
          (a, b) =>
            String(b.answered_on).localeCompare(String(a.answered_on)) || Number(a.client_id) - Number(b.client_id),
        )
        .slice(0, 50)
        .map((r) => [Number(r.client_id), r.answered_on, r.goods]),
    );
    // Lowest: the mean of every score a client gave, lowest first; ties the more recent answer, then id.
    const perClient = new Map<number, { sum: number; n: number; last: string }>();
    for (const r of inRange) {
      const s = perClient.get(Number(r.client_id)) ?? { sum: 0, n: 0, last: '' };
      for (const v of [r.goods, r.staff]) {
        if (v === null) continue;
        s.sum += Number(v);
        s.n++;
      }
      if (String(r.answered_on) > s.last) s.last = String(r.answered_on);
      perClient.set(Number(r.client_id), s);
    }
    expect(t.lowestClients.map((l) => l.clientId)).toEqual(
      [...perClient]
        .filter(([, s]) => s.n > 0)
        .sort(([a, x], [b, y]) => x.sum / x.n - y.sum / y.n || y.last.localeCompare(x.last) || a - b)
        .slice(0, 10)
        .map(([id]) => id),
    );
  }
}
