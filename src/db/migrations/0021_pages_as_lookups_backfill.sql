-- The stored answers of the company-wide pages (0020) for the rows already here, organisation by
-- organisation: each client's base analysis (client_base_analysis) and the monthly tallies of the
-- claims summary (claim_months) and the satisfaction trends (survey_months). These are the statements
-- refreshBaseAnalysis (src/db/queries/people/base-analysis.ts), refreshClaimMonths
-- (src/db/queries/claims/summary.ts) and refreshSurveyMonths (src/db/queries/surveys/trends.ts) run
-- for a whole organisation; src/services/analytics/page-answers.db.test.ts holds this file to what the
-- write paths store.
DO $backfill$
DECLARE backfill_org bigint;
BEGIN
  FOR backfill_org IN SELECT id FROM organizations ORDER BY id LOOP
    INSERT INTO client_base_analysis AS a (org_id, client_id, name, significance, status, owner_user_id, revenue, profit, contacts, missing, answered)
          SELECT backfill_org::bigint, client_id, name, significance, status, owner_user_id, revenue, profit, contacts, missing, answered FROM (
        WITH cl AS (
          SELECT c.id, c.name, c.significance, c.status, c.owner_user_id FROM clients c
          WHERE c.org_id = backfill_org::bigint
        ),
        people AS (
          SELECT p.id, p.client_id, p.decision_roles, p.attitude, p.is_key_figure,
                 (p.personal_traits IS NOT NULL OR p.professional_traits IS NOT NULL) AS has_traits,
                 p.birthday IS NOT NULL AS has_birthday,
                 (p.congratulation_preferences IS NOT NULL) AS has_preferences,
                 (p.decision_roles && ARRAY['decision_maker', 'payment_decider']::text[]) AS decider
          FROM contacts p WHERE p.org_id = backfill_org::bigint AND p.client_id IN (SELECT id FROM cl)
        ),
        -- A person has at most one boss (unique index); family and dates are looked up by person.
        boss AS (
          SELECT b.from_contact_id AS id FROM contact_links b
          WHERE b.org_id = backfill_org::bigint AND b.kind = 'reports_to' AND b.from_contact_id IN (SELECT id FROM people)
        ),
        family AS (
          SELECT DISTINCT f.contact_id AS id FROM family_members f WHERE f.org_id = backfill_org::bigint AND f.contact_id IN (SELECT id FROM people)
        ),
        dated AS (
          SELECT DISTINCT u.contact_id AS id FROM useful_dates u WHERE u.org_id = backfill_org::bigint AND u.contact_id IN (SELECT id FROM people)
        ),
        person AS (
          SELECT p.*, boss.id IS NOT NULL AS has_boss, family.id IS NOT NULL AS has_family,
                 (p.has_birthday OR dated.id IS NOT NULL) AS has_dates
          FROM people p
          LEFT JOIN boss ON boss.id = p.id
          LEFT JOIN family ON family.id = p.id
          LEFT JOIN dated ON dated.id = p.id
        ),
        per AS (
          SELECT client_id, count(*) AS contacts,
                 bool_or('first_contact' = ANY (decision_roles)) AS first_contact,
                 bool_or('decision_maker' = ANY (decision_roles)) AS decision_maker,
                 bool_or('influencer' = ANY (decision_roles)) AS purchase_influencer,
                 bool_or('technical' = ANY (decision_roles)) AS technical,
                 bool_or('payment_decider' = ANY (decision_roles)) AS payment_decider,
                 bool_or('payment_influencer' = ANY (decision_roles)) AS payment_influencer,
                 count(*) FILTER (WHERE NOT has_boss) AS without_boss,
                 count(*) FILTER (WHERE decider) AS deciders,
                 count(*) FILTER (WHERE decider AND attitude IS NULL) AS deciders_unknown,
                 count(*) FILTER (WHERE is_key_figure) AS key_figures,
                 count(*) FILTER (WHERE is_key_figure AND NOT has_traits) AS kf_no_traits,
                 count(*) FILTER (WHERE is_key_figure AND NOT has_family) AS kf_no_family,
                 count(*) FILTER (WHERE is_key_figure AND NOT has_dates) AS kf_no_dates,
                 count(*) FILTER (WHERE is_key_figure AND NOT has_preferences) AS kf_no_preferences
          FROM person GROUP BY client_id
        )
        SELECT cl.id AS client_id, cl.name, cl.significance, cl.status, cl.owner_user_id, f.revenue, f.profit,
               coalesce(per.contacts, 0)::int AS contacts, (CASE WHEN coalesce(per.first_contact, false) THEN 0 ELSE 1 END + CASE WHEN coalesce(per.contacts, 0) >= 2 THEN 0 ELSE 2 END + CASE WHEN coalesce(per.decision_maker, false) THEN 0 ELSE 4 END + CASE WHEN coalesce(per.purchase_influencer, false) THEN 0 ELSE 8 END + CASE WHEN coalesce(per.technical, false) THEN 0 ELSE 16 END + CASE WHEN coalesce(per.payment_decider, false) THEN 0 ELSE 32 END + CASE WHEN coalesce(per.payment_influencer, false) THEN 0 ELSE 64 END + CASE WHEN coalesce(per.contacts >= 2 AND per.without_boss <= 1, false) THEN 0 ELSE 128 END + CASE WHEN coalesce(per.deciders > 0 AND per.deciders_unknown = 0, false) THEN 0 ELSE 256 END + CASE WHEN coalesce(per.key_figures > 0, false) THEN 0 ELSE 512 END + CASE WHEN coalesce(per.key_figures > 0 AND per.kf_no_traits = 0, false) THEN 0 ELSE 1024 END + CASE WHEN coalesce(per.key_figures > 0 AND per.kf_no_family = 0, false) THEN 0 ELSE 2048 END + CASE WHEN coalesce(per.key_figures > 0 AND per.kf_no_dates = 0, false) THEN 0 ELSE 4096 END + CASE WHEN coalesce(per.key_figures > 0 AND per.kf_no_preferences = 0, false) THEN 0 ELSE 8192 END)::int AS missing, ((coalesce(per.first_contact, false))::int + (coalesce(per.contacts, 0) >= 2)::int + (coalesce(per.decision_maker, false))::int + (coalesce(per.purchase_influencer, false))::int + (coalesce(per.technical, false))::int + (coalesce(per.payment_decider, false))::int + (coalesce(per.payment_influencer, false))::int + (coalesce(per.contacts >= 2 AND per.without_boss <= 1, false))::int + (coalesce(per.deciders > 0 AND per.deciders_unknown = 0, false))::int + (coalesce(per.key_figures > 0, false))::int + (coalesce(per.key_figures > 0 AND per.kf_no_traits = 0, false))::int + (coalesce(per.key_figures > 0 AND per.kf_no_family = 0, false))::int + (coalesce(per.key_figures > 0 AND per.kf_no_dates = 0, false))::int + (coalesce(per.key_figures > 0 AND per.kf_no_preferences = 0, false))::int)::smallint AS answered
        FROM cl
        LEFT JOIN per ON per.client_id = cl.id
        LEFT JOIN client_figures f ON f.org_id = backfill_org::bigint AND f.client_id = cl.id) x
          ON CONFLICT (org_id, client_id) DO UPDATE SET name = EXCLUDED.name, significance = EXCLUDED.significance, status = EXCLUDED.status, owner_user_id = EXCLUDED.owner_user_id, revenue = EXCLUDED.revenue, profit = EXCLUDED.profit, contacts = EXCLUDED.contacts, missing = EXCLUDED.missing, answered = EXCLUDED.answered
          WHERE (a.name, a.significance, a.status, a.owner_user_id, a.revenue, a.profit, a.contacts, a.missing, a.answered) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.significance, EXCLUDED.status, EXCLUDED.owner_user_id, EXCLUDED.revenue, EXCLUDED.profit, EXCLUDED.contacts, EXCLUDED.missing, EXCLUDED.answered);
    DELETE FROM claim_months WHERE org_id = backfill_org::bigint;
    INSERT INTO claim_months (org_id, month, facet, key, claims, closed, timed, days)
          SELECT backfill_org::bigint, month, facet, key, claims, closed, timed, days FROM (
        SELECT month, CASE WHEN GROUPING(status) = 0 THEN 'status' WHEN GROUPING(type) = 0 THEN 'type'
                           WHEN GROUPING(category) = 0 THEN 'category' ELSE 'days' END AS facet,
               coalesce(status, type, category, days::text) AS key,
               count(*)::int AS claims, count(*) FILTER (WHERE closed)::int AS closed,
               count(days)::int AS timed, coalesce(sum(days), 0)::bigint AS days
        FROM (
          SELECT date_trunc('month', c.received_on)::date AS month, c.status, c.type, c.category, c.status IN ('resolved', 'rejected') AS closed,
                 CASE WHEN c.status IN ('resolved', 'rejected') THEN c.resolved_on - c.received_on END AS days
          FROM claims c WHERE c.org_id = backfill_org::bigint AND true AND true
        ) r
        GROUP BY GROUPING SETS ((month, status), (month, type), (month, category), (month, days))
        HAVING GROUPING(days) = 1 OR days IS NOT NULL
        UNION ALL
        SELECT date_trunc('month', c.resolved_on)::date, 'resolved', '', count(*)::int, count(*)::int, 0, 0::bigint
        FROM claims c WHERE c.org_id = backfill_org::bigint AND true AND c.status IN ('resolved', 'rejected') AND true
        GROUP BY 1) t;
    DELETE FROM survey_months WHERE org_id = backfill_org::bigint;
    INSERT INTO survey_months (org_id, month, responses, sum_goods, n_goods, sum_staff, n_staff, sum_prices, n_prices, sum_logistics, n_logistics, sum_service, n_service, sum_company, n_company, nps_respondents, promoters, passives, detractors)
          SELECT backfill_org::bigint, month, responses, sum_goods, n_goods, sum_staff, n_staff, sum_prices, n_prices, sum_logistics, n_logistics, sum_service, n_service, sum_company, n_company, nps_respondents, promoters, passives, detractors FROM (
        SELECT date_trunc('month', r.answered_on)::date AS month, count(r.id) AS responses, coalesce(sum(r.goods), 0) AS sum_goods, count(r.goods) AS n_goods, coalesce(sum(r.staff), 0) AS sum_staff, count(r.staff) AS n_staff, coalesce(sum(r.prices), 0) AS sum_prices, count(r.prices) AS n_prices, coalesce(sum(r.logistics), 0) AS sum_logistics, count(r.logistics) AS n_logistics, coalesce(sum(r.service), 0) AS sum_service, count(r.service) AS n_service, coalesce(sum(r.company), 0) AS sum_company, count(r.company) AS n_company, count(r.nps) AS nps_respondents, count(*) FILTER (WHERE r.nps >= 9) AS promoters, count(*) FILTER (WHERE r.nps BETWEEN 7 AND 8) AS passives, count(*) FILTER (WHERE r.nps <= 6) AS detractors
        FROM survey_responses r WHERE r.org_id = backfill_org::bigint AND true
        GROUP BY 1) t;
  END LOOP;
END
$backfill$;
