import type { Database } from '../../src/db/database.js';
import type { Actor } from '../../src/services/actor.js';
import { createTask } from '../../src/services/calendar/tasks.js';
import { createClaim, transitionClaim } from '../../src/services/claims/claims.js';
import { updateClient } from '../../src/services/clients/clients.js';
import { familyMemberService } from '../../src/services/people/family.js';
import { addContactLink } from '../../src/services/people/power-structure.js';
import { usefulDateService } from '../../src/services/people/useful-dates.js';
import { recordConsent } from '../../src/services/privacy/consents.js';
import { interactionService } from '../../src/services/sales/interactions.js';
import { createOrder } from '../../src/services/sales/orders.js';
import { createSurveyLink } from '../../src/services/surveys/links.js';
import { createSurveyResponse } from '../../src/services/surveys/responses.js';
import { buildClient, buildContact, buildLegalEntity, buildProduct } from './factories.js';

/** The identifying values of the person the privacy tests erase: unusual enough to find anywhere they leak. */
export const person = {
  fullName: 'Кривошеева Аглая Феоктистовна',
  phones: ['+7 (915) 777-12-34'],
  emails: ['aglaya.k@romashka.test'],
  birthday: '1961-07-23',
  family: 'Феоктист Кривошеев',
} as const;

/**
 * A client with a key figure holding every kind of personal data and every kind of history: consent,
 * family, useful dates, power-structure links, interactions (a call and a gift with its cost), a claim
 * with a history note, a survey answer and an open survey link, a congratulation task and a manual one,
 * an order, and mentions of her name, phone and e-mail in her colleague's notes and the client's card.
 */
export async function buildPerson(db: Database, owner: Actor, options: { ownerUserId?: number } = {}) {
  const client = await buildClient(db, owner, options.ownerUserId ? { ownerUserId: options.ownerUserId } : {});
  await buildLegalEntity(db, owner, client.id);
  const contact = await buildContact(db, owner, client.id, {
    fullName: person.fullName,
    position: 'Финансовый директор',
    phones: [...person.phones],
    emails: [...person.emails],
    birthday: person.birthday,
    decisionRoles: ['payment_decider'],
    influence: 'high',
    attitude: 'ally',
    isKeyFigure: true,
    notes: 'Предпочитает звонки после 16:00',
    personalTraits: 'Пунктуальна',
    professionalTraits: 'Считает каждую копейку',
    hobbies: ['садоводство'],
    congratulationPreferences: 'Открытка и звонок',
    giftIdeas: 'Редкие сорта роз',
    locale: 'ru',
  });
  const colleague = await buildContact(db, owner, client.id, {
    fullName: 'Орлов Игорь Петрович',
    phones: ['+7 (915) 000-00-01'],
    decisionRoles: ['decision_maker'],
    notes: `Согласует всё с ${person.fullName}, тел. ${person.phones[0]}`,
  });
  await updateClient(db, owner, client.id, {
    management: `Финансы ведёт ${person.fullName} (${person.emails[0]})`,
  } as never);
  await recordConsent(db, owner, contact.id, {
    purpose: 'Поздравления с личными датами',
    form: 'written',
    givenOn: '2025-10-01',
  });
  await familyMemberService.create(db, owner, {
    contactId: contact.id,
    relation: 'spouse',
    name: person.family,
    birthday: '1959-02-11',
    notes: 'Любит рыбалку',
  } as never);
  await usefulDateService.create(db, owner, {
    clientId: client.id,
    contactId: contact.id,
    kind: 'hobby',
    title: 'Выставка роз',
    month: 6,
    day: 14,
    notes: 'Ездит каждый год',
  } as never);
  await addContactLink(db, owner, client.id, {
    fromContactId: contact.id,
    toContactId: colleague.id,
    kind: 'reports_to',
  });
  const product = await buildProduct(db, owner);
  const order = await createOrder(db, owner, {
    clientId: client.id,
    number: 'РН-1',
    orderDate: '2026-01-15',
    lines: [{ productId: product.id, quantity: 3 }],
  } as never);
  const call = await interactionService.create(db, owner, {
    clientId: client.id,
    contactId: contact.id,
    kind: 'call',
    occurredAt: '2026-01-20T10:00:00Z',
    durationMinutes: 15,
    moneySpent: '0',
    outcome: 'Договорились о поставке',
    notes: `Аглая Феоктистовна просила перезвонить на ${person.phones[0]}`,
  } as never);
  const gift = await interactionService.create(db, owner, {
    clientId: client.id,
    contactId: contact.id,
    kind: 'gift',
    occurredAt: '2026-02-01T10:00:00Z',
    durationMinutes: 30,
    moneySpent: '3500.00',
    notes: 'Букет роз',
  } as never);
  const claim = await createClaim(db, owner, {
    clientId: client.id,
    contactId: contact.id,
    type: 'claim',
    category: 'delivery',
    severity: 'medium',
    receivedOn: '2026-02-05',
    subject: 'Опоздала поставка',
    description: `Звонила ${person.fullName}: машина пришла на день позже`,
  });
  await transitionClaim(db, owner, claim.id, { to: 'in_progress', note: `Перезвонить ${person.fullName}` });
  const survey = await createSurveyResponse(db, owner, {
    clientId: client.id,
    contactId: contact.id,
    answeredOn: '2026-02-10',
    goods: 5,
    staff: 4,
    nps: 9,
    comment: 'Всё хорошо, но хочется быстрее',
  } as never);
  const link = await createSurveyLink(db, owner, { clientId: client.id, contactId: contact.id });
  const congratulation = await createTask(db, owner, {
    title: `Поздравить ${person.fullName} с днём рождения`,
    dueOn: '2026-07-20',
    kind: 'congratulation',
    clientId: client.id,
    contactId: contact.id,
    eventKind: 'birthday',
    eventOn: '2026-07-23',
  });
  const callBack = await createTask(db, owner, {
    title: `Позвонить ${person.fullName} насчёт оплаты`,
    dueOn: '2026-03-01',
    clientId: client.id,
    contactId: contact.id,
  });
  return { client, contact, colleague, order, call, gift, claim, survey, link, congratulation, callBack };
}

/**
 * Every place in the organisation's rows where a value is found: each column of text, text[], json or
 * jsonb type of every table with an org_id (read from the database catalogue, like the backup), and
 * each date column for an ISO date. Answers "table.column" for each hit.
 */
export async function findEverywhere(db: Database, orgId: number, values: string[]): Promise<string[]> {
  const { rows: columns } = await db.engine.query<{ table: string; column: string; type: string }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
       AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = c.oid AND o.attname = 'org_id' AND NOT o.attisdropped)
     ORDER BY 1, 2`);
  const hits: string[] = [];
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const dates = values.filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v));
  for (const c of columns) {
    const textual =
      c.type === 'text' ||
      c.type.startsWith('character varying') ||
      c.type.endsWith('[]') ||
      c.type === 'jsonb' ||
      c.type === 'json' ||
      c.type === 'tsvector';
    let found: string[] = [];
    if (textual) {
      const { rows } = await db.engine.query<{ v: string }>(
        `SELECT DISTINCT v FROM ${q(c.table)} t, unnest($2::text[]) v WHERE t.org_id = $1 AND strpos(lower(t.${q(c.column)}::text), lower(v)) > 0`,
        [orgId, `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`],
      );
      found = rows.map((r) => r.v);
    } else if (c.type === 'date' && dates.length) {
      const { rows } = await db.engine.query<{ v: string }>(
        `SELECT DISTINCT t.${q(c.column)}::text AS v FROM ${q(c.table)} t WHERE t.org_id = $1 AND t.${q(c.column)} = ANY($2::date[])`,
        [orgId, `{${dates.join(',')}}`],
      );
      found = rows.map((r) => r.v);
    }
    for (const v of found.sort()) hits.push(`${c.table}.${c.column}: ${v}`);
  }
  return hits;
}
