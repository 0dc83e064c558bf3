import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildUser } from '../../../test/support/factories.js';
import { fieldsOf, refusal } from '../../../test/support/refusal.js';
import { baseAnalysisQuestions } from '../../core/people/base-analysis.js';
import { contactService } from '../clients/contacts.js';
import { markClientLost } from '../losses/losses.js';
import { baseAnalysisSheet, findBaseAnalysisList } from './base-analysis.js';
import { familyMemberService } from './family.js';
import { addContactLink, getPowerStructure } from './power-structure.js';
import { usefulDateService } from './useful-dates.js';

const db = await useDatabase();

/** A hand-made base: clients of every significance, with more or less known about their people. */
async function base() {
  const owner = await buildOrg(db);
  const other = await buildUser(db, owner.orgId, 'manager');
  // Key, everything known about the people.
  const known = await buildClient(db, owner, {
    name: 'ООО «Всё известно»',
    significance: 'key',
    ownerUserId: owner.userId,
  });
  const boss = await buildContact(db, owner, known.id, {
    fullName: 'Орлов И. П.',
    decisionRoles: ['decision_maker', 'payment_decider'],
    attitude: 'ally',
    isKeyFigure: true,
    personalTraits: 'Пунктуален',
    congratulationPreferences: 'Звонок лично',
    birthday: '1970-05-12',
  });
  const buyer = await buildContact(db, owner, known.id, {
    fullName: 'Иванова М. П.',
    decisionRoles: ['first_contact', 'influencer', 'technical', 'payment_influencer'],
  });
  await addContactLink(db, owner, known.id, { fromContactId: buyer.id, toContactId: boss.id, kind: 'reports_to' });
  await familyMemberService.create(db, owner, { contactId: boss.id, relation: 'spouse', name: 'Ольга' });
  // Key, but nobody decides that we know of.
  const blind = await buildClient(db, owner, {
    name: 'АО «Без решающего»',
    significance: 'key',
    ownerUserId: other.userId,
  });
  await buildContact(db, owner, blind.id, { fullName: 'Петров П. П.', decisionRoles: ['first_contact'] });
  // Major, a decision maker without attitude, a key figure with only a useful date.
  const major = await buildClient(db, owner, {
    name: 'ООО «Крупный»',
    significance: 'major',
    ownerUserId: owner.userId,
  });
  const dm = await buildContact(db, owner, major.id, {
    fullName: 'Смирнов А. А.',
    decisionRoles: ['decision_maker'],
    isKeyFigure: true,
  });
  await usefulDateService.create(db, owner, {
    clientId: major.id,
    contactId: dm.id,
    kind: 'name_day',
    title: 'Именины',
    month: 8,
    day: 30,
  });
  // Minor with no people at all; medium lost; none.
  const empty = await buildClient(db, owner, { name: 'ИП Пустой', significance: 'minor' });
  const lost = await buildClient(db, owner, { name: 'ООО «Ушёл»', significance: 'medium' });
  await markClientLost(db, owner, lost.id, { reason: 'price' });
  const plain = await buildClient(db, owner, { name: 'ООО «Без значимости»' });
  await buildContact(db, owner, plain.id, {
    fullName: 'Козлов К. К.',
    decisionRoles: ['decision_maker'],
    attitude: 'opponent',
  });
  return { owner, other, known, blind, major, empty, lost, plain };
}

describe('base analysis across the base', () => {
  it('lists the important clients whose decision makers we do not know, most important first', async () => {
    const b = await base();
    const page = await findBaseAnalysisList(db, b.owner, { missing: 'decision_maker', significance: 'key,major' });
    expect(page.items.map((r) => r.name)).toEqual(['АО «Без решающего»']);
    expect(page.items[0]).toMatchObject({
      clientId: b.blind.id,
      significance: 'key',
      ownerUserId: b.other.userId,
      ownerName: 'Второй',
      contacts: 1,
    });
    expect(page.total).toBe(1);
    // Over the key and major clients: 3 of them, and how many miss each question.
    expect(page.clients).toBe(3);
    const missing = Object.fromEntries(page.summary.map((s) => [s.key, s.missing]));
    expect(missing).toMatchObject({
      decision_maker: 1,
      first_contact: 1,
      key_figures: 1,
      reporting_lines: 2,
      decider_attitudes: 2,
      key_figure_dates: 1,
    });

    const all = await findBaseAnalysisList(db, b.owner, {});
    // Lost clients are left out; key before major before minor before none.
    expect(all.items.map((r) => r.name)).toEqual([
      'АО «Без решающего»',
      'ООО «Всё известно»',
      'ООО «Крупный»',
      'ИП Пустой',
      'ООО «Без значимости»',
    ]);
    expect(all.items.find((r) => r.clientId === b.known.id)).toMatchObject({
      answered: [...baseAnalysisQuestions],
      missing: [],
    });
    expect(all.items.find((r) => r.clientId === b.empty.id)).toMatchObject({ contacts: 0, answered: [] });
    expect(all.items.find((r) => r.clientId === b.major.id)!.answered).toEqual([
      'decision_maker',
      'key_figures',
      'key_figure_dates',
    ]);
    expect((await findBaseAnalysisList(db, b.owner, { includeLost: true })).total).toBe(6);
    expect((await findBaseAnalysisList(db, b.owner, { significance: 'none' })).items.map((r) => r.name)).toEqual([
      'ООО «Без значимости»',
    ]);
    expect((await findBaseAnalysisList(db, b.owner, { ownerUserId: b.other.userId })).items.map((r) => r.name)).toEqual(
      ['АО «Без решающего»'],
    );
    const paged = await findBaseAnalysisList(db, b.owner, { page: 2, pageSize: 2 });
    expect([paged.total, paged.items.length]).toEqual([5, 2]);
    expect((await findBaseAnalysisList(db, b.owner, { page: 9, pageSize: 2 })).total).toBe(5);
    // Another organisation sees none of it.
    expect((await findBaseAnalysisList(db, await buildOrg(db), {})).total).toBe(0);
  });

  it("answers each client exactly as the client card's checklist does", async () => {
    const b = await base();
    await contactService.update(
      db,
      b.owner,
      (await contactService.find(db, b.owner, { clientId: b.plain.id })).items[0]!.id,
      { isKeyFigure: true, professionalTraits: 'Считает каждую копейку' } as never,
    );
    const all = await findBaseAnalysisList(db, b.owner, { includeLost: true });
    for (const row of all.items) {
      const card = await getPowerStructure(db, b.owner, row.clientId);
      expect(row.answered, row.name).toEqual(card.checklist.filter((a) => a.answered).map((a) => a.key));
    }
  });

  it('refuses an unknown significance or sort, and exports the list as a sheet', async () => {
    const b = await base();
    expect(fieldsOf(await refusal(findBaseAnalysisList(db, b.owner, { significance: 'key,huge' })))).toEqual([
      ['significance', 'oneOf'],
    ]);
    expect(fieldsOf(await refusal(findBaseAnalysisList(db, b.owner, { sort: 'nonsense' })))).toEqual([
      ['sort', 'oneOf'],
    ]);
    const page = await findBaseAnalysisList(db, b.owner, { significance: 'key', sort: 'name' });
    const sheet = baseAnalysisSheet(page.items, 'ru');
    expect(sheet.headers.slice(0, 3)).toEqual(['Код клиента', 'Клиент', 'Значимость']);
    expect(sheet.rows.map((r) => [r[1], r[2], r[7]])).toEqual([
      ['АО «Без решающего»', 'Ключевой', '1/14'],
      ['ООО «Всё известно»', 'Ключевой', '14/14'],
    ]);
  });
});
