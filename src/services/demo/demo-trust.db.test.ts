import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildOrg } from '../../../test/support/factories.js';
import { checkInn, checkKpp, checkOgrn, checkOgrnip } from '../../core/clients/requisites.js';
import { loadDemo } from './load-demo.js';
import * as v from './vocabulary.js';

const db = await useDatabase();

// The demo of a first start: 300 clients, three years back from its day.
const DEMO = { clients: 300, years: 3, seed: 1, until: '2026-06-30' };
const DAY = 86_400_000;
const since = new Date(Date.parse(`${DEMO.until}T00:00:00Z`) - DEMO.years * 365 * DAY).toISOString().slice(0, 10);

let orgId: number;
const rows = async <T>(text: string) => (await db.engine.query<T>(text, [orgId])).rows;

// A new user judges the product by the demo: what a sales team would never see in its own base must not be in it.
describe('the demo company earns trust', () => {
  beforeAll(async () => {
    orgId = (await buildOrg(db)).orgId;
    await loadDemo(db, orgId, DEMO);
  });

  it('names every client once', async () => {
    const repeated = await rows<{ name: string; n: number }>(
      'SELECT name, count(*)::int AS n FROM clients WHERE org_id = $1 GROUP BY name HAVING count(*) > 1 ORDER BY name',
    );
    expect(repeated).toEqual([]);
    // Nor the same company under two legal forms («АО «УралСервис»» beside «ООО «УралСервис»»).
    const cores = await rows<{ core: string; n: number }>(`
      SELECT substring(name from '«(.*)»') AS core, count(*)::int AS n FROM clients WHERE org_id = $1 AND name LIKE '%«%'
      GROUP BY 1 HAVING count(*) > 1`);
    expect(cores).toEqual([]);
  });

  it("names a sole trader as a person, with a person's requisites, and a company with its form and quotes", async () => {
    type Entity = {
      name: string;
      legal_form: string;
      full_name: string;
      short_name: string;
      inn: string;
      kpp: string | null;
      ogrn: string;
      primary: boolean;
    };
    const entities = await rows<Entity>(`
      SELECT c.name, l.legal_form, l.full_name, l.short_name, l.inn, l.kpp, l.ogrn, l.is_primary AS primary
      FROM legal_entities l JOIN clients c ON c.org_id = l.org_id AND c.id = l.client_id WHERE l.org_id = $1`);
    const traders = entities.filter((e) => e.legal_form === 'ИП');
    const companies = entities.filter((e) => e.legal_form !== 'ИП');
    expect(traders.length).toBeGreaterThan(10);
    expect(companies.length).toBeGreaterThan(100);
    const wrong: string[] = [];
    for (const e of traders) {
      // «ИП Фамилия Имя Отчество»: a man's or a woman's three names, agreeing in gender.
      const m = /^ИП (\S+) (\S+) (\S+)$/.exec(e.name);
      const [surname, first, patronymic] = m ? m.slice(1) : [];
      const female = patronymic?.endsWith('на');
      const ok =
        m &&
        (female
          ? v.surnames.includes(surname!.slice(0, -1)) &&
            surname!.endsWith('а') &&
            v.femaleFirst.includes(first!) &&
            v.patronymicRoots.includes(patronymic!.slice(0, -2))
          : v.surnames.includes(surname!) &&
            v.maleFirst.includes(first!) &&
            patronymic!.endsWith('ич') &&
            v.patronymicRoots.includes(patronymic!.slice(0, -2)));
      if (!ok) wrong.push(`trader named ${e.name}`);
      if (e.short_name !== e.name || e.full_name !== `Индивидуальный предприниматель ${e.name.slice(3)}`)
        wrong.push(`trader ${e.name}: ${e.full_name} / ${e.short_name}`);
      if (e.inn.length !== 12 || e.kpp !== null || e.ogrn.length !== 15)
        wrong.push(`trader ${e.name}: ИНН ${e.inn}, КПП ${e.kpp}, ОГРНИП ${e.ogrn}`);
    }
    const fullForm: Record<string, string> = {
      ООО: 'Общество с ограниченной ответственностью',
      АО: 'Акционерное общество',
      ПАО: 'Публичное акционерное общество',
    };
    for (const e of companies) {
      if (!fullForm[e.legal_form] || !new RegExp(`^${e.legal_form} «[^«»]+»$`).test(e.name))
        wrong.push(`company named ${e.name} (${e.legal_form})`);
      if (e.primary && e.short_name !== e.name) wrong.push(`company ${e.name}: primary entity ${e.short_name}`);
      if (e.full_name !== `${fullForm[e.legal_form]} ${e.short_name.slice(e.legal_form.length + 1)}`)
        wrong.push(`company ${e.name}: full name ${e.full_name}`);
      if (e.inn.length !== 10 || e.kpp === null || e.ogrn.length !== 13)
        wrong.push(`company ${e.name}: ИНН ${e.inn}, КПП ${e.kpp}, ОГРН ${e.ogrn}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gives every legal entity requisites with valid check digits, none shared with another client', async () => {
    const entities = await rows<{ client_id: number; inn: string; kpp: string | null; ogrn: string }>(
      'SELECT client_id, inn, kpp, ogrn FROM legal_entities WHERE org_id = $1',
    );
    const failures: string[] = [];
    for (const e of entities) {
      for (const [what, value, check] of [
        ['ИНН', e.inn, checkInn],
        ['ОГРН', e.ogrn, e.ogrn.length === 15 ? checkOgrnip : checkOgrn],
        ...(e.kpp === null ? [] : ([['КПП', e.kpp, checkKpp]] as const)),
      ] as const) {
        const r = check(value);
        if (!r.ok) failures.push(`${e.client_id} ${what} ${value}: ${r.problem}`);
      }
      // ИНН, ОГРН and КПП belong to the same registration: region of the ИНН, its tax office in the КПП.
      if (e.ogrn.slice(3, 5) !== e.inn.slice(0, 2))
        failures.push(`${e.client_id} ОГРН ${e.ogrn} of another region than ИНН ${e.inn}`);
      if (e.kpp !== null && e.kpp.slice(0, 4) !== e.inn.slice(0, 4))
        failures.push(`${e.client_id} КПП ${e.kpp} of another tax office than ИНН ${e.inn}`);
    }
    expect(failures).toEqual([]);
    // The list of clients sharing requisites starts empty: no two demo clients hold one ИНН or ОГРН.
    expect(new Set(entities.map((e) => e.inn)).size).toBe(entities.length);
    expect(new Set(entities.map((e) => e.ogrn)).size).toBe(entities.length);
  });

  it('files each claim, wish and suggestion under the category its subject belongs to', async () => {
    const claims = await rows<{
      type: string;
      category: string;
      subject: string;
      status: string;
      resolution: string | null;
      order_number: string | null;
    }>(`
      SELECT k.type, k.category, k.subject, k.status, k.resolution, o.number AS order_number
      FROM claims k LEFT JOIN orders o ON o.org_id = k.org_id AND o.id = k.order_id WHERE k.org_id = $1`);
    expect(claims.length).toBeGreaterThan(50);
    // No subject stands under two categories in the vocabulary, so the subject alone decides the category.
    const bySubject = new Map(v.claimTopics.map((t) => [t.subject, t]));
    expect(bySubject.size).toBe(v.claimTopics.length);
    const wrong: string[] = [];
    for (const c of claims) {
      // A claim names the delivery document it is about: «Брак в партии по РН-4512».
      const subject =
        c.order_number !== null && c.subject.endsWith(` по ${c.order_number}`)
          ? c.subject.slice(0, -` по ${c.order_number}`.length)
          : c.subject;
      const topic = bySubject.get(subject);
      if (!topic || topic.type !== c.type || topic.category !== c.category)
        wrong.push(`${c.type}/${c.category}: ${c.subject}`);
      if ((c.type === 'claim') !== (c.order_number !== null && subject !== c.subject))
        wrong.push(`${c.type} ${c.subject}: order ${c.order_number}`);
      const expected =
        c.status === 'resolved'
          ? topic?.resolution
          : c.status === 'rejected'
            ? v.claimRejections[c.type as 'claim']
            : null;
      if (c.resolution !== expected) wrong.push(`${c.status} ${c.subject}: ${c.resolution}`);
    }
    expect(wrong).toEqual([]);
    expect(new Set(claims.map((c) => c.type))).toEqual(new Set(['claim', 'wish', 'suggestion']));
  });

  it('never has two clients file the same text on the same day', async () => {
    expect(
      await rows(
        `SELECT subject, received_on FROM claims WHERE org_id = $1 GROUP BY 1, 2 HAVING count(DISTINCT client_id) > 1`,
      ),
    ).toEqual([]);
  });

  it("spreads every kind of record over each year of the history, within the client's time with us", async () => {
    const kinds: Record<string, string> = {
      orders: 'SELECT order_date AS day FROM orders WHERE org_id = $1',
      payments: 'SELECT payment_date AS day FROM payments WHERE org_id = $1',
      interactions: "SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day FROM interactions WHERE org_id = $1",
      claims: 'SELECT received_on AS day FROM claims WHERE org_id = $1',
      surveys: 'SELECT answered_on AS day FROM survey_responses WHERE org_id = $1',
      losses: 'SELECT lost_on AS day FROM client_losses WHERE org_id = $1',
    };
    const perYear: Record<string, number[]> = {};
    const outside: Record<string, number> = {};
    for (const [kind, text] of Object.entries(kinds)) {
      perYear[kind] = Array.from({ length: DEMO.years }, () => 0);
      outside[kind] = 0;
      for (const { day } of await rows<{ day: string | Date }>(text)) {
        const t = typeof day === 'string' ? Date.parse(`${day.slice(0, 10)}T00:00:00Z`) : day.getTime();
        const year = Math.floor((t - Date.parse(`${since}T00:00:00Z`)) / (365 * DAY));
        if (year < 0 || t > Date.parse(`${DEMO.until}T00:00:00Z`)) outside[kind]!++;
        else perYear[kind]![Math.min(year, DEMO.years - 1)]!++;
      }
    }
    expect(outside).toEqual(Object.fromEntries(Object.keys(kinds).map((k) => [k, 0])));
    const empty = Object.entries(perYear).flatMap(([kind, years]) =>
      years.flatMap((n, i) => (n === 0 ? [`${kind}: none in year ${i + 1}`] : [])),
    );
    expect(empty, JSON.stringify(perYear)).toEqual([]);
    // Nobody complains or answers a survey before becoming a client, nor after being lost.
    expect(
      await rows(`
      SELECT c.name, k.received_on FROM claims k JOIN clients c ON c.org_id = k.org_id AND c.id = k.client_id
      LEFT JOIN orders o ON o.org_id = k.org_id AND o.id = k.order_id
      WHERE k.org_id = $1 AND (k.received_on < c.created_at::date OR k.received_on > coalesce(c.lost_on, '${DEMO.until}'::date) OR k.received_on < o.order_date)`),
    ).toEqual([]);
    expect(
      await rows(`
      SELECT c.name, s.answered_on FROM survey_responses s JOIN clients c ON c.org_id = s.org_id AND c.id = s.client_id
      WHERE s.org_id = $1 AND (s.answered_on < c.created_at::date OR s.answered_on > coalesce(c.lost_on, '${DEMO.until}'::date))`),
    ).toEqual([]);
  });
});
