import type { Database } from '../../db/database.js';

/**
 * The demo company's people and voice, derived set-based from the demo clients and contacts already
 * loaded (so its cost stays a few statements whatever the size): who reports to whom, key figures with
 * their families and useful dates, claims through their workflow, survey answers, and a loss record
 * for every client the generator marked lost. "Random" choices are fixed functions of the row ids
 * (r(id, salt) below), so the same seed always gives the same company.
 */
export async function seedPeopleAndVoice(db: Database, orgId: number, until: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // A number 0–99 fixed for an id and a salt (a multiplicative hash; spreads consecutive ids).
  const r = (id: string, salt: number) => `mod(abs(${id} * 2654435761 + ${salt * 40503}), 100)::int`;
  const run = async (name: string, sql: string) => {
    const { rowCount } = await db.engine.query(sql, sql.includes('$2') ? [orgId, until] : [orgId]);
    counts[name] = (counts[name] ?? 0) + Number(rowCount ?? 0);
  };
  const demoClients = `SELECT id FROM clients WHERE org_id = $1 AND is_demo`;

  // Deciders are the key figures; what a manager would have learnt about them over the years.
  await run('contacts', `
    UPDATE contacts c SET is_key_figure = true,
      hobbies = string_to_array((ARRAY['рыбалка', 'теннис', 'горные лыжи', 'футбол|ЦСКА', 'охота', 'шахматы', 'дача|розы', 'бег|марафоны'])[1 + ${r('c.id', 1)} % 8], '|'),
      personal_traits = (ARRAY['Пунктуален, ценит краткость', 'Любит обстоятельные разговоры', 'Осторожен, решения принимает не сразу', 'Открыт и прям', 'Требователен к деталям'])[1 + ${r('c.id', 2)} % 5],
      professional_traits = (ARRAY['Считает каждую копейку', 'Главное — сроки поставки', 'Ценит качество выше цены', 'Ждёт от поставщика инициативы'])[1 + ${r('c.id', 3)} % 4],
      congratulation_preferences = (ARRAY['Звонок лично', 'Открытка и небольшой подарок', 'Визит с цветами', 'Сообщение в мессенджере'])[1 + ${r('c.id', 4)} % 4]
    WHERE c.org_id = $1 AND c.client_id IN (${demoClients})
      AND (c.decision_roles && ARRAY['decision_maker', 'payment_decider']::text[])`);

  // Everyone else reports to the client's first decision maker; an influencer influences that person.
  await run('contact_links', `
    WITH boss AS (
      SELECT DISTINCT ON (client_id) client_id, id FROM contacts
      WHERE org_id = $1 AND client_id IN (${demoClients}) AND 'decision_maker' = ANY (decision_roles) ORDER BY client_id, id
    )
    INSERT INTO contact_links (org_id, client_id, from_contact_id, to_contact_id, kind)
    SELECT $1, c.client_id, c.id, b.id, k.kind
    FROM contacts c JOIN boss b ON b.client_id = c.client_id AND b.id <> c.id
    CROSS JOIN LATERAL (VALUES ('reports_to'), ('influences')) AS k(kind)
    WHERE c.org_id = $1 AND (k.kind = 'reports_to' OR 'influencer' = ANY (c.decision_roles))`);

  await run('family_members', `
    INSERT INTO family_members (org_id, contact_id, relation, name, birthday)
    SELECT $1, c.id, f.relation, f.name, f.birthday
    FROM contacts c CROSS JOIN LATERAL (VALUES
      ('spouse', (ARRAY['Ольга', 'Елена', 'Наталья', 'Ирина', 'Сергей', 'Андрей'])[1 + ${r('c.id', 5)} % 6],
        make_date(1965 + ${r('c.id', 6)} % 30, 1 + ${r('c.id', 7)} % 12, 1 + ${r('c.id', 8)} % 28), ${r('c.id', 9)} < 60),
      ('child', (ARRAY['Маша', 'Дима', 'Аня', 'Саша', 'Миша', 'Катя'])[1 + ${r('c.id', 10)} % 6],
        make_date(2000 + ${r('c.id', 11)} % 20, 1 + ${r('c.id', 12)} % 12, 1 + ${r('c.id', 13)} % 28), ${r('c.id', 14)} < 45)
    ) AS f(relation, name, birthday, chosen)
    WHERE c.org_id = $1 AND c.is_key_figure AND c.client_id IN (${demoClients}) AND f.chosen`);

  await run('useful_dates', `
    INSERT INTO useful_dates (org_id, client_id, contact_id, kind, title, month, day, year)
    SELECT $1, c.client_id, c.id, 'name_day', 'Именины', 1 + ${r('c.id', 15)} % 12, 1 + ${r('c.id', 16)} % 28, NULL
    FROM contacts c WHERE c.org_id = $1 AND c.is_key_figure AND c.client_id IN (${demoClients}) AND ${r('c.id', 17)} < 30
    UNION ALL
    SELECT $1, cl.id, NULL, 'company_anniversary', 'День основания компании', 1 + ${r('cl.id', 18)} % 12, 1 + ${r('cl.id', 19)} % 28, 1992 + ${r('cl.id', 20)} % 28
    FROM clients cl WHERE cl.org_id = $1 AND cl.is_demo AND cl.significance IN ('key', 'major')`);

  // Claims and wishes of the last two years; the older ones have gone through their workflow.
  await run('claims', `
    INSERT INTO claims (org_id, client_id, type, category, severity, received_on, due_on, subject, status, resolution, resolved_on, responsible_user_id)
    SELECT $1, cl.id, x.type, x.category, x.severity, x.received, x.received + x.sla,
      (CASE x.type WHEN 'claim' THEN (ARRAY['Недовложение в поставке', 'Брак в партии', 'Опоздание машины', 'Ошибка в счёте-фактуре', 'Грубость водителя', 'Повреждена упаковка'])[1 + ${r('cl.id + g', 21)} % 6]
        WHEN 'wish' THEN (ARRAY['Доставка до 10 утра', 'Электронный документооборот', 'Отсрочка 30 дней', 'Расширить ассортимент'])[1 + ${r('cl.id + g', 22)} % 4]
        ELSE (ARRAY['Совместная акция', 'Обучение персонала клиента', 'Поставки по графику'])[1 + ${r('cl.id + g', 23)} % 3] END),
      x.status,
      CASE WHEN x.status IN ('resolved', 'rejected') THEN (ARRAY['Заменили товар', 'Выставили корректировочный документ', 'Поменяли перевозчика', 'Объяснили условия договора'])[1 + ${r('cl.id + g', 24)} % 4] END,
      CASE WHEN x.status IN ('resolved', 'rejected') THEN least(x.received + 1 + ${r('cl.id + g', 25)} % 20, $2::date) END,
      cl.owner_user_id
    FROM clients cl CROSS JOIN generate_series(1, 3) AS g
    CROSS JOIN LATERAL (
      SELECT t.type, t.category, t.severity, t.received, t.sla,
        CASE WHEN t.received < $2::date - 45 THEN (CASE WHEN ${r('cl.id + g', 26)} < 85 THEN 'resolved' ELSE 'rejected' END)
             WHEN ${r('cl.id + g', 27)} < 50 THEN 'in_progress' ELSE 'new' END AS status
      FROM (SELECT
        (ARRAY['claim', 'claim', 'claim', 'wish', 'suggestion'])[1 + ${r('cl.id + g', 28)} % 5] AS type,
        (ARRAY['delivery', 'delivery', 'quality', 'quality', 'documents', 'staff', 'price', 'assortment', 'payment', 'other'])[1 + ${r('cl.id + g', 29)} % 10] AS category,
        (ARRAY['low', 'medium', 'medium', 'high', 'critical'])[1 + ${r('cl.id + g', 30)} % 5] AS severity,
        $2::date - (${r('cl.id + g', 31)} * 7) AS received,
        (ARRAY[14, 7, 7, 3, 1])[1 + ${r('cl.id + g', 30)} % 5] AS sla) t
    ) x
    WHERE cl.org_id = $1 AND cl.is_demo AND cl.status <> 'prospect' AND ${r('cl.id + g', 32)} < 25`);
  await run('claim_events', `
    INSERT INTO claim_events (org_id, claim_id, from_status, to_status, at)
    SELECT org_id, id, NULL, 'new', received_on::timestamptz FROM claims WHERE org_id = $1 AND client_id IN (${demoClients})
    UNION ALL
    SELECT org_id, id, 'new', 'in_progress', (received_on + 1)::timestamptz FROM claims WHERE org_id = $1 AND client_id IN (${demoClients}) AND status <> 'new'
    UNION ALL
    SELECT org_id, id, 'in_progress', status, resolved_on::timestamptz FROM claims WHERE org_id = $1 AND client_id IN (${demoClients}) AND status IN ('resolved', 'rejected')`);

  // Satisfaction answers a manager wrote down after calls; lost clients were less happy.
  await run('survey_responses', `
    INSERT INTO survey_responses (org_id, client_id, contact_id, channel, answered_on, goods, staff, prices, logistics, service, company, nps)
    SELECT $1, cl.id, (SELECT min(c.id) FROM contacts c WHERE c.org_id = $1 AND c.client_id = cl.id), 'manager', $2::date - (q * 91 + ${r('cl.id + q', 40)} % 60),
      least(5, 2 + ${r('cl.id + q', 41)} % 4 - d), least(5, 3 + ${r('cl.id + q', 42)} % 3 - d), greatest(1, 2 + ${r('cl.id + q', 43)} % 4 - d),
      greatest(1, 2 + ${r('cl.id + q', 44)} % 4 - d), least(5, 3 + ${r('cl.id + q', 45)} % 3 - d), least(5, 3 + ${r('cl.id + q', 46)} % 3 - d),
      greatest(0, least(10, 5 + ${r('cl.id + q', 47)} % 6 - 2 * d))
    FROM clients cl CROSS JOIN generate_series(0, 5) AS q
    CROSS JOIN LATERAL (SELECT CASE WHEN cl.status = 'lost' THEN 1 ELSE 0 END AS d) AS dip
    WHERE cl.org_id = $1 AND cl.is_demo AND cl.status <> 'prospect' AND ${r('cl.id', 48)} < 35 AND ${r('cl.id + q', 49)} < 60`);

  // Every client the generator marked lost gets its lesson recorded; reasons fall roughly as in
  // practice, a few causes making most of the losses.
  await run('client_losses', `
    INSERT INTO client_losses (org_id, client_id, lost_on, reason, competitor, significance, systemic_error, win_back_plan)
    SELECT $1, cl.id, cl.lost_on, x.reason,
      CASE WHEN x.reason = 'competitor' THEN (ARRAY['ООО «ТоргСнаб»', 'АО «Мегаопт»', 'ООО «Северный склад»', 'ГК «Вектор»'])[1 + ${r('cl.id', 51)} % 4] END,
      cl.significance,
      CASE WHEN x.reason IN ('price', 'service', 'logistics', 'quality') THEN (ARRAY['Не отслеживали падение заказов', 'Менеджер не звонил полгода', 'Не реагировали на претензии вовремя', 'Не знали лицо, принимающее решение'])[1 + ${r('cl.id', 52)} % 4] END,
      CASE WHEN ${r('cl.id', 53)} < 50 THEN (ARRAY['Встреча с руководителем, специальные условия на первый заказ', 'Предложить отсрочку платежа', 'Пригласить на выставку'])[1 + ${r('cl.id', 54)} % 3] END
    FROM clients cl CROSS JOIN LATERAL (SELECT CASE
        WHEN ${r('cl.id', 50)} < 35 THEN 'competitor' WHEN ${r('cl.id', 50)} < 60 THEN 'price' WHEN ${r('cl.id', 50)} < 72 THEN 'service'
        WHEN ${r('cl.id', 50)} < 82 THEN 'quality' WHEN ${r('cl.id', 50)} < 88 THEN 'logistics' WHEN ${r('cl.id', 50)} < 93 THEN 'credit_terms'
        WHEN ${r('cl.id', 50)} < 96 THEN 'client_crisis' WHEN ${r('cl.id', 50)} < 98 THEN 'no_longer_needs' WHEN ${r('cl.id', 50)} < 99 THEN 'relocation'
        ELSE 'other' END AS reason) x
    WHERE cl.org_id = $1 AND cl.is_demo AND cl.status = 'lost' AND cl.lost_on IS NOT NULL`);
  return counts;
}
