import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildUser } from '../../../test/support/factories.js';
import { familyMembers, interactions, organizations, tasks, usefulDates } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { updateAnalyticsSettings } from '../analytics/settings.js';
import { generateCongratulationTasks } from './congratulation-tasks.js';
import { findTasks, getTask, updateTask } from './tasks.js';
import { taskTitleIn } from '../../core/calendar/texts.js';
import { calendarEvents } from './events.js';
import { calendarSettingsFor, updateCalendarSettings } from './settings.js';
import { personalDatesBetween } from '../../db/queries/calendar/personal-dates.js';

const db = await useDatabase();

/** A client marked lost directly: the loss form (another area) is not what these tests are about. */
async function lostClient(actor: Actor, values: Parameters<typeof buildClient>[2]) {
  const c = await buildClient(db, actor, values);
  await db.engine.query("UPDATE clients SET status = 'lost', lost_on = '2025-01-01' WHERE org_id = $1 AND id = $2", [
    actor.orgId,
    c.id,
  ]);
  return c;
}

const tasksOf = async (orgId: number) =>
  (await db.orm.select().from(tasks).where(eq(tasks.orgId, orgId))).sort((a, b) =>
    a.sourceKey! < b.sourceKey! ? -1 : 1,
  );

describe('calendar events', () => {
  it('lists the public holidays and days off of 2025–2027 and the professional holidays of a builder', async () => {
    const owner = await buildOrg(db);
    await buildClient(db, owner, { name: 'ООО «СтройМонтаж»', industry: 'Строительство' });
    const byYear = async (year: number) => calendarEvents(db, owner, { from: `${year}-01-01`, to: `${year}-12-31` });

    const y2025 = await byYear(2025);
    expect(y2025.provisional).toBe(false);
    const publicDates = (r: typeof y2025) => r.events.filter((e) => e.kind === 'public_holiday').map((e) => e.date);
    expect(publicDates(y2025)).toEqual(
      expect.arrayContaining([
        '2025-01-01',
        '2025-01-07',
        '2025-01-08',
        '2025-02-23',
        '2025-03-08',
        '2025-05-01',
        '2025-05-09',
        '2025-06-12',
        '2025-11-04',
      ]),
    );
    expect(publicDates(y2025)).toHaveLength(14);
    // The reference's 2025 transfers and shortened days.
    const days = new Map(y2025.days.map((d) => [d.date, d]));
    for (const [to, from] of [
      ['2025-05-02', '2025-01-04'],
      ['2025-05-08', '2025-02-23'],
      ['2025-06-13', '2025-03-08'],
      ['2025-11-03', '2025-11-01'],
      ['2025-12-31', '2025-01-05'],
    ]) {
      expect(days.get(to!)).toMatchObject({ kind: 'off', reason: 'transfer', from });
    }
    for (const d of ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01'])
      expect(days.get(d)?.kind).toBe('shortened');
    expect(days.get('2025-11-01')?.reason).toBe('working_weekend');

    const professional = (r: typeof y2025) =>
      Object.fromEntries(r.events.filter((e) => e.kind === 'professional_holiday').map((e) => [e.holidayId, e.date]));
    expect(professional(y2025)).toMatchObject({
      builders_day: '2025-08-10',
      road_workers_day: '2025-10-19',
      entrepreneurs_day: '2025-05-26',
    });
    expect(professional(await byYear(2026))).toMatchObject({
      builders_day: '2026-08-09',
      road_workers_day: '2026-10-18',
    });
    const y2027 = await byYear(2027);
    expect(y2027.provisional).toBe(true);
    expect(professional(y2027)).toMatchObject({ builders_day: '2027-08-08', road_workers_day: '2027-10-17' });
    // Holidays of other industries are left out.
    expect(professional(y2027)).not.toHaveProperty('medical_workers_day');
    const builders = y2027.events.find((e) => e.holidayId === 'builders_day')!;
    expect(builders).toMatchObject({
      nameRu: 'День строителя',
      clientCount: 1,
      clients: [expect.objectContaining({ name: 'ООО «СтройМонтаж»' })],
    });
    expect(publicDates(y2027)).toContain('2027-11-04');
    expect(y2027.days.find((d) => d.date === '2027-05-10')).toMatchObject({
      kind: 'off',
      reason: 'transfer',
      from: '2027-05-09',
    });
  });

  it("matches industries by key, label or ОКВЭД, counts the clients and keeps scope mine to the user's clients", async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    await buildClient(db, owner, { name: 'А-Строй', industry: 'construction', ownerUserId: manager.userId });
    await buildClient(db, owner, { name: 'Б-Строй', industry: ' строительство ', ownerUserId: owner.userId });
    await buildClient(db, owner, { name: 'В-Строй', industry: '41.20' });
    await lostClient(owner, { name: 'Г-Строй (потерян)', industry: 'Строительство' });
    await buildClient(db, owner, { name: 'Клиника', industry: 'Медицина', ownerUserId: manager.userId });
    const all = await calendarEvents(db, owner, { from: '2026-05-01', to: '2026-08-31', scope: 'all' });
    const builders = all.events.find((e) => e.holidayId === 'builders_day')!;
    expect(builders.clientCount).toBe(3);
    expect(builders.clients!.map((c) => c.name)).toEqual(['А-Строй', 'Б-Строй', 'В-Строй']);
    expect(all.events.find((e) => e.holidayId === 'medical_workers_day')).toMatchObject({
      date: '2026-06-21',
      clientCount: 1,
    });
    expect(all.events.find((e) => e.holidayId === 'entrepreneurs_day')).toMatchObject({ clientCount: 4 });
    const mine = await calendarEvents(db, manager, { from: '2026-05-01', to: '2026-08-31', scope: 'mine' });
    expect(mine.events.find((e) => e.holidayId === 'builders_day')).toMatchObject({
      clientCount: 1,
      clients: [expect.objectContaining({ name: 'А-Строй' })],
    });
  });

  it('finds the same personal dates in a month or a few days as in the whole year around them (the stored recurring days)', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, { name: 'ООО «Календарь»' });
    // Every kind of edge: month ends, 29 February, the new year, a useful date on a day its month lacks.
    const birthdays = ['1970-01-01', '1975-01-31', '1980-02-28', '1984-02-29', '1990-03-01', '1977-04-30'];
    birthdays.push('1988-06-15', '1969-12-31', '1999-12-01', '2000-11-30', '1985-08-31');
    const people: { id: number }[] = [];
    for (const [i, birthday] of birthdays.entries()) {
      people.push(
        await buildContact(db, owner, client.id, { fullName: `Лицо ${i}`, birthday, isKeyFigure: i % 2 === 0 }),
      );
    }
    await db.orm.insert(familyMembers).values(
      ['2010-02-29', '2012-12-31', '2015-07-01'].map((b, i) => ({
        orgId: owner.orgId,
        contactId: people[i]!.id,
        relation: 'child' as const,
        name: `Ребёнок ${i}`,
        birthday: b === '2010-02-29' ? '2012-02-29' : b,
      })),
    );
    await db.orm.insert(usefulDates).values(
      [
        [4, 31],
        [2, 30],
        [2, 29],
        [12, 31],
        [1, 1],
        [9, 30],
      ].map(([month, day], i) => ({
        orgId: owner.orgId,
        clientId: client.id,
        kind: 'custom' as const,
        title: `Дата ${i}`,
        month: month!,
        day: day!,
      })),
    );
    const key = (r: {
      kind: string;
      on_date: string;
      contact_id: number | null;
      family_member_id: number | null;
      useful_date_id: number | null;
    }) => `${r.on_date} ${r.kind} ${r.contact_id} ${r.family_member_id} ${r.useful_date_id}`;
    for (const keyFiguresOnly of [false, true]) {
      const whole = await personalDatesBetween(db, {
        orgId: owner.orgId,
        from: '2026-12-01',
        to: '2028-03-31',
        keyFiguresOnly,
      });
      expect(whole.length).toBeGreaterThan(20);
      for (const [from, to] of [
        ['2027-02-01', '2027-02-28'],
        ['2028-02-01', '2028-02-29'],
        ['2028-02-28', '2028-03-01'],
        ['2027-04-01', '2027-04-30'],
        ['2026-12-25', '2027-01-05'],
        ['2027-12-31', '2028-01-01'],
        ['2027-08-31', '2027-09-30'],
        ['2027-01-01', '2027-12-31'],
      ] as const) {
        const part = await personalDatesBetween(db, { orgId: owner.orgId, from, to, keyFiguresOnly });
        const expected = whole.filter((r) => r.on_date >= from && r.on_date <= to).map(key);
        expect(part.map(key).sort(), `${from}…${to}`).toEqual(expected.sort());
      }
    }
  });

  it('places personal dates across the new year, with ages and anniversaries, and 29 February on the 28th', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, { name: 'ООО «Вектор»' });
    const boss = await buildContact(db, owner, client.id, {
      fullName: 'Петров Пётр Петрович',
      birthday: '1976-12-28',
      isKeyFigure: true,
    });
    const other = await buildContact(db, owner, client.id, { fullName: 'Сидоров Сидор', birthday: '1984-02-29' });
    const [wife] = await db.orm
      .insert(familyMembers)
      .values({ orgId: owner.orgId, contactId: boss.id, relation: 'spouse', name: 'Ольга', birthday: '1980-01-03' })
      .returning();
    const [nameDay] = await db.orm
      .insert(usefulDates)
      .values({
        orgId: owner.orgId,
        clientId: client.id,
        contactId: boss.id,
        kind: 'name_day',
        title: 'Именины',
        month: 1,
        day: 12,
      })
      .returning();
    const [founded] = await db.orm
      .insert(usefulDates)
      .values({
        orgId: owner.orgId,
        clientId: client.id,
        kind: 'company_anniversary',
        title: 'День основания',
        month: 1,
        day: 1,
        year: 2002,
      })
      .returning();
    const r = await calendarEvents(db, owner, { from: '2026-12-20', to: '2027-03-05', people: 'all' });
    const personal = r.events
      .filter((e) => e.clientId !== undefined)
      .map((e) => ({ id: e.id, kind: e.kind, date: e.date, count: e.count }));
    expect(personal).toEqual([
      { id: `birthday:contact:${boss.id}:2026`, kind: 'birthday', date: '2026-12-28', count: 50 },
      { id: `useful_date:${founded!.id}:2027`, kind: 'company_anniversary', date: '2027-01-01', count: 25 },
      { id: `family_birthday:member:${wife!.id}:2027`, kind: 'family_birthday', date: '2027-01-03', count: 47 },
      { id: `useful_date:${nameDay!.id}:2027`, kind: 'name_day', date: '2027-01-12', count: null },
      { id: `birthday:contact:${other.id}:2027`, kind: 'birthday', date: '2027-02-28', count: 43 },
    ]);
    expect(r.events.find((e) => e.kind === 'family_birthday')).toMatchObject({
      familyMemberName: 'Ольга',
      relation: 'spouse',
      contactName: 'Петров Пётр Петрович',
      keyFigure: true,
      clientName: 'ООО «Вектор»',
    });
    expect(r.events.find((e) => e.id === `birthday:contact:${other.id}:2027`)).toMatchObject({ keyFigure: false });
  });

  it('refuses a range longer than 400 days or backwards', async () => {
    const owner = await buildOrg(db);
    await expect(calendarEvents(db, owner, { from: '2026-01-01', to: '2027-02-06' })).rejects.toMatchObject({
      code: 'invalid_input',
      fields: [expect.objectContaining({ field: 'to', reason: 'range' })],
    });
    await expect(calendarEvents(db, owner, { from: '2026-01-02', to: '2026-01-01' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect((await calendarEvents(db, owner, { from: '2026-01-01', to: '2027-02-05' })).to).toBe('2027-02-05');
  });
});

describe('congratulation tasks', () => {
  async function company() {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    const builder = await buildClient(db, owner, {
      name: 'ООО «СтройМонтаж»',
      industry: 'Строительство',
      ownerUserId: manager.userId,
    });
    const orphan = await buildClient(db, owner, { name: 'ООО «Без менеджера»', industry: 'construction' });
    await buildClient(db, owner, { name: 'Клиника', industry: 'Медицина', ownerUserId: manager.userId });
    await lostClient(owner, { name: 'ООО «Бывший»', industry: 'Строительство', ownerUserId: manager.userId });
    const boss = await buildContact(db, owner, builder.id, {
      fullName: 'Петров Пётр Петрович',
      birthday: '1976-08-10',
      isKeyFigure: true,
      congratulationPreferences: 'Звонок лично',
      giftIdeas: 'Книги по истории',
    });
    const clerk = await buildContact(db, owner, builder.id, { fullName: 'Сидорова Анна', birthday: '1990-08-05' });
    const [wife] = await db.orm
      .insert(familyMembers)
      .values({ orgId: owner.orgId, contactId: boss.id, relation: 'spouse', name: 'Ольга', birthday: '1978-08-06' })
      .returning();
    // A Monday date with its own lead of one day: due on the Friday before.
    const [season] = await db.orm
      .insert(usefulDates)
      .values({
        orgId: owner.orgId,
        clientId: builder.id,
        contactId: boss.id,
        kind: 'hobby',
        title: 'Открытие охоты',
        month: 8,
        day: 3,
        leadDays: 1,
      })
      .returning();
    const [anniversary] = await db.orm
      .insert(usefulDates)
      .values({
        orgId: owner.orgId,
        clientId: orphan.id,
        kind: 'company_anniversary',
        title: 'День основания',
        month: 8,
        day: 10,
        year: 2001,
      })
      .returning();
    await db.orm.insert(interactions).values([
      {
        orgId: owner.orgId,
        clientId: builder.id,
        contactId: boss.id,
        kind: 'gift',
        occurredAt: '2025-08-08T09:00:00Z',
        notes: 'Коньяк «Арарат»',
        moneySpent: 550000,
      },
      {
        orgId: owner.orgId,
        clientId: builder.id,
        contactId: boss.id,
        kind: 'gift',
        occurredAt: '2024-08-09T09:00:00Z',
        notes: 'Виски',
        moneySpent: 400000,
      },
      {
        orgId: owner.orgId,
        clientId: builder.id,
        contactId: clerk.id,
        kind: 'gift',
        occurredAt: '2025-08-05T09:00:00Z',
        notes: 'Цветы',
        moneySpent: 300000,
      },
    ]);
    return { owner, manager, builder, orphan, boss, clerk, wife: wife!, season: season!, anniversary: anniversary! };
  }

  it("creates each task once, for key figures, useful dates and professional holidays, due on working days, for the client's owner", async () => {
    const c = await company();
    // Monday 27.07.2026; default lead 7 days.
    const first = await generateCongratulationTasks(db, c.owner.orgId, '2026-07-27');
    const made = await tasksOf(c.owner.orgId);
    expect(first.created).toBe(made.length);
    expect(made.map((t) => [t.sourceKey, t.eventOn, t.dueOn, t.userId])).toEqual(
      [
        // 10.08.2026 is a Monday: 7 days before is Monday 03.08.
        [`birthday:contact:${c.boss.id}:2026`, '2026-08-10', '2026-08-03', c.manager.userId],
        // 06.08 − 7 = Thursday 30.07.
        [`family_birthday:member:${c.wife.id}:2026`, '2026-08-06', '2026-07-30', c.manager.userId],
        // Builders' Day, Sunday 09.08.2026: 02.08 is a Sunday, so Friday 31.07; the lost client gets nothing, the client without an owner a task for nobody.
        [`professional_holiday:builders_day:client:${c.builder.id}:2026`, '2026-08-09', '2026-07-31', c.manager.userId],
        [`professional_holiday:builders_day:client:${c.orphan.id}:2026`, '2026-08-09', '2026-07-31', null],
        // The company's 25th anniversary, Monday 10.08, on nobody's list.
        [`useful_date:${c.anniversary.id}:2026`, '2026-08-10', '2026-08-03', null],
        // tasksOf sorts by source key as text, where client:10 comes before client:9: sort these alike.
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    // Not for the clerk (not a key figure), not yet for the date with a one-day lead.
    expect(made.some((t) => t.contactId === c.clerk.id)).toBe(false);
    const birthday = made[0]!;
    expect(birthday).toMatchObject({
      kind: 'congratulation',
      eventKind: 'birthday',
      status: 'open',
      clientId: c.builder.id,
      contactId: c.boss.id,
    });
    expect(birthday.title).toBe('Поздравить — День рождения: Петров Пётр Петрович, 50 лет — ООО «СтройМонтаж»');
    expect(birthday.notes).toContain('Как предпочитает, чтобы поздравляли: Звонок лично');
    expect(birthday.notes).toContain('Идеи подарков: Книги по истории');
    expect(birthday.notes).toContain('• 08.08.2025 — Коньяк «Арарат» (стоимость 5\u00a0500,00\u00a0₽)');
    expect(birthday.notes).not.toContain('Виски');
    expect(made[4]!.title).toBe('Поздравить — День основания: ООО «Без менеджера», 25 лет');

    // The same day again: nothing new, nothing changed.
    const again = await generateCongratulationTasks(db, c.owner.orgId, '2026-07-27');
    expect(again).toMatchObject({ created: 0, candidates: first.candidates });
    expect(await tasksOf(c.owner.orgId)).toEqual(made);

    // Thursday 30.07: the one-day-lead date (Monday 03.08) falls due on Friday 31.07, and only it is new.
    const later = await generateCongratulationTasks(db, c.owner.orgId, '2026-07-30');
    expect(later.created).toBe(1);
    const season = (await tasksOf(c.owner.orgId)).find((t) => t.sourceKey === `useful_date:${c.season.id}:2026`)!;
    expect(season).toMatchObject({
      eventOn: '2026-08-03',
      dueOn: '2026-07-31',
      userId: c.manager.userId,
      eventKind: 'hobby',
    });
  });

  it('keeps a dismissed task dismissed, and gives a late date its task due today', async () => {
    const c = await company();
    await generateCongratulationTasks(db, c.owner.orgId, '2026-07-27');
    await db.orm
      .update(tasks)
      .set({ status: 'dismissed' })
      .where(and(eq(tasks.orgId, c.owner.orgId), eq(tasks.sourceKey, `birthday:contact:${c.boss.id}:2026`)));
    // Saturday 08.08: a date added now for Monday 10.08 was due on 03.08, so it is due today.
    const [late] = await db.orm
      .insert(usefulDates)
      .values({
        orgId: c.owner.orgId,
        clientId: c.builder.id,
        kind: 'custom',
        title: 'Запуск завода',
        month: 8,
        day: 10,
      })
      .returning();
    const run = await generateCongratulationTasks(db, c.owner.orgId, '2026-08-08');
    expect(run.created).toBe(1);
    const all = await tasksOf(c.owner.orgId);
    expect(all.find((t) => t.sourceKey === `useful_date:${late!.id}:2026`)).toMatchObject({
      dueOn: '2026-08-08',
      eventOn: '2026-08-10',
    });
    expect(all.find((t) => t.sourceKey === `birthday:contact:${c.boss.id}:2026`)?.status).toBe('dismissed');
  });

  it("reads a generated task in the reader's language, keeps what a person wrote, and gives older tasks their words back", async () => {
    const c = await company();
    await generateCongratulationTasks(db, c.owner.orgId, '2026-07-27');
    const read = async (lang: 'ru' | 'en') =>
      new Map((await findTasks(db, c.owner, { scope: 'all' }, lang)).items.map((t) => [t.sourceKey, t]));
    const [ru, en] = [await read('ru'), await read('en')];
    const boss = `birthday:contact:${c.boss.id}:2026`;
    const wife = `family_birthday:member:${c.wife.id}:2026`;
    const holiday = `professional_holiday:builders_day:client:${c.builder.id}:2026`;
    const anniversary = `useful_date:${c.anniversary.id}:2026`;
    expect(ru.get(boss)!.title).toBe('Поздравить — День рождения: Петров Пётр Петрович, 50 лет — ООО «СтройМонтаж»');
    expect(en.get(boss)!.title).toBe('Congratulate — Birthday: Петров Пётр Петрович, 50 years — ООО «СтройМонтаж»');
    expect(en.get(boss)!.notes).toContain('Date: 10/08/2026 (Monday)');
    expect(en.get(boss)!.notes).toContain('Likes to be congratulated: Звонок лично');
    expect(en.get(boss)!.notes).toContain('Given in 2025:');
    expect(ru.get(boss)!.notes).toContain('Что дарили в 2025 году:');
    expect(en.get(wife)!.title).toBe(
      'Congratulate — Birthday in the family: Ольга (spouse; Петров Пётр Петрович), 48 years — ООО «СтройМонтаж»',
    );
    expect(ru.get(holiday)!.title).toBe('Поздравить с праздником «День строителя» — ООО «СтройМонтаж»');
    expect(en.get(holiday)!.title).toBe('Congratulate on «Builders’ Day» — ООО «СтройМонтаж»');
    expect(en.get(anniversary)!.title).toBe('Congratulate — День основания: ООО «Без менеджера», 25 years');

    // A title or notes a person writes are theirs in every language; done or not, the rest stays generated.
    const bossId = ru.get(boss)!.id;
    await updateTask(db, c.owner, bossId, { title: 'Позвонить Петрову лично' }, 'en');
    expect(await getTask(db, c.owner, bossId, 'en')).toMatchObject({ title: 'Позвонить Петрову лично' });
    expect((await getTask(db, c.owner, bossId, 'en')).notes).toContain('Likes to be congratulated');
    const holidayId = ru.get(holiday)!.id;
    await updateTask(db, c.owner, holidayId, { notes: 'Открытку и звонок', status: 'done' }, 'ru');
    expect(await getTask(db, c.owner, holidayId, 'en')).toMatchObject({
      title: 'Congratulate on «Builders’ Day» — ООО «СтройМонтаж»',
      notes: 'Открытку и звонок',
      status: 'done',
    });

    // Tasks made before the words were kept: the migration finds them from the source keys again,
    // except the one a person retitled (its audit row says so).
    const titles = async () =>
      new Map(
        (await tasksOf(c.owner.orgId)).map((t) => [
          t.sourceKey,
          [taskTitleIn(t, 'ru'), taskTitleIn(t, 'en'), t.titleWords === null],
        ]),
      );
    const before = await titles();
    await db.engine.query('UPDATE tasks SET title_words = NULL WHERE org_id = $1', [c.owner.orgId]);
    const migration = readFileSync(new URL('../../db/migrations/0017_task_words.sql', import.meta.url), 'utf8');
    const backfill = migration
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
      .filter((statement) => statement.startsWith('UPDATE'));
    expect(backfill).toHaveLength(4);
    for (const statement of backfill) await db.engine.query(statement);
    expect(await titles()).toEqual(before);
    expect(before.get(boss)).toEqual(['Позвонить Петрову лично', 'Позвонить Петрову лично', true]);
    expect(before.get(holiday)![2]).toBe(false);
  });

  it("uses the organisation's lead time, and writes in the owner's language", async () => {
    const owner = await buildOrg(db);
    const manager = await buildUser(db, owner.orgId, 'manager');
    await db.engine.query('UPDATE users SET locale = $1 WHERE org_id = $2 AND id = $3', [
      'en',
      owner.orgId,
      manager.userId,
    ]);
    const client = await buildClient(db, owner, { name: 'Vector LLC', ownerUserId: manager.userId });
    const boss = await buildContact(db, owner, client.id, {
      fullName: 'John Smith',
      birthday: '1980-09-30',
      isKeyFigure: true,
    });
    // Default lead 7: 30.09.2026 (Wednesday) is due on 23.09, so nothing on 01.09.
    expect((await generateCongratulationTasks(db, owner.orgId, '2026-09-01')).created).toBe(0);
    await updateCalendarSettings(db, owner, { congratulationLeadDays: 20 });
    // Lead 20: due Thursday 10.09 ≤ 01.09 + 20.
    expect((await generateCongratulationTasks(db, owner.orgId, '2026-09-01')).created).toBe(1);
    const [task] = await tasksOf(owner.orgId);
    expect(task).toMatchObject({ sourceKey: `birthday:contact:${boss.id}:2026`, dueOn: '2026-09-10' });
    expect(task!.title).toBe('Congratulate — Birthday: John Smith, 46 years — Vector LLC');
    expect(task!.notes).toBe('Date: 30/09/2026 (Wednesday)\nNo gift recorded in 2025.');
  });
});

describe('calendar settings', () => {
  it('keeps the lead time beside the analytics settings, 0–60 days, set by the owner or the head of sales', async () => {
    const owner = await buildOrg(db);
    const manager: Actor = await buildUser(db, owner.orgId, 'manager');
    expect(await calendarSettingsFor(db, owner.orgId)).toEqual({ congratulationLeadDays: 7 });
    await updateAnalyticsSettings(db, owner, { hourlyRate: 200_000 });
    await updateCalendarSettings(db, owner, { congratulationLeadDays: 14 });
    await expect(updateCalendarSettings(db, owner, { congratulationLeadDays: 61 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(updateCalendarSettings(db, manager, { congratulationLeadDays: 3 })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const [org] = await db.orm
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, owner.orgId));
    expect(org!.settings).toMatchObject({
      calendar: { congratulationLeadDays: 14 },
      analytics: { hourlyRate: 200_000 },
    });
  });
});

describe('calendar events on a large base', () => {
  it(`shows key figures' birthdays unless everybody's are asked for, and at most 30 personal dates a day, counting the rest`, async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner, { name: 'ООО «Большой штат»' });
    for (let i = 0; i < 33; i++)
      await buildContact(db, owner, client.id, {
        fullName: `Ключевой ${String(i).padStart(2, '0')}`,
        birthday: '1980-03-10',
        isKeyFigure: true,
      });
    for (let i = 0; i < 4; i++)
      await buildContact(db, owner, client.id, { fullName: `Рядовой ${i}`, birthday: '1985-03-10' });
    await buildContact(db, owner, client.id, { fullName: 'Рядовой на другой день', birthday: '1985-03-11' });
    const personal = (r: Awaited<ReturnType<typeof calendarEvents>>, date: string) =>
      r.events.filter((e) => e.date === date && e.kind === 'birthday');

    const keyOnly = await calendarEvents(db, owner, { from: '2026-03-01', to: '2026-03-31' });
    expect(personal(keyOnly, '2026-03-10')).toHaveLength(30);
    expect(personal(keyOnly, '2026-03-10').every((e) => e.kind === 'birthday' && e.keyFigure)).toBe(true);
    expect(keyOnly.hiddenByDay).toEqual([{ date: '2026-03-10', count: 3 }]);
    expect(personal(keyOnly, '2026-03-11')).toHaveLength(0);

    const everybody = await calendarEvents(db, owner, { from: '2026-03-01', to: '2026-03-31', people: 'all' });
    expect(personal(everybody, '2026-03-10')).toHaveLength(30);
    expect(everybody.hiddenByDay).toEqual([{ date: '2026-03-10', count: 7 }]);
    expect(personal(everybody, '2026-03-11').map((e) => e.kind === 'birthday' && e.contactName)).toEqual([
      'Рядовой на другой день',
    ]);
  });
});
