import type { Database } from '../../database.js';

/** What the demo's claims are about (services/demo/vocabulary.ts): each subject, its category and resolution, and how often it comes up. */
export type DemoClaimWords = {
  topics: readonly { type: string; category: string; subject: string; resolution: string; weight: number }[];
  /** The answer to a rejected claim, wish or suggestion, by type. */
  rejections: Readonly<Record<string, string>>;
};

/**
 * The demo company's people and voice, derived set-based from the demo clients and contacts already
 * loaded (so its cost stays a few statements whatever the size): who reports to whom, key figures with
 * their families and useful dates, claims through their workflow, survey answers, and a loss record
 * for every client the generator marked lost, spread over the history from `since` to `until`.
 * "Random" choices are fixed functions of the row ids (r(id, salt) below), so the same seed always
 * gives the same company.
 */
export async function seedPeopleAndVoice(
  db: Database,
  orgId: number,
  until: string,
  since: string,
  { topics: claimTopics, rejections: claimRejections }: DemoClaimWords,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  // A number 0…m−1 fixed for an id and a salt. The square mod 2³¹−1 makes the salts independent of
  // each other (a linear hash gave every salt the same draw shifted, so a claim's date decided its
  // type, category and whether it existed: two years promised, five months given); every product
  // stays below 2⁶³.
  const r = (id: string, salt: number, m = 100) => {
    const x = `mod((${id}) * 2654435761 + ${salt * 40503 + 12345}, 2147483647)`;
    return `mod(mod(${x} * ${x}, 2147483647) * 48271 % 2147483647, ${m})::int`;
  };
  const run = async (name: string, sql: string) => {
    const { rowCount } = await db.engine.query(
      sql,
      sql.includes('$3') ? [orgId, until, since] : sql.includes('$2') ? [orgId, until] : [orgId],
    );
    counts[name] = (counts[name] ?? 0) + Number(rowCount ?? 0);
  };
  const demoClients = `SELECT id FROM clients WHERE org_id = $1 AND is_demo`;
  // One of the topics of these types, each as often as its weight: 'type|category|subject|resolution|rejection'.
  const topicsSql = (...types: string[]) => {
    const items = claimTopics
      .filter((t) => types.includes(t.type))
      .flatMap((t) =>
        Array.from(
          { length: t.weight },
          () => `'${[t.type, t.category, t.subject, t.resolution, claimRejections[t.type]].join('|')}'`,
        ),
      );
    return (key: string, salt: number) => `(ARRAY[${items.join(', ')}])[1 + ${r(key, salt, items.length)}]`;
  };

  // Deciders are the key figures; what a manager would have learnt about them over the years.
  await run(
    'contacts',
    `
    UPDATE contacts c SET is_key_figure = true,
      hobbies = string_to_array((ARRAY['рыбалка', 'теннис', 'горные лыжи', 'футбол|ЦСКА', 'охота', 'шахматы', 'дача|розы', 'бег|марафоны'])[1 + ${r('c.id', 1)} % 8], '|'),
      personal_traits = (ARRAY['Пунктуален, ценит краткость', 'Любит обстоятельные разговоры', 'Осторожен, решения принимает не сразу', 'Открыт и прям', 'Требователен к деталям'])[1 + ${r('c.id', 2)} % 5],
      professional_traits = (ARRAY['Считает каждую копейку', 'Главное — сроки поставки', 'Ценит качество выше цены', 'Ждёт от поставщика инициативы'])[1 + ${r('c.id', 3)} % 4],
      congratulation_preferences = (ARRAY['Звонок лично', 'Открытка и небольшой подарок', 'Визит с цветами', 'Сообщение в мессенджере'])[1 + ${r('c.id', 4)} % 4]
    WHERE c.org_id = $1 AND c.client_id IN (${demoClients})
      AND (c.decision_roles && ARRAY['decision_maker', 'payment_decider']::text[])`,
  );

  // Everyone else reports to the client's first decision maker; an influencer influences that person.
  await run(
    'contact_links',
    `
    WITH boss AS (
      SELECT DISTINCT ON (client_id) client_id, id FROM contacts
      WHERE org_id = $1 AND client_id IN (${demoClients}) AND 'decision_maker' = ANY (decision_roles) ORDER BY client_id, id
    )
    INSERT INTO contact_links (org_id, client_id, from_contact_id, to_contact_id, kind)
    SELECT $1, c.client_id, c.id, b.id, k.kind
    FROM contacts c JOIN boss b ON b.client_id = c.client_id AND b.id <> c.id
    CROSS JOIN LATERAL (VALUES ('reports_to'), ('influences')) AS k(kind)
    WHERE c.org_id = $1 AND (k.kind = 'reports_to' OR 'influencer' = ANY (c.decision_roles))`,
  );

  await run(
    'family_members',
    `
    INSERT INTO family_members (org_id, contact_id, relation, name, birthday)
    SELECT $1, c.id, f.relation, f.name, f.birthday
    FROM contacts c CROSS JOIN LATERAL (VALUES
      ('spouse', (ARRAY['Ольга', 'Елена', 'Наталья', 'Ирина', 'Сергей', 'Андрей'])[1 + ${r('c.id', 5)} % 6],
        make_date(1965 + ${r('c.id', 6)} % 30, 1 + ${r('c.id', 7)} % 12, 1 + ${r('c.id', 8)} % 28), ${r('c.id', 9)} < 60),
      ('child', (ARRAY['Маша', 'Дима', 'Аня', 'Саша', 'Миша', 'Катя'])[1 + ${r('c.id', 10)} % 6],
        make_date(2000 + ${r('c.id', 11)} % 20, 1 + ${r('c.id', 12)} % 12, 1 + ${r('c.id', 13)} % 28), ${r('c.id', 14)} < 45)
    ) AS f(relation, name, birthday, chosen)
    WHERE c.org_id = $1 AND c.is_key_figure AND c.client_id IN (${demoClients}) AND f.chosen`,
  );

  await run(
    'useful_dates',
    `
    INSERT INTO useful_dates (org_id, client_id, contact_id, kind, title, month, day, year)
    SELECT $1, c.client_id, c.id, 'name_day', 'Именины', 1 + ${r('c.id', 15)} % 12, 1 + ${r('c.id', 16)} % 28, NULL
    FROM contacts c WHERE c.org_id = $1 AND c.is_key_figure AND c.client_id IN (${demoClients}) AND ${r('c.id', 17)} < 30
    UNION ALL
    SELECT $1, cl.id, NULL, 'company_anniversary', 'День основания компании', 1 + ${r('cl.id', 18)} % 12, 1 + ${r('cl.id', 19)} % 28, 1992 + ${r('cl.id', 20)} % 28
    FROM clients cl WHERE cl.org_id = $1 AND cl.is_demo AND cl.significance IN ('key', 'major')`,
  );

  // Claims about deliveries, a few orders in a hundred, each naming its document; wishes and
  // suggestions through the client's time with us. Every subject is filed under its own category
  // (claimTopics); the older ones have gone through their workflow.
  const claimKinds = topicsSql('claim');
  const wishKinds = topicsSql('wish', 'suggestion');
  await run(
    'claims',
    `
    INSERT INTO claims (org_id, client_id, contact_id, order_id, type, category, severity, received_on, due_on, subject, status, resolution, resolved_on, responsible_user_id)
    SELECT $1, x.client_id, (SELECT min(c.id) FROM contacts c WHERE c.org_id = $1 AND c.client_id = x.client_id), x.order_id,
      split_part(x.topic, '|', 1), split_part(x.topic, '|', 2), x.severity, x.received, x.received + x.sla,
      split_part(x.topic, '|', 3) || coalesce(' по ' || x.document, ''), x.status,
      CASE x.status WHEN 'resolved' THEN split_part(x.topic, '|', 4) WHEN 'rejected' THEN split_part(x.topic, '|', 5) END,
      CASE WHEN x.status IN ('resolved', 'rejected') THEN least(x.received + 1 + ${r('x.k', 25)} % 20, $2::date) END,
      x.owner
    FROM (
      SELECT t.*, (ARRAY[14, 7, 7, 3, 1])[t.level] AS sla,
        (ARRAY['low', 'medium', 'medium', 'high', 'critical'])[t.level] AS severity,
        CASE WHEN t.received < $2::date - 45 THEN (CASE WHEN ${r('t.k', 26)} < 85 THEN 'resolved' ELSE 'rejected' END)
             WHEN ${r('t.k', 27)} < 50 THEN 'in_progress' ELSE 'new' END AS status
      FROM (
        -- A claim arrives a few days after the delivery it is about: «Брак в партии по РН-4512».
        SELECT o.client_id, o.id AS order_id, o.number AS document, cl.owner_user_id AS owner, 2 * o.id AS k,
          least(o.order_date + 1 + ${r('o.id', 21)} % 10, $2::date) AS received, ${claimKinds('o.id', 22)} AS topic, 1 + ${r('o.id', 23)} % 5 AS level
        FROM orders o JOIN clients cl ON cl.org_id = o.org_id AND cl.id = o.client_id
        WHERE o.org_id = $1 AND cl.is_demo AND o.status <> 'cancelled' AND ${r('o.id', 20, 1000)} < 35
        UNION ALL
        -- Two clients rarely voice the same wish on one day; the hash's few coincidences are dropped.
        (SELECT DISTINCT ON (w.received, w.topic) w.* FROM (
          SELECT cl.id AS client_id, NULL::bigint AS order_id, NULL::text AS document, cl.owner_user_id AS owner, 2 * (cl.id * 8 + g) + 1 AS k,
            cl.created_at::date + ${r('cl.id * 8 + g', 28, 1000)} * (coalesce(cl.lost_on, $2::date) - cl.created_at::date) / 1000 AS received,
            ${wishKinds('cl.id * 8 + g', 29)} AS topic, 1 + ${r('cl.id * 8 + g', 30)} % 2 AS level
          FROM clients cl CROSS JOIN generate_series(1, 2) AS g
          WHERE cl.org_id = $1 AND cl.is_demo AND cl.status <> 'prospect' AND ${r('cl.id * 8 + g', 31)} < 20
        ) w ORDER BY w.received, w.topic, w.client_id)
      ) t
    ) x`,
  );
  await run(
    'claim_events',
    `
    INSERT INTO claim_events (org_id, claim_id, from_status, to_status, at)
    SELECT org_id, id, NULL, 'new', received_on::timestamptz FROM claims WHERE org_id = $1 AND client_id IN (${demoClients})
    UNION ALL
    SELECT org_id, id, 'new', 'in_progress', (received_on + 1)::timestamptz FROM claims WHERE org_id = $1 AND client_id IN (${demoClients}) AND status <> 'new'
    UNION ALL
    SELECT org_id, id, 'in_progress', status, resolved_on::timestamptz FROM claims WHERE org_id = $1 AND client_id IN (${demoClients}) AND status IN ('resolved', 'rejected')`,
  );

  // Satisfaction answers a manager wrote down after calls, a quarter apart through the history,
  // while the client was with us; lost clients were less happy.
  await run(
    'survey_responses',
    `
    INSERT INTO survey_responses (org_id, client_id, contact_id, channel, answered_on, goods, staff, prices, logistics, service, company, nps)
    SELECT $1, cl.id, (SELECT min(c.id) FROM contacts c WHERE c.org_id = $1 AND c.client_id = cl.id), 'manager', a.answered,
      least(5, 2 + ${r('a.k', 41)} % 4 - d), least(5, 3 + ${r('a.k', 42)} % 3 - d), greatest(1, 2 + ${r('a.k', 43)} % 4 - d),
      greatest(1, 2 + ${r('a.k', 44)} % 4 - d), least(5, 3 + ${r('a.k', 45)} % 3 - d), least(5, 3 + ${r('a.k', 46)} % 3 - d),
      greatest(0, least(10, 5 + ${r('a.k', 47)} % 6 - 2 * d))
    FROM clients cl CROSS JOIN generate_series(0, ($2::date - $3::date) / 91) AS q
    CROSS JOIN LATERAL (SELECT cl.id * 64 + q AS k, $2::date - (q * 91 + ${r('cl.id * 64 + q', 40)} % 60) AS answered) AS a
    CROSS JOIN LATERAL (SELECT CASE WHEN cl.status = 'lost' THEN 1 ELSE 0 END AS d) AS dip
    WHERE cl.org_id = $1 AND cl.is_demo AND cl.status <> 'prospect' AND ${r('cl.id', 48)} < 35 AND ${r('a.k', 49)} < 50
      AND a.answered >= greatest(cl.created_at::date, $3::date) AND a.answered <= coalesce(cl.lost_on, $2::date)`,
  );

  // Every client the generator marked lost gets its lesson recorded; reasons fall roughly as in
  // practice, a few causes making most of the losses.
  await run(
    'client_losses',
    `
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
    WHERE cl.org_id = $1 AND cl.is_demo AND cl.status = 'lost' AND cl.lost_on IS NOT NULL`,
  );
  return counts;
}
