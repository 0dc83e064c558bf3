import type { Database } from '../../database.js';
import { refreshClientSearch } from '../client-search.js';
import type { MergeTouch } from './merge-sales.js';
import { resolveClients, usersByName } from './resolve.js';

export type RecordOutcome = { created: number; updated: number; unchanged: number; clientsCreated?: number };

/** The existing clients the staged rows name (s_clients, once resolved): those an import may have changed. */
export const resolvedClientIds = async (db: Database) =>
  (
    await db.engine.query<{ client_id: number }>('SELECT DISTINCT client_id FROM s_clients WHERE client_id IS NOT NULL')
  ).rows.map((r) => Number(r.client_id));

/**
 * A client list: clients found (by code, ИНН+КПП, name) get the file's values where the file has
 * them; the others are created. Requisites and bank details go to the matching legal entity, the
 * contact person to the client's contacts.
 */
export async function mergeClients(
  db: Database,
  orgId: number,
): Promise<{ outcome: RecordOutcome; touch: MergeTouch }> {
  const q = (text: string) => db.engine.query(text, [orgId]);
  const resolved = await resolveClients(db, orgId, { create: true });
  await db.engine.exec(
    'ALTER TABLE s_client_rows ADD COLUMN client_id bigint; UPDATE s_client_rows r SET client_id = s.client_id FROM s_clients s WHERE s.key = r.key',
  );
  const changedClients = (
    await q(`UPDATE clients c SET
      industry = coalesce(r.industry, c.industry), region = coalesce(r.region, c.region),
      delivery_address = coalesce(r.actual_address, c.delivery_address), external_id = coalesce(c.external_id, r.ext),
      notes = coalesce(c.notes, r.comment), owner_user_id = coalesce(u.id, c.owner_user_id), updated_at = now()
    FROM s_client_rows r LEFT JOIN (${usersByName}) u ON u.key = lower(r.manager)
    WHERE c.org_id = $1 AND c.id = r.client_id
      AND (c.industry, c.region, c.delivery_address, c.external_id, c.notes, c.owner_user_id) IS DISTINCT FROM
          (coalesce(r.industry, c.industry), coalesce(r.region, c.region), coalesce(r.actual_address, c.delivery_address),
           coalesce(c.external_id, r.ext), coalesce(c.notes, r.comment), coalesce(u.id, c.owner_user_id))
    RETURNING c.id`)
  ).rows.map((r) => Number((r as { id: number }).id));
  const changedEntities = (
    await q(`UPDATE legal_entities le SET
      full_name = coalesce(r.full_name, le.full_name), ogrn = coalesce(r.ogrn, le.ogrn),
      legal_address = coalesce(r.legal_address, le.legal_address), postal_address = coalesce(r.postal_address, le.postal_address),
      bank_name = coalesce(r.bank_name, le.bank_name), bik = coalesce(r.bik, le.bik),
      settlement_account = coalesce(r.bank_account, le.settlement_account), correspondent_account = coalesce(r.corr_account, le.correspondent_account),
      updated_at = now()
    FROM s_client_rows r
    WHERE le.org_id = $1 AND le.client_id = r.client_id AND le.inn = r.inn AND (r.kpp IS NULL OR le.kpp IS NULL OR le.kpp = r.kpp)
      AND (le.full_name, le.ogrn, le.legal_address, le.postal_address, le.bank_name, le.bik, le.settlement_account, le.correspondent_account)
        IS DISTINCT FROM (coalesce(r.full_name, le.full_name), coalesce(r.ogrn, le.ogrn), coalesce(r.legal_address, le.legal_address),
          coalesce(r.postal_address, le.postal_address), coalesce(r.bank_name, le.bank_name), coalesce(r.bik, le.bik),
          coalesce(r.bank_account, le.settlement_account), coalesce(r.corr_account, le.correspondent_account))
    RETURNING le.client_id`)
  ).rows.map((r) => Number((r as { client_id: number }).client_id));
  const newContacts = (
    await q(`INSERT INTO contacts (org_id, client_id, full_name, position, phones, emails)
    SELECT $1, r.client_id, r.contact_name, r.contact_position,
      CASE WHEN r.phone IS NULL THEN '{}'::text[] ELSE ARRAY[r.phone] END, CASE WHEN r.email IS NULL THEN '{}'::text[] ELSE ARRAY[r.email] END
    FROM s_client_rows r
    WHERE r.contact_name IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM contacts ct WHERE ct.org_id = $1 AND ct.client_id = r.client_id AND lower(ct.full_name) = lower(r.contact_name))
    RETURNING client_id`)
  ).rows.map((r) => Number((r as { client_id: number }).client_id));
  const ids = await resolvedClientIds(db);
  await refreshClientSearch(db, orgId, ids);
  const { rows: newOnes } = await db.engine.query<{ client_id: number }>(
    'SELECT client_id FROM s_clients WHERE is_new',
  );
  const created = new Set(newOnes.map((r) => Number(r.client_id)));
  const updated = new Set([...changedClients, ...changedEntities, ...newContacts].filter((id) => !created.has(id)));
  return {
    outcome: { created: resolved.created, updated: updated.size, unchanged: ids.length - created.size - updated.size },
    // New clients get their (empty) figures; a list changes nothing the analytics count.
    touch: { clientIds: [...created], days: [] },
  };
}

/** Contacts of clients that exist: found by client and name (case-insensitive) and completed, or added. */
export async function mergeContacts(
  db: Database,
  orgId: number,
): Promise<{ outcome: RecordOutcome; touch: MergeTouch }> {
  await db.engine.exec('ALTER TABLE s_contacts ADD COLUMN client_id bigint, ADD COLUMN contact_id bigint');
  await db.engine.exec('UPDATE s_contacts r SET client_id = s.client_id FROM s_clients s WHERE s.key = r.client_key');
  await db.engine.query(
    `UPDATE s_contacts r SET contact_id = m.id FROM (
      SELECT DISTINCT ON (client_id, lower(full_name)) client_id, lower(full_name) AS lname, id FROM contacts WHERE org_id = $1
      ORDER BY client_id, lower(full_name), id) m
    WHERE r.client_id = m.client_id AND lower(r.full_name) = m.lname`,
    [orgId],
  );
  const updated = (
    await db.engine.query(
      `UPDATE contacts ct SET position = coalesce(r.position, ct.position),
      phones = CASE WHEN r.phone IS NULL OR r.phone = ANY(ct.phones) THEN ct.phones ELSE ct.phones || r.phone END,
      emails = CASE WHEN r.email IS NULL OR r.email = ANY(ct.emails) THEN ct.emails ELSE ct.emails || r.email END,
      birthday = coalesce(r.birthday, ct.birthday), notes = coalesce(ct.notes, r.comment), updated_at = now()
    FROM s_contacts r
    WHERE ct.org_id = $1 AND ct.id = r.contact_id
      AND ((ct.position, ct.birthday, ct.notes) IS DISTINCT FROM (coalesce(r.position, ct.position), coalesce(r.birthday, ct.birthday), coalesce(ct.notes, r.comment))
        OR (r.phone IS NOT NULL AND NOT r.phone = ANY(ct.phones)) OR (r.email IS NOT NULL AND NOT r.email = ANY(ct.emails)))`,
      [orgId],
    )
  ).rowCount;
  const created = (
    await db.engine.query(
      `INSERT INTO contacts (org_id, client_id, full_name, position, phones, emails, birthday, notes)
    SELECT DISTINCT ON (r.client_id, lower(r.full_name)) $1::bigint, r.client_id, r.full_name, r.position,
      CASE WHEN r.phone IS NULL THEN '{}'::text[] ELSE ARRAY[r.phone] END, CASE WHEN r.email IS NULL THEN '{}'::text[] ELSE ARRAY[r.email] END,
      r.birthday, r.comment
    FROM s_contacts r WHERE r.contact_id IS NULL AND r.client_id IS NOT NULL
    ORDER BY r.client_id, lower(r.full_name), r.row_no`,
      [orgId],
    )
  ).rowCount;
  const total = Number(
    (await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM s_contacts WHERE client_id IS NOT NULL'))
      .rows[0]!.n,
  );
  await refreshClientSearch(db, orgId, await resolvedClientIds(db));
  return {
    outcome: { created, updated, unchanged: Math.max(0, total - created - updated) },
    touch: { clientIds: [], days: [] },
  };
}

/** A price list or catalogue: products found by 1C id, article or name get the file's values; others are added. */
export async function mergeProducts(
  db: Database,
  orgId: number,
): Promise<{ outcome: RecordOutcome; touch: MergeTouch }> {
  const q = (text: string) => db.engine.query(text, [orgId]);
  await db.engine.exec('ALTER TABLE s_products ADD COLUMN product_id bigint');
  await q(
    'UPDATE s_products s SET product_id = p.id FROM products p WHERE p.org_id = $1 AND s.ext IS NOT NULL AND p.external_id = s.ext',
  );
  await q(`UPDATE s_products s SET product_id = m.id FROM (SELECT DISTINCT ON (sku) sku, id FROM products WHERE org_id = $1 AND sku <> '' ORDER BY sku, id) m
    WHERE s.product_id IS NULL AND s.sku IS NOT NULL AND m.sku = s.sku`);
  // By name only where no article (or 1C id) tells the two apart: an article is the product's identity.
  await q(`UPDATE s_products s SET product_id = m.id FROM (SELECT DISTINCT ON (s2.row_no) s2.row_no, p.id FROM s_products s2
      JOIN products p ON p.org_id = $1 AND lower(p.name) = lower(s2.name)
      WHERE s2.product_id IS NULL AND (s2.sku IS NULL OR p.sku = '') AND (s2.ext IS NULL OR p.external_id IS NULL) ORDER BY s2.row_no, p.id) m
    WHERE s.row_no = m.row_no`);
  const updated = (
    await q(`UPDATE products p SET name = s.name, sku = coalesce(s.sku, p.sku), product_group = coalesce(s.grp, p.product_group),
      unit = coalesce(s.unit, p.unit), list_price = coalesce(s.list_price, p.list_price), cost = coalesce(s.cost, p.cost),
      external_id = coalesce(p.external_id, s.ext), updated_at = now()
    FROM s_products s WHERE p.org_id = $1 AND p.id = s.product_id
      AND (p.name, p.sku, p.product_group, p.unit, p.list_price, p.cost, p.external_id) IS DISTINCT FROM
          (s.name, coalesce(s.sku, p.sku), coalesce(s.grp, p.product_group), coalesce(s.unit, p.unit), coalesce(s.list_price, p.list_price),
           coalesce(s.cost, p.cost), coalesce(p.external_id, s.ext))`)
  ).rowCount;
  const created = (
    await q(`INSERT INTO products (org_id, sku, name, product_group, unit, list_price, cost, external_id)
    SELECT $1, coalesce(sku, ''), name, grp, coalesce(unit, 'шт'), coalesce(list_price, 0), coalesce(cost, 0), ext FROM s_products WHERE product_id IS NULL`)
  ).rowCount;
  const total = Number((await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM s_products')).rows[0]!.n);
  return { outcome: { created, updated, unchanged: total - created - updated }, touch: { clientIds: [], days: [] } };
}

/**
 * Payments of clients that exist: one with the same 1C id, or the same client, day, amount and
 * document, is already here; the others are added, linked to the client's document of that number.
 */
export async function mergePayments(
  db: Database,
  orgId: number,
): Promise<{ outcome: RecordOutcome; touch: MergeTouch }> {
  await db.engine.exec(
    'ALTER TABLE s_payments ADD COLUMN client_id bigint, ADD COLUMN order_id bigint, ADD COLUMN payment_id bigint',
  );
  await db.engine.exec('UPDATE s_payments r SET client_id = s.client_id FROM s_clients s WHERE s.key = r.client_key');
  await db.engine.query(
    `UPDATE s_payments r SET order_id = m.id FROM (
      SELECT DISTINCT ON (client_id, number) client_id, number, id FROM orders WHERE org_id = $1 ORDER BY client_id, number, order_date DESC, id DESC) m
    WHERE r.doc_number IS NOT NULL AND m.client_id = r.client_id AND m.number = r.doc_number`,
    [orgId],
  );
  await db.engine.query(
    'UPDATE s_payments r SET payment_id = p.id FROM payments p WHERE p.org_id = $1 AND r.ext IS NOT NULL AND p.external_id = r.ext',
    [orgId],
  );
  await db.engine.query(
    `UPDATE s_payments r SET payment_id = p.id FROM payments p
    WHERE r.payment_id IS NULL AND p.org_id = $1 AND p.client_id = r.client_id AND p.payment_date = r.day AND p.amount = r.amount
      AND p.order_id IS NOT DISTINCT FROM r.order_id`,
    [orgId],
  );
  const updated = (
    await db.engine.query(
      `UPDATE payments p SET client_id = r.client_id, payment_date = r.day, amount = r.amount,
      order_id = coalesce(r.order_id, p.order_id), notes = coalesce(r.comment, p.notes)
    FROM s_payments r WHERE p.org_id = $1 AND p.id = r.payment_id
      AND (p.client_id, p.payment_date, p.amount, p.order_id, p.notes) IS DISTINCT FROM (r.client_id, r.day, r.amount, coalesce(r.order_id, p.order_id), coalesce(r.comment, p.notes))
    RETURNING p.id`,
      [orgId],
    )
  ).rowCount;
  const created = (
    await db.engine.query(
      `INSERT INTO payments (org_id, client_id, order_id, payment_date, amount, external_id, notes)
    SELECT $1, client_id, order_id, day, amount, ext, comment FROM s_payments WHERE payment_id IS NULL AND client_id IS NOT NULL`,
      [orgId],
    )
  ).rowCount;
  const { rows } = await db.engine.query<{ client_id: number; day: string }>(
    'SELECT DISTINCT client_id, day::text AS day FROM s_payments WHERE client_id IS NOT NULL',
  );
  const total = Number(
    (await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM s_payments WHERE client_id IS NOT NULL'))
      .rows[0]!.n,
  );
  return {
    outcome: { created, updated, unchanged: total - created - updated },
    touch: { clientIds: rows.map((r) => Number(r.client_id)), days: rows.map((r) => r.day) },
  };
}

/** Interactions with clients that exist: the same client, day, kind and notes are already here; others are added. */
export async function mergeInteractions(
  db: Database,
  orgId: number,
): Promise<{ outcome: RecordOutcome; touch: MergeTouch }> {
  await db.engine.exec('ALTER TABLE s_interactions ADD COLUMN client_id bigint');
  await db.engine.exec(
    'UPDATE s_interactions r SET client_id = s.client_id FROM s_clients s WHERE s.key = r.client_key',
  );
  const total = Number(
    (await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM s_interactions WHERE client_id IS NOT NULL'))
      .rows[0]!.n,
  );
  const created = (
    await db.engine.query(
      `INSERT INTO interactions (org_id, client_id, contact_id, user_id, kind, occurred_at, duration_minutes, money_spent, outcome, notes)
    SELECT $1, r.client_id, ct.id, u.id, r.kind, (r.occurred::text || ' 12:00:00+03')::timestamptz, coalesce(r.duration, 0), coalesce(r.money, 0), r.outcome, r.notes
    FROM s_interactions r
    LEFT JOIN (${usersByName}) u ON u.key = lower(r.manager)
    LEFT JOIN LATERAL (SELECT id FROM contacts c WHERE c.org_id = $1 AND c.client_id = r.client_id AND lower(c.full_name) = lower(r.contact) ORDER BY id LIMIT 1) ct ON true
    WHERE r.client_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM interactions i WHERE i.org_id = $1 AND i.client_id = r.client_id AND i.kind = r.kind
        AND (i.occurred_at AT TIME ZONE 'Europe/Moscow')::date = r.occurred AND i.notes IS NOT DISTINCT FROM r.notes)`,
      [orgId],
    )
  ).rowCount;
  const { rows } = await db.engine.query<{ client_id: number; day: string }>(
    'SELECT DISTINCT client_id, occurred::text AS day FROM s_interactions WHERE client_id IS NOT NULL',
  );
  return {
    outcome: { created, updated: 0, unchanged: total - created },
    touch: { clientIds: rows.map((r) => Number(r.client_id)), days: rows.map((r) => r.day) },
  };
}
