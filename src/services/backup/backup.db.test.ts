import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { refreshClientSearch } from '../../db/queries/client-search.js';
import { engineName } from '../../../test/support/database.js';
import { freshDatabase } from '../../../test/support/fresh-database.js';
import {
  buildClient,
  buildContact,
  buildLegalEntity,
  buildOrg,
  buildProduct,
  buildUser,
  TEST_PASSWORD,
} from '../../../test/support/factories.js';
import { refusal } from '../../../test/support/refusal.js';
import { signIn } from '../access/sessions.js';
import { createApiToken } from '../access/users.js';
import { updateAnalyticsSettings } from '../analytics/settings.js';
import { rebuildPageAnswers } from '../analytics/upkeep.js';
import { addClientRelation } from '../clients/client-card.js';
import { findClients } from '../clients/clients.js';
import { loadDemo } from '../demo/load-demo.js';
import { markClientLost } from '../losses/losses.js';
import { interactionService } from '../sales/interactions.js';
import { createOrder } from '../sales/orders.js';
import { paymentService } from '../sales/payments.js';
import { backupOrganisation, readBackupHeader, restoreOrganisation, type BackupHeader } from './backup.js';
import { ident, organisationCatalog } from '../../db/queries/backup/catalog.js';
import { keptRowCounts } from '../../db/queries/row-counts.js';

const otherEngine = engineName === 'pglite' ? 'postgres' : 'pglite';

const dir = mkdtempSync(path.join(tmpdir(), 'rapport-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Digest = { rows: number; md5: string };
/**
 * Per table, the organisation's row count and the md5 of all its stored columns' text, rows in key
 * order. Generated columns are left out: the engines may stem a word differently across versions.
 */
async function digestsOf(d: Database, orgId: number): Promise<Record<string, Digest>> {
  const out: Record<string, Digest> = {};
  for (const t of (await organisationCatalog(d)).tables) {
    const row = `ROW(${t.columns.map((c) => ident(c.name)).join(', ')})::text`;
    const {
      rows: [r],
    } = await d.engine.query<{ n: number; md5: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(${row}, E'\\n' ORDER BY ${t.primaryKey.map(ident).join(', ')}), '')) AS md5
         FROM ${ident(t.name)} WHERE ${ident(t.tenantColumn)} = $1`,
      [orgId],
    );
    out[t.name] = { rows: r!.n, md5: r!.md5 };
  }
  return out;
}

/** Both databases hold the same organisation, table for table, row for row; a difference shows the rows. */
async function expectSameOrganisation(a: Database, b: Database, orgId: number) {
  const [da, dbb] = [await digestsOf(a, orgId), await digestsOf(b, orgId)];
  for (const [table, digest] of Object.entries(da)) {
    if (dbb[table]?.md5 === digest.md5) continue;
    const rowsOf = async (d: Database) => {
      const t = (await organisationCatalog(d)).tables.find((x) => x.name === table)!;
      return (
        await d.engine.query<{ r: string }>(
          `SELECT ROW(${t.columns.map((c) => ident(c.name)).join(', ')})::text AS r FROM ${ident(table)}
        WHERE ${ident(t.tenantColumn)} = $1 ORDER BY ${t.primaryKey.map(ident).join(', ')}`,
          [orgId],
        )
      ).rows.map((x) => x.r);
    };
    expect(await rowsOf(b), table).toEqual(await rowsOf(a));
  }
  expect(dbb).toEqual(da);
}

/** Rows of the organisation anywhere in the database (every org_id table, sessions included). */
async function traces(d: Database, orgId: number): Promise<Record<string, number>> {
  const { rows } = await d.engine.query<{ table: string }>(`
    SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)`);
  const found: Record<string, number> = {};
  for (const { table } of [...rows, { table: 'organizations' }]) {
    const column = table === 'organizations' ? 'id' : 'org_id';
    const {
      rows: [r],
    } = await d.engine.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(table)} WHERE ${column} = $1`, [
      orgId,
    ]);
    if (r!.n > 0) found[table] = r!.n;
  }
  return found;
}

/** A copy of a backup with its lines changed (the test files are small enough to rewrite whole). */
function rewritten(file: string, change: (lines: string[]) => string[]): string {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  const out = path.join(dir, `${randomUUID()}.rapport.gz`);
  writeFileSync(out, gzipSync(change(lines).join('\n')));
  return out;
}
const sectionAt = (lines: string[], table: string) =>
  lines.findIndex((l) => l.startsWith(`{"table":${JSON.stringify(table)}`));

/** Text a CSV or JSON writer gets wrong: quotes, separators, line breaks, COPY's own markers, unicode. */
const NASTY = [
  'Кавычки "двойные" и \'одинарные\'; точка с запятой; запятая, «ёлочки»',
  "line one\nline two\r\nline three\n\\.\nafter COPY's end marker",
  'tab\there, backslash \\ and \\N and NULL',
  '🦊 emoji, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, e\u0301 combining, RTL שלום, zero\u200bwidth',
  ',',
  '"',
  '""',
  '  leading and trailing spaces  ',
];
/** Beyond 2^53: a JS number would round it. */
const HUGE_ID = '9007199254740993';

/** An organisation with a little of everything, written through the services, plus what they would not write. */
async function variedOrganisation(d: Database) {
  const owner = await buildOrg(d);
  const manager = await buildUser(d, owner.orgId, 'manager');
  const client = await buildClient(d, owner, {
    name: NASTY[0]!,
    notes: NASTY[1]!,
    region: NASTY[3]!,
    ownerUserId: manager.userId,
    creditLimit: '1234567.89',
    paymentDeferralDays: 30,
  });
  const other = await buildClient(d, owner, { name: NASTY[2]! });
  await markClientLost(d, owner, other.id, { reason: 'competitor', competitor: NASTY[5]!, systemicError: NASTY[1]! });
  await addClientRelation(d, owner, client.id, { relatedClientId: other.id, kind: 'holding', notes: NASTY[4]! });
  const entity = await buildLegalEntity(d, owner, client.id, { legalAddress: NASTY[1]! });
  const contact = await buildContact(d, owner, client.id, {
    fullName: NASTY[3]!,
    phones: ['+7 (495) 123-45-67', '8 800 555-35-35'],
    emails: ['a@b.ru'],
    decisionRoles: ['decision_maker', 'first_contact'],
    birthday: '1969-12-31',
    notes: NASTY[5]!,
  });
  const product = await buildProduct(d, owner, { name: NASTY[6]!, listPrice: '1000.00', cost: '600.00' });
  const order = await createOrder(d, owner, {
    clientId: client.id,
    legalEntityId: entity.id,
    number: 'РН-1; DROP TABLE orders',
    orderDate: '2025-11-30',
    notes: NASTY[7]!,
    lines: [
      { productId: product.id, quantity: '2.5' },
      { productId: product.id, quantity: '0.333', price: '10.01' },
      { productId: product.id, quantity: -1 },
    ],
  });
  await paymentService.create(d, owner, {
    clientId: client.id,
    orderId: order.id,
    legalEntityId: entity.id,
    paymentDate: '2025-12-15',
    amount: '2999.99',
  });
  await interactionService.create(d, owner, {
    clientId: client.id,
    contactId: contact.id,
    userId: manager.userId,
    kind: 'reception',
    occurredAt: '2025-12-01T18:30:00Z',
    durationMinutes: 90,
    moneySpent: '15000.00',
    notes: NASTY[0]!,
  });
  await updateAnalyticsSettings(d, owner, { hourlyRate: 200_000 });
  await createApiToken(d, owner, { name: NASTY[4]!, role: 'analyst' });
  await signIn(d, owner.email, TEST_PASSWORD); // a live session, which a backup leaves out
  const q = (text: string, params: unknown[]) => d.engine.query(text, [owner.orgId, ...params]);
  await q(
    `UPDATE clients SET notes = '', industry = NULL, tags = ARRAY['', NULL, 'a,b', 'quote"d', 'back\\slash', 'NULL', '{brace}', $3, ' ']::text[] WHERE org_id = $1 AND id = $2`,
    [client.id, NASTY[1]],
  );
  await q(`INSERT INTO clients (org_id, id, name, notes, tags) VALUES ($1, $2::bigint, $3, NULL, '{}')`, [
    HUGE_ID,
    NASTY.join('|'),
  ]);
  // Every way a client comes in leaves its search row (a restore gives one to a client without), and its
  // row of the base analysis (a restore recomputes the pages' stored answers).
  await refreshClientSearch(d, owner.orgId);
  await rebuildPageAnswers(d, owner.orgId);
  await q(`UPDATE organizations SET settings = settings || $2::jsonb WHERE id = $1`, [
    `{"note": ${JSON.stringify(NASTY.join('|'))}, "exact": 1.10, "big": 123456789012345678901234567890, "nested": {"list": [1, null, true, "", "\\u00e9 escaped"], "empty": {}}}`,
  ]);
  await q(`UPDATE interactions SET occurred_at = '2025-12-01 18:30:00.123456+03' WHERE org_id = $1`, []);
  await q(`UPDATE users SET disabled_at = 'infinity', locale = '' WHERE org_id = $1 AND id = $2`, [manager.userId]);
  return { owner, client, other };
}

// Sources are databases of their own: the varied organisation holds an id past 2^53, and a shared
// test database would hand such ids to every test after any sequence is moved past them.
describe(`backup on ${engineName}, restore on ${otherEngine}`, () => {
  let source: Database;
  let owner: Awaited<ReturnType<typeof variedOrganisation>>['owner'];
  let client: Awaited<ReturnType<typeof variedOrganisation>>['client'];
  let file: string;
  let header: BackupHeader;
  let target: Database;
  const backupProgress: [number, number][] = [];

  beforeAll(async () => {
    source = await freshDatabase(engineName);
    ({ owner, client } = await variedOrganisation(source));
    file = path.join(dir, 'varied.rapport.gz');
    // Pages of two rows, so every table with more is read across pages.
    await backupOrganisation(source, owner.orgId, file, (done, total) => backupProgress.push([done, total]), {
      pageRows: 2,
    });
    header = await readBackupHeader(file);
    target = await freshDatabase(otherEngine);
  });

  it("covers every table with an org_id but sessions and the kept row counts, and the organisation row, with this database's migrations", async () => {
    const { rows } = await source.engine.query<{ table: string }>(`
      SELECT table_name AS table FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'org_id' AND table_name NOT IN ('sessions', 'org_row_counts')`);
    expect(header.tables.map((t) => t.name).sort()).toEqual([...rows.map((r) => r.table), 'organizations'].sort());
    expect(header.tables[0]!.name).toBe('organizations');
    const applied = (
      await source.engine.query<{ tag: string }>('SELECT tag FROM rapport_migrations ORDER BY tag')
    ).rows.map((r) => r.tag);
    expect(header).toMatchObject({ format: 'rapport-backup', version: 1, orgId: owner.orgId, migrations: applied });
    const sessions = await source.engine.query('SELECT 1 FROM sessions WHERE org_id = $1', [owner.orgId]);
    expect(sessions.rows.length).toBe(1);
    const digests = await digestsOf(source, owner.orgId);
    expect(Object.fromEntries(header.tables.map((t) => [t.name, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(digests).map(([t, d]) => [t, d.rows])),
    );
    expect(header.tables.find((t) => t.name === 'client_search')!.columns).not.toContain('search_vector');
    const total = header.tables.reduce((s, t) => s + t.rows, 0);
    expect(backupProgress[0]).toEqual([0, total]);
    expect(backupProgress.at(-1)).toEqual([total, total]);
  });

  it('refuses a damaged or incomplete file, and leaves nothing behind', async () => {
    const cut = path.join(dir, 'cut.rapport.gz');
    const bytes = readFileSync(file);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const row = (lines: string[], table: string) => {
      const at = sectionAt(lines, table) + 1;
      return {
        at,
        values: JSON.parse(lines[at]!) as (string | null)[],
        column: (name: string) => header.tables.find((t) => t.name === table)!.columns.indexOf(name),
      };
    };
    // [file, what the refusal names]; each fails after earlier tables were already loaded.
    const damagedFiles: Record<string, [string, string]> = {
      'gzip cut short': [cut, 'unexpected end of file'],
      'rows cut short': [
        rewritten(file, (lines) => lines.slice(0, sectionAt(lines, 'order_lines') + 2)),
        'ends where row 2 of order_lines should be',
      ],
      'a value the column cannot take': [
        rewritten(file, (lines) => {
          const r = row(lines, 'order_lines');
          return lines.with(r.at, JSON.stringify(r.values.with(r.column('quantity'), 'two and a half')));
        }),
        '"two and a half"',
      ],
      'a line pointing at no product': [
        rewritten(file, (lines) => {
          const r = row(lines, 'order_lines');
          return lines.with(r.at, JSON.stringify(r.values.with(r.column('product_id'), '999999999')));
        }),
        'order_lines rows point at no products row',
      ],
      'a row too short': [
        rewritten(file, (lines) => {
          const r = row(lines, 'payments');
          return lines.with(r.at, JSON.stringify(r.values.slice(1)));
        }),
        'not a row of payments',
      ],
      'no end line': [rewritten(file, (lines) => lines.slice(0, -2)), 'where the end of the backup should be'],
    };
    for (const [what, [damaged, cause]] of Object.entries(damagedFiles)) {
      const e = await refusal(restoreOrganisation(target, damaged));
      expect([e.code, e.fields[0]?.reason], `${what}: ${e.message}`).toEqual(['invalid_input', 'damaged']);
      expect(e.message, what).toContain(cause);
      expect(await traces(target, owner.orgId), what).toEqual({});
    }
    const plain = path.join(dir, 'plain.txt');
    writeFileSync(plain, 'org_id;name\n1;x\n');
    expect((await refusal(restoreOrganisation(target, plain))).fields[0]?.reason).toBe('notBackup');
    expect((await refusal(restoreOrganisation(target, path.join(dir, 'missing.rapport.gz')))).code).toBe('not_found');
  });

  it('refuses a newer format, or a backup of a schema with migrations this database lacks', async () => {
    const newer = rewritten(file, (lines) => lines.with(0, JSON.stringify({ ...header, version: 2 })));
    expect((await refusal(restoreOrganisation(target, newer))).fields[0]?.reason).toBe('newerFormat');
    const ahead = rewritten(file, (lines) =>
      lines.with(0, JSON.stringify({ ...header, migrations: [...header.migrations, '9999_from_the_future'] })),
    );
    const e = await refusal(restoreOrganisation(target, ahead));
    expect([e.code, e.fields[0]?.reason]).toEqual(['conflict', 'newerSchema']);
    expect(e.message).toContain('9999_from_the_future');
    expect(await traces(target, owner.orgId)).toEqual({});
  });

  it(`restores into an empty ${otherEngine} database row for row: ids, NULL vs '', arrays, jsonb, numerics, timestamps`, async () => {
    const progress: [number, number][] = [];
    const summary = await restoreOrganisation(target, file, (done, total) => progress.push([done, total]));
    expect(summary).toMatchObject({ orgId: owner.orgId, rows: header.tables.reduce((s, t) => s + t.rows, 0) });
    expect(progress.at(-1)).toEqual([summary.rows, summary.rows]);
    await expectSameOrganisation(source, target, owner.orgId);
    // The kept row counts are not carried: the restore counted its rows again as they arrived.
    const counted = ['clients', 'client_figures', 'claims'] as const;
    expect(await keptRowCounts(target, owner.orgId, counted)).toEqual(
      await keptRowCounts(source, owner.orgId, counted),
    );
    expect((await keptRowCounts(target, owner.orgId, counted)).clients).toBeGreaterThan(0);

    const {
      rows: [c],
    } = await target.engine.query<{ notes: string | null; industry: string | null; tags: string; settings: string }>(
      `SELECT c.notes, c.industry, array_to_json(c.tags)::text AS tags, o.settings::text AS settings
         FROM clients c JOIN organizations o ON o.id = c.org_id WHERE c.org_id = $1 AND c.id = $2`,
      [owner.orgId, client.id],
    );
    expect(c).toMatchObject({ notes: '', industry: null });
    expect(JSON.parse(c!.tags)).toEqual(['', null, 'a,b', 'quote"d', 'back\\slash', 'NULL', '{brace}', NASTY[1], ' ']);
    expect(c!.settings).toContain('"big": 123456789012345678901234567890');
    const {
      rows: [huge],
    } = await target.engine.query<{ id: string; name: string }>(
      'SELECT id::text AS id, name FROM clients WHERE org_id = $1 AND id = $2::bigint',
      [owner.orgId, HUGE_ID],
    );
    expect(huge).toEqual({ id: HUGE_ID, name: NASTY.join('|') });
    // The search vector is generated again by the target from the restored text.
    const found = await findClients(target, owner, { q: 'Кавычки' });
    expect(found.items.map((x) => x.id)).toEqual([client.id]);
    expect(await traces(target, owner.orgId)).not.toHaveProperty('sessions');
  });

  it('leaves the restored organisation working: its users sign in, new records take ids past the restored ones', async () => {
    const { actor } = await signIn(target, owner.email, TEST_PASSWORD);
    const {
      rows: [before],
    } = await target.engine.query<{ max: number }>('SELECT max(id) AS max FROM interactions');
    const added = await interactionService.create(target, actor, {
      clientId: client.id,
      kind: 'call',
      occurredAt: '2026-01-15T10:00:00Z',
    });
    expect(added.id).toBeGreaterThan(before!.max);
    const {
      rows: [huge],
    } = await target.engine.query<{ ok: boolean }>(
      `SELECT pg_sequence_last_value(pg_get_serial_sequence('clients', 'id')::regclass) >= $1::bigint AS ok`,
      [HUGE_ID],
    );
    expect(huge!.ok).toBe(true);
  });

  it('refuses to restore where the organisation already exists, and changes nothing there', async () => {
    const before = await digestsOf(target, owner.orgId);
    for (const where of [target, source]) {
      const e = await refusal(restoreOrganisation(where, file));
      expect([e.code, e.fields[0]?.reason]).toEqual(['conflict', 'organisationExists']);
      expect(e.message).toContain('empty PostgreSQL database');
    }
    expect(await digestsOf(target, owner.orgId)).toEqual(before);
  });
});

describe(`restore on ${engineName} next to other organisations`, () => {
  it('refuses a backup whose user e-mails another organisation here already has, and leaves nothing behind', async () => {
    const source = await freshDatabase(engineName);
    const { owner } = await variedOrganisation(source);
    const file = path.join(dir, 'neighbour.rapport.gz');
    await backupOrganisation(source, owner.orgId, file);
    // The same organisation under an id this database does not use: only the e-mails collide.
    const elsewhere = 987_654_321_987;
    const tenantAt = new Map(
      (await readBackupHeader(file)).tables.map((t) => [t.name, t.columns.indexOf(t.tenantColumn)]),
    );
    let table = '';
    const moved = rewritten(file, (lines) =>
      lines.map((line, i) => {
        if (i === 0) return JSON.stringify({ ...(JSON.parse(line) as BackupHeader), orgId: elsewhere });
        if (line.startsWith('{"table":')) table = (JSON.parse(line) as { table: string }).table;
        if (!line.startsWith('[')) return line;
        return JSON.stringify((JSON.parse(line) as string[]).with(tenantAt.get(table)!, String(elsewhere)));
      }),
    );
    const e = await refusal(restoreOrganisation(source, moved));
    expect([e.code, e.fields[0]?.reason], e.message).toEqual(['conflict', 'clash']);
    expect(e.message).toContain(owner.email);
    expect(await traces(source, elsewhere)).toEqual({});
  });
});

// One run is enough (it builds both engines itself); the PostgreSQL project has the server to hand.
describe.runIf(engineName === 'postgres')('the demo company from PGlite to PostgreSQL', () => {
  it('round-trips every table row for row', async () => {
    const pglite = await freshDatabase('pglite');
    const owner = await buildOrg(pglite);
    await loadDemo(pglite, owner.orgId, { clients: 40, years: 2, seed: 11, until: '2026-06-30' });
    const file = path.join(dir, 'demo.rapport.gz');
    // Small pages: ids past 9 and a composite key (client, month) must page in key order, not text order (1, 10, 2…).
    const backup = await backupOrganisation(pglite, owner.orgId, file, undefined, { pageRows: 25 });
    expect(backup.tables).toMatchObject({ clients: 40, organizations: 1 });
    for (const t of ['orders', 'order_lines', 'payments', 'interactions', 'client_months', 'client_figures'])
      expect(backup.tables[t], t).toBeGreaterThan(0);

    const postgres = await freshDatabase('postgres');
    const restored = await restoreOrganisation(postgres, file);
    expect(restored.tables).toEqual(backup.tables);
    await expectSameOrganisation(pglite, postgres, owner.orgId);
  });
});
