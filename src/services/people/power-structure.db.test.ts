import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg } from '../../../test/support/factories.js';
import { fieldsOf, refusal } from '../../../test/support/refusal.js';
import { baseAnalysis } from '../../core/people/base-analysis.js';
import { contactService } from '../clients/contacts.js';
import { addContactLink, getPowerStructure, removeContactLink } from './power-structure.js';
import { translateMessage } from '../../core/messages/index.js';

const db = await useDatabase();

const linksOf = async (orgId: number) =>
  (
    await db.engine.query<{ from_contact_id: number; to_contact_id: number; kind: string }>(
      'SELECT from_contact_id, to_contact_id, kind FROM contact_links WHERE org_id = $1 ORDER BY kind, from_contact_id, to_contact_id',
      [orgId],
    )
  ).rows;

async function company() {
  const owner = await buildOrg(db);
  const client = await buildClient(db, owner, { name: 'ООО «Вектор»' });
  const director = await buildContact(db, owner, client.id, {
    fullName: 'Орлов Игорь Петрович',
    position: 'Генеральный директор',
    decisionRoles: ['decision_maker', 'payment_decider'],
    attitude: 'neutral',
  });
  const buyer = await buildContact(db, owner, client.id, {
    fullName: 'Иванова Мария Петровна',
    decisionRoles: ['first_contact'],
  });
  const engineer = await buildContact(db, owner, client.id, {
    fullName: 'Сидоров Павел Андреевич',
    decisionRoles: ['technical', 'influencer'],
  });
  return { owner, client, director, buyer, engineer };
}

describe('power structure links', () => {
  it('links people of one client, one boss each (a new boss replaces the old), duplicates change nothing', async () => {
    const { owner, client, director, buyer, engineer } = await company();
    await addContactLink(db, owner, client.id, {
      fromContactId: buyer.id,
      toContactId: engineer.id,
      kind: 'reports_to',
    });
    const replaced = await addContactLink(db, owner, client.id, {
      fromContactId: buyer.id,
      toContactId: director.id,
      kind: 'reports_to',
    });
    expect(replaced.people.find((p) => p.id === buyer.id)!.reportsToId).toBe(director.id);
    await addContactLink(db, owner, client.id, {
      fromContactId: buyer.id,
      toContactId: director.id,
      kind: 'reports_to',
    });
    await addContactLink(db, owner, client.id, {
      fromContactId: engineer.id,
      toContactId: director.id,
      kind: 'influences',
    });
    await addContactLink(db, owner, client.id, {
      fromContactId: engineer.id,
      toContactId: director.id,
      kind: 'influences',
    });
    // Influence may go both ways.
    await addContactLink(db, owner, client.id, {
      fromContactId: director.id,
      toContactId: engineer.id,
      kind: 'influences',
    });
    expect(await linksOf(owner.orgId)).toEqual(
      [
        { from_contact_id: engineer.id, to_contact_id: director.id, kind: 'influences' },
        { from_contact_id: director.id, to_contact_id: engineer.id, kind: 'influences' },
        { from_contact_id: buyer.id, to_contact_id: director.id, kind: 'reports_to' },
      ].sort((a, b) => a.kind.localeCompare(b.kind) || a.from_contact_id - b.from_contact_id),
    );
    await removeContactLink(db, owner, client.id, { from: director.id, to: engineer.id, kind: 'influences' });
    expect(
      (
        await refusal(
          removeContactLink(db, owner, client.id, { from: director.id, to: engineer.id, kind: 'influences' }),
        )
      ).code,
    ).toBe('not_found');
    const structure = await getPowerStructure(db, owner, client.id);
    expect(structure.links).toEqual([
      { fromContactId: engineer.id, toContactId: director.id, kind: 'influences' },
      { fromContactId: buyer.id, toContactId: director.id, kind: 'reports_to' },
    ]);
  });

  it('refuses a self-link and a cycle of reporting, naming the people, and writes nothing', async () => {
    const { owner, client, director, buyer, engineer } = await company();
    const self = await refusal(
      addContactLink(db, owner, client.id, { fromContactId: buyer.id, toContactId: buyer.id, kind: 'reports_to' }),
    );
    expect(fieldsOf(self)).toEqual([['toContactId', 'self']]);
    await addContactLink(db, owner, client.id, {
      fromContactId: buyer.id,
      toContactId: engineer.id,
      kind: 'reports_to',
    });
    await addContactLink(db, owner, client.id, {
      fromContactId: engineer.id,
      toContactId: director.id,
      kind: 'reports_to',
    });
    const before = await linksOf(owner.orgId);
    const cycle = await refusal(
      addContactLink(db, owner, client.id, { fromContactId: director.id, toContactId: buyer.id, kind: 'reports_to' }),
    );
    expect(fieldsOf(cycle)).toEqual([['toContactId', 'cycle']]);
    expect(translateMessage('en', cycle.fields[0]!)).toBe(
      'Орлов Игорь Петрович cannot report to Иванова Мария Петровна: Иванова Мария Петровна already reports to Орлов Игорь Петрович (Иванова Мария Петровна → Сидоров Павел Андреевич → Орлов Игорь Петрович)',
    );
    expect(translateMessage('ru', cycle.fields[0]!)).toContain('не может подчиняться');
    // Two people reporting to each other is the shortest cycle.
    expect(
      fieldsOf(
        await refusal(
          addContactLink(db, owner, client.id, {
            fromContactId: director.id,
            toContactId: engineer.id,
            kind: 'reports_to',
          }),
        ),
      ),
    ).toEqual([['toContactId', 'cycle']]);
    expect(await linksOf(owner.orgId)).toEqual(before);
  });

  it("refuses another client's contact (400) and another organisation's client or contact (404), changing nothing", async () => {
    const { owner, client, director, buyer } = await company();
    const otherClient = await buildClient(db, owner);
    const elsewhere = await buildContact(db, owner, otherClient.id, { fullName: 'Чужой Сотрудник' });
    const e = await refusal(
      addContactLink(db, owner, client.id, { fromContactId: buyer.id, toContactId: elsewhere.id, kind: 'reports_to' }),
    );
    expect(fieldsOf(e)).toEqual([['toContactId', 'otherClient']]);
    const e2 = await refusal(
      addContactLink(db, owner, client.id, { fromContactId: elsewhere.id, toContactId: buyer.id, kind: 'influences' }),
    );
    expect(fieldsOf(e2)).toEqual([['fromContactId', 'otherClient']]);

    const stranger = await company();
    for (const call of [
      () =>
        addContactLink(db, owner, client.id, {
          fromContactId: buyer.id,
          toContactId: stranger.director.id,
          kind: 'reports_to',
        }),
      () =>
        addContactLink(db, owner, stranger.client.id, {
          fromContactId: stranger.buyer.id,
          toContactId: stranger.director.id,
          kind: 'reports_to',
        }),
      () =>
        removeContactLink(db, owner, stranger.client.id, {
          from: stranger.buyer.id,
          to: stranger.director.id,
          kind: 'reports_to',
        }),
      () => getPowerStructure(db, owner, stranger.client.id),
    ])
      expect((await refusal(call())).code).toBe('not_found');
    await addContactLink(db, stranger.owner, stranger.client.id, {
      fromContactId: stranger.buyer.id,
      toContactId: stranger.director.id,
      kind: 'reports_to',
    });
    expect(
      (
        await refusal(
          removeContactLink(db, owner, stranger.client.id, {
            from: stranger.buyer.id,
            to: stranger.director.id,
            kind: 'reports_to',
          }),
        )
      ).code,
    ).toBe('not_found');
    expect(await linksOf(owner.orgId)).toEqual([]);
    expect(await linksOf(stranger.owner.orgId)).toHaveLength(1);
    void director;
  });

  it('lets read-only users look but not link', async () => {
    const { owner, client, director, buyer } = await company();
    const reader = { ...owner, role: 'read_only' };
    expect(
      (
        await refusal(
          addContactLink(db, reader, client.id, {
            fromContactId: buyer.id,
            toContactId: director.id,
            kind: 'reports_to',
          }),
        )
      ).code,
    ).toBe('forbidden');
    expect((await getPowerStructure(db, reader, client.id)).people).toHaveLength(3);
    expect(await linksOf(owner.orgId)).toEqual([]);
  });

  it('answers the checklist from the people, and it changes as they are linked and marked', async () => {
    const { owner, client, director, buyer, engineer } = await company();
    const before = await getPowerStructure(db, owner, client.id);
    const state = (s: typeof before) => Object.fromEntries(s.checklist.map((a) => [a.key, a.answered]));
    expect(state(before)).toMatchObject({
      first_contact: true,
      other_contacts: true,
      decision_maker: true,
      purchase_influencer: true,
      technical: true,
      payment_decider: true,
      payment_influencer: false,
      reporting_lines: false,
      decider_attitudes: true,
      key_figures: false,
    });
    expect(before.checklist.find((a) => a.key === 'reporting_lines')!.contactIds.sort()).toEqual(
      [director.id, buyer.id, engineer.id].sort(),
    );
    await addContactLink(db, owner, client.id, {
      fromContactId: buyer.id,
      toContactId: director.id,
      kind: 'reports_to',
    });
    await contactService.update(db, owner, director.id, { isKeyFigure: true, personalTraits: 'Пунктуален' } as never);
    const after = await addContactLink(db, owner, client.id, {
      fromContactId: engineer.id,
      toContactId: director.id,
      kind: 'reports_to',
    });
    expect(state(after)).toMatchObject({
      reporting_lines: true,
      key_figures: true,
      key_figure_traits: true,
      key_figure_family: false,
    });
    expect(after.answered).toBe(after.checklist.filter((a) => a.answered).length);
    expect(after.total).toBe(14);
    // The checklist is the pure rule applied to the people.
    expect(after.checklist).toEqual(
      baseAnalysis(
        after.people.map((p) => ({
          id: p.id,
          decisionRoles: p.decisionRoles,
          attitude: p.attitude,
          isKeyFigure: p.isKeyFigure,
          reportsToId: p.reportsToId,
          hasTraits: p.id === director.id,
          hasFamily: false,
          hasDates: false,
          hasCongratulationPreferences: false,
        })),
      ),
    );
  });
});
