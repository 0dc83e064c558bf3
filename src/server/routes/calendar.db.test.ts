import { describe, expect, it } from 'vitest';
import { signedIn, useApp } from '../../../test/support/app.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildContact, buildOrg, buildUser } from '../../../test/support/factories.js';
import { addDays } from '../../core/calendar/congratulations.js';
import { generateCongratulationTasks } from '../../services/calendar/congratulation-tasks.js';

const db = await useDatabase();
const app = await useApp(db);

// The server layer reads the database through the API only; these checks go round it with SQL.
const one = async <T>(sql: string, params: unknown[]) => (await db.engine.query<T>(sql, params)).rows[0]!;
const statusOf = async (taskId: number) =>
  (await one<{ status: string }>('SELECT status FROM tasks WHERE id = $1', [taskId])).status;

/** An organisation with a head of sales' client and a manager's client, each with a key figure whose birthday is `on` (month/day). */
async function company(on: string) {
  const owner = await buildOrg(db);
  const manager = await buildUser(db, owner.orgId, 'manager');
  const other = await buildUser(db, owner.orgId, 'manager');
  const mine = await buildClient(db, owner, { name: 'ООО «Вектор»', ownerUserId: manager.userId });
  const theirs = await buildClient(db, owner, { name: 'ООО «Чужой»', ownerUserId: other.userId });
  const birthday = `1976-${on.slice(5)}`;
  const boss = await buildContact(db, owner, mine.id, {
    fullName: 'Петров Пётр Петрович',
    birthday,
    isKeyFigure: true,
  });
  const them = await buildContact(db, owner, theirs.id, { fullName: 'Иванов Иван', birthday, isKeyFigure: true });
  return { owner, manager, other, mine, theirs, boss, them };
}

describe('calendar API', () => {
  it('answers the events of a range and refuses a bad one with the field and the reason', async () => {
    const c = await company('2026-06-15');
    const call = await signedIn(app, c.manager.email);
    const ok = await call({ url: '/api/v1/calendar/events?from=2026-06-01&to=2026-06-30&scope=mine' });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body).toMatchObject({ from: '2026-06-01', to: '2026-06-30', scope: 'mine', provisional: false });
    expect(body.events.map((e: { id: string }) => e.id)).toEqual([
      'public_holiday:2026-06-12',
      `birthday:contact:${c.boss.id}:2026`,
    ]);
    expect(body.days).toContainEqual({ date: '2026-06-11', kind: 'shortened', reason: 'working' });
    // A manager's calendar holds only their clients (own and shared), whatever the scope; the owner's all of them.
    const all = (await call({ url: '/api/v1/calendar/events?from=2026-06-01&to=2026-06-30&scope=all' })).json();
    expect(all.events.filter((e: { kind: string }) => e.kind === 'birthday')).toHaveLength(1);
    const asOwner = await signedIn(app, c.owner.email);
    const everyone = (await asOwner({ url: '/api/v1/calendar/events?from=2026-06-01&to=2026-06-30&scope=all' })).json();
    expect(everyone.events.filter((e: { kind: string }) => e.kind === 'birthday')).toHaveLength(2);

    const long = await call({ url: '/api/v1/calendar/events?from=2026-01-01&to=2027-12-31' });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toEqual([expect.objectContaining({ field: 'to', reason: 'range' })]);
    const bad = await call({ url: '/api/v1/calendar/events?from=2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'from', reason: 'format' });
    expect((await call({ url: '/api/v1/calendar/events?from=2026-06-01&scope=everyone' })).statusCode).toBe(400);
  });

  it('validates the lead-time setting and lets only the owner or the head of sales change it', async () => {
    const c = await company('2026-06-15');
    const head = await buildUser(db, c.owner.orgId, 'head_of_sales');
    const asHead = await signedIn(app, head.email);
    const asManager = await signedIn(app, c.manager.email);
    expect((await asManager({ url: '/api/v1/calendar/settings' })).json()).toEqual({ congratulationLeadDays: 7 });
    for (const value of [61, -1, 'seven', '7', 7.5, null, true]) {
      const res = await asHead({
        method: 'PUT',
        url: '/api/v1/calendar/settings',
        payload: { congratulationLeadDays: value },
      });
      expect(res.statusCode, String(value)).toBe(400);
      expect(res.json().errors[0].field).toBe('congratulationLeadDays');
    }
    expect(
      (
        await asHead({
          method: 'PUT',
          url: '/api/v1/calendar/settings',
          payload: { congratulationLeadDays: 7, extra: 1 },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await asManager({ method: 'PUT', url: '/api/v1/calendar/settings', payload: { congratulationLeadDays: 3 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await one<{ settings: unknown }>('SELECT settings FROM organizations WHERE id = $1', [c.owner.orgId])).settings,
    ).toEqual({});
    const ok = await asHead({
      method: 'PUT',
      url: '/api/v1/calendar/settings',
      payload: { congratulationLeadDays: 10 },
    });
    expect(ok.json()).toEqual({ congratulationLeadDays: 10 });
    expect((await asManager({ url: '/api/v1/calendar/settings' })).json()).toEqual({ congratulationLeadDays: 10 });
  });
});

describe('tasks API', () => {
  it("shows a manager their own tasks, refuses another's, and hides other organisations'", async () => {
    const c = await company('2026-06-15');
    await db.engine.query(
      `INSERT INTO interactions (org_id, client_id, contact_id, kind, occurred_at, notes, money_spent)
      VALUES ($1, $2, $3, 'gift', '2025-06-14T10:00:00Z', 'Набор чая', 250000)`,
      [c.owner.orgId, c.mine.id, c.boss.id],
    );
    expect((await generateCongratulationTasks(db, c.owner.orgId, '2026-06-05')).created).toBe(2);
    const asManager = await signedIn(app, c.manager.email);
    const asOwner = await signedIn(app, c.owner.email);

    const mine = (await asManager({ url: '/api/v1/tasks?scope=mine&status=open' })).json();
    expect(mine.total).toBe(1);
    const task = mine.items[0];
    expect(task).toMatchObject({
      userId: c.manager.userId,
      clientName: 'ООО «Вектор»',
      contactName: 'Петров Пётр Петрович',
      kind: 'congratulation',
      eventKind: 'birthday',
      eventOn: '2026-06-15',
      dueOn: '2026-06-08',
      status: 'open',
      lastYearGifts: [{ date: '2025-06-14', notes: 'Набор чая', outcome: null, cost: '2500.00' }],
    });
    expect(task.notes).toContain('Набор чая');
    expect((await asManager({ url: '/api/v1/tasks?scope=all' })).statusCode).toBe(403);
    const everyone = (await asOwner({ url: '/api/v1/tasks?scope=all' })).json();
    expect(everyone.total).toBe(2);
    expect((await asOwner({ url: `/api/v1/tasks?clientId=${c.theirs.id}` })).json().items).toHaveLength(1);
    expect((await asOwner({ url: '/api/v1/tasks?from=2026-06-09' })).json().total).toBe(0);

    const theirs = everyone.items.find((t: { userId: number }) => t.userId === c.other.userId);
    const refused = await asManager({
      method: 'PATCH',
      url: `/api/v1/tasks/${theirs.id}`,
      payload: { status: 'done' },
    });
    // Another user's task is out of a manager's sight: 404, as another organisation's, never 403 that tells it exists.
    expect(refused.statusCode).toBe(404);
    expect((await asManager({ url: `/api/v1/tasks/${theirs.id}` })).statusCode).toBe(404);
    expect(await statusOf(theirs.id)).toBe('open');

    const done = await asManager({
      method: 'PATCH',
      url: `/api/v1/tasks/${task.id}`,
      payload: { status: 'done', notes: 'Позвонил, подарил книгу' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', notes: 'Позвонил, подарил книгу' });
    expect(done.json().doneAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const reopened = (
      await asManager({
        method: 'PATCH',
        url: `/api/v1/tasks/${task.id}`,
        payload: { status: 'open', dueOn: '2026-06-10' },
      })
    ).json();
    expect(reopened).toMatchObject({ status: 'open', doneAt: null, dueOn: '2026-06-10' });
    expect(
      (await asManager({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, payload: { userId: c.other.userId } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await asManager({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, payload: { status: 'finished' } }))
        .statusCode,
    ).toBe(400);
    expect((await asManager({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, payload: {} })).statusCode).toBe(400);
    // The owner hands it over: to someone who sees the client (the task would be about a client they cannot open).
    const unseen = await asOwner({
      method: 'PATCH',
      url: `/api/v1/tasks/${task.id}`,
      payload: { userId: c.other.userId },
    });
    expect(unseen.statusCode).toBe(400);
    expect(unseen.json().errors).toEqual([expect.objectContaining({ field: 'userId', reason: 'cannotSeeClient' })]);
    expect(
      (
        await asOwner({
          method: 'POST',
          url: `/api/v1/clients/${c.mine.id}/shares`,
          payload: { userId: c.other.userId },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await asOwner({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, payload: { userId: c.other.userId } })).json()
        .userId,
    ).toBe(c.other.userId);

    // Another organisation: its task is not found, and stays as it was.
    const stranger = await buildOrg(db);
    const asStranger = await signedIn(app, stranger.email);
    expect((await asStranger({ url: `/api/v1/tasks/${task.id}` })).statusCode).toBe(404);
    expect(
      (await asStranger({ method: 'PATCH', url: `/api/v1/tasks/${task.id}`, payload: { status: 'dismissed' } }))
        .statusCode,
    ).toBe(404);
    expect((await asStranger({ url: '/api/v1/tasks' })).json().total).toBe(0);
    expect(await statusOf(task.id)).toBe('open');
  });

  it('adds a task by hand, checking who it is for and what it is about', async () => {
    const c = await company('2026-06-15');
    const asManager = await signedIn(app, c.manager.email);
    const created = await asManager({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: { title: 'Отправить каталог', dueOn: '2026-07-01', contactId: c.boss.id },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      title: 'Отправить каталог',
      kind: 'other',
      userId: c.manager.userId,
      clientId: c.mine.id,
      contactId: c.boss.id,
      status: 'open',
      lastYearGifts: [],
    });
    expect(
      (
        await asManager({
          method: 'POST',
          url: '/api/v1/tasks',
          payload: { title: 'Чужое', dueOn: '2026-07-01', userId: c.other.userId },
        })
      ).statusCode,
    ).toBe(403);
    // A colleague's client's contact is out of the manager's reach (404); the owner, who sees both, is told it is another client's.
    expect(
      (
        await asManager({
          method: 'POST',
          url: '/api/v1/tasks',
          payload: { title: 'x', dueOn: '2026-07-01', clientId: c.mine.id, contactId: c.them.id },
        })
      ).statusCode,
    ).toBe(404);
    const asOwner = await signedIn(app, c.owner.email);
    const wrongContact = await asOwner({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: { title: 'x', dueOn: '2026-07-01', userId: c.owner.userId, clientId: c.mine.id, contactId: c.them.id },
    });
    expect(wrongContact.statusCode).toBe(400);
    expect(wrongContact.json().errors[0]).toMatchObject({ field: 'contactId', reason: 'other_client' });
    expect(
      (await asManager({ method: 'POST', url: '/api/v1/tasks', payload: { title: '', dueOn: '2026-07-01' } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await asManager({ method: 'POST', url: '/api/v1/tasks', payload: { title: 'x', dueOn: '01.07.2026' } }))
        .statusCode,
    ).toBe(400);
    const stranger = await buildOrg(db);
    const asStranger = await signedIn(app, stranger.email);
    expect(
      (
        await asStranger({
          method: 'POST',
          url: '/api/v1/tasks',
          payload: { title: 'x', dueOn: '2026-07-01', clientId: c.mine.id },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await asStranger({
          method: 'POST',
          url: '/api/v1/tasks',
          payload: { title: 'x', dueOn: '2026-07-01', userId: c.manager.userId },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await one<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE org_id = ANY($1::bigint[])', [
          [c.owner.orgId, stranger.orgId],
        ])
      ).n,
    ).toBe(1);
  });
});

describe('iCalendar feed', () => {
  it('gives a secret address once, serves RFC 5545, and stops serving it when rotated or revoked', async () => {
    const soon = addDays(db.clock.today(), 10);
    const c = await company(soon);
    const asManager = await signedIn(app, c.manager.email);
    expect((await asManager({ url: '/api/v1/calendar/feed' })).json()).toEqual({ active: false });
    const created = await asManager({
      method: 'POST',
      url: '/api/v1/calendar/feed',
      headers: { host: 'crm.example.ru', 'x-forwarded-proto': 'https' },
    });
    expect(created.statusCode).toBe(201);
    const { url, webcalUrl } = created.json();
    expect(url).toMatch(
      new RegExp(`^https://crm\\.example\\.ru/api/v1/public/calendar/${c.owner.orgId}\\.[A-Za-z0-9_-]{43}\\.ics$`),
    );
    expect(webcalUrl).toBe(url.replace('https:', 'webcal:'));
    expect((await asManager({ url: '/api/v1/calendar/feed' })).json()).toEqual({ active: true });
    const stored = await one<{ hash: string }>('SELECT calendar_token_hash AS hash FROM users WHERE id = $1', [
      c.manager.userId,
    ]);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(url).not.toContain(stored.hash);

    const path = new URL(url).pathname;
    await asManager({
      method: 'POST',
      url: '/api/v1/tasks',
      payload: { title: 'Купить подарок; цветы, торт', dueOn: soon, contactId: c.boss.id, notes: 'Строка 1\nСтрока 2' },
    });
    const feed = await app.inject({ url: path, headers: { host: 'crm.example.ru' } });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = feed.body;
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const lines = text.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain('CALSCALE:GREGORIAN');
    expect(lines.some((l) => l.startsWith('X-WR-CALNAME:Rapport: Второй'))).toBe(true);
    const age = Number(soon.slice(0, 4)) - 1976;
    const birthday = lines.find((l) => l.startsWith('SUMMARY:День рождения: Петров Пётр Петрович\\,'));
    expect(birthday).toContain(`${age} `);
    expect(birthday).toContain('— ООО «Вектор»');
    expect(lines).toContain(`UID:birthday-contact-${c.boss.id}-${soon.slice(0, 4)}.${c.owner.orgId}@rapport`);
    expect(lines).toContain(`DTSTART;VALUE=DATE:${soon.replaceAll('-', '')}`);
    expect(lines).toContain(`DTEND;VALUE=DATE:${addDays(soon, 1).replaceAll('-', '')}`);
    expect(lines).toContain('SUMMARY:Задача: Купить подарок\\; цветы\\, торт');
    expect(lines.some((l) => l.startsWith('DESCRIPTION:') && l.includes('Строка 1\\nСтрока 2'))).toBe(true);
    // The manager's scope: the other manager's client is not in the feed.
    expect(text).not.toContain('Иванов Иван');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT').length).toBe(lines.filter((l) => l === 'END:VEVENT').length);

    // Rotating: the old address is gone at once, the new one works.
    const rotated = (await asManager({ method: 'POST', url: '/api/v1/calendar/feed' })).json();
    expect((await app.inject({ url: path })).statusCode).toBe(404);
    const newPath = new URL(rotated.url).pathname;
    expect((await app.inject({ url: newPath })).statusCode).toBe(200);
    // Another organisation's number with the right secret, a garbled one, and no .ics: all unknown.
    expect(
      (await app.inject({ url: newPath.replace(`/${c.owner.orgId}.`, `/${c.owner.orgId + 1000000}.`) })).statusCode,
    ).toBe(404);
    expect((await app.inject({ url: '/api/v1/public/calendar/1.nonsense.ics' })).statusCode).toBe(404);
    expect((await app.inject({ url: newPath.replace(/\.ics$/, '') })).statusCode).toBe(404);
    // Revoking.
    expect((await asManager({ method: 'DELETE', url: '/api/v1/calendar/feed' })).statusCode).toBe(204);
    expect((await app.inject({ url: newPath })).statusCode).toBe(404);
    expect((await asManager({ url: '/api/v1/calendar/feed' })).json()).toEqual({ active: false });
  });
});
