import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { innFor } from '../../bench/sales-file.js';
import { signedIn, useApp } from '../../test/support/app.js';
import { engineName, useDatabase } from '../../test/support/database.js';
import { buildOrg, TEST_PASSWORD } from '../../test/support/factories.js';
import { freshDatabase } from '../../test/support/fresh-database.js';
import type { Database } from '../db/database.js';
import { buildApp } from './app.js';
import { backupOrganisation, restoreOrganisation } from '../services/backup/backup.js';
import { loadDemo } from '../services/demo/load-demo.js';
import { toXlsx } from '../files/spreadsheet.js';
import { runImport, type ImportRequest } from '../services/import/run-import.js';

// However a client comes into being, the client list's search (the API's, which the web app calls)
// finds it by its name and by its ИНН the moment it is there.
const db = await useDatabase();
const app = await useApp(db);
const dir = mkdtempSync(join(tmpdir(), 'rapport-searchable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (content: string | Uint8Array, ext = 'csv') => {
  const path = join(dir, `f${++files}.${ext}`);
  writeFileSync(path, content);
  return path;
};

type Inject = Awaited<ReturnType<typeof signedIn>>;
/** The names the client list answers for a search box's text. */
const search = async (inject: Inject, q: string) => {
  const res = await inject({ method: 'GET', url: `/api/v1/clients?q=${encodeURIComponent(q)}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { name: string }[] }).items.map((c) => c.name);
};

/** The ways a client may come into being, as `way → names or ИНН not found`. */
async function unfound(inject: Inject, clients: { way: string; name: string; word: string; inn: string }[]) {
  const missing: string[] = [];
  for (const c of clients) {
    if (!(await search(inject, c.word)).includes(c.name)) missing.push(`${c.way}: name`);
    if (!(await search(inject, c.inn)).includes(c.name)) missing.push(`${c.way}: ИНН`);
  }
  return missing;
}

const salesHead = 'Номер;Дата;Контрагент;ИНН;Номенклатура;Количество;Цена';
const salesRow = (no: string, name: string, inn: string) => `${no};01.02.2024;${name};${inn};Болт;10;5,00`;
const commerceMl = (name: string, inn: string) => `<?xml version="1.0" encoding="UTF-8"?>
<КоммерческаяИнформация ВерсияСхемы="2.10" ДатаФормирования="2025-11-20T10:15:00">
  <Документ>
    <Ид>b3f1c2d4-0000-4000-8000-000000000777</Ид><Номер>00-000777</Номер><Дата>2025-11-20</Дата>
    <ХозОперация>Заказ товара</ХозОперация><Роль>Продавец</Роль><Валюта>руб</Валюта><Курс>1</Курс><Сумма>100.00</Сумма>
    <Контрагенты><Контрагент><Ид>7c1e0a9e-0000-4000-8000-000000000777</Ид><Наименование>${name}</Наименование>
      <ИНН>${inn}</ИНН><Роль>Покупатель</Роль></Контрагент></Контрагенты>
    <Товары><Товар><Ид>item-0777</Ид><Артикул>A-777</Артикул><Наименование>Болт</Наименование>
      <ЦенаЗаЕдиницу>10.00</ЦенаЗаЕдиницу><Количество>10</Количество><Сумма>100.00</Сумма></Товар></Товары>
  </Документ>
</КоммерческаяИнформация>`;

describe('every client is found by the client list search, however it came in', () => {
  it('by the API, each import kind and way (staged, direct, XLSX, CommerceML), the demo and a restore', async () => {
    const owner = await buildOrg(db);
    const inject = await signedIn(app, owner.email);
    const imp = async (request: Omit<ImportRequest, 'path'> & { content: string | Uint8Array; ext?: string }) => {
      const { content, ext, ...rest } = request;
      const r = await runImport(db, owner, { ...rest, path: file(content, ext) });
      expect(r.status, JSON.stringify(r.rejects)).toBe('done');
    };
    const ways: { way: string; name: string; word: string; inn: string }[] = [];
    const way = (label: string, word: string, n: number) => {
      const c = { way: label, name: `ООО «${word}»`, word, inn: innFor(1000 + n) };
      ways.push(c);
      return c;
    };

    const api = way('API', 'Сирень', 1);
    const created = await inject({ method: 'POST', url: '/api/v1/clients', payload: { name: api.name } });
    expect(created.statusCode, created.body).toBe(201);
    const entity = await inject({
      method: 'POST',
      url: '/api/v1/legal-entities',
      payload: { clientId: created.json().id, fullName: api.name, inn: api.inn },
    });
    expect(entity.statusCode, entity.body).toBe(201);

    const list = way('clients CSV', 'Ландыш', 2);
    await imp({ kind: 'clients', content: `Наименование;ИНН\n${list.name};${list.inn}\n` });
    const listXlsx = way('clients XLSX', 'Фиалка', 3);
    await imp({
      kind: 'clients',
      ext: 'xlsx',
      content: toXlsx({ name: 'Клиенты', headers: ['Наименование', 'ИНН'], rows: [[listXlsx.name, listXlsx.inn]] }),
    });
    const staged = way('sales CSV, staged', 'Астра', 4);
    await imp({
      kind: 'sales',
      readers: 'main',
      direct: false,
      content: `${salesHead}\n${salesRow('Р-1', staged.name, staged.inn)}\n`,
    });
    const direct = way('sales CSV, direct', 'Пион', 5);
    await imp({
      kind: 'sales',
      readers: 'workers',
      direct: true,
      content: `${salesHead}\n${salesRow('Р-2', direct.name, direct.inn)}\n`,
    });
    const salesXlsx = way('sales XLSX', 'Тюльпан', 6);
    await imp({
      kind: 'sales',
      ext: 'xlsx',
      content: toXlsx({
        name: 'Продажи',
        headers: salesHead.split(';'),
        rows: [salesRow('Р-3', salesXlsx.name, salesXlsx.inn).split(';')],
      }),
    });
    const cml = way('sales CommerceML', 'Мимоза', 7);
    await imp({ kind: 'sales', ext: 'xml', content: commerceMl(cml.name, cml.inn) });
    // A client found by name gains the ИНН a payments file gives it: found by that ИНН now.
    const paid = way('payments, ИНН added', 'Гвоздика', 8);
    expect((await inject({ method: 'POST', url: '/api/v1/clients', payload: { name: paid.name } })).statusCode).toBe(
      201,
    );
    await imp({ kind: 'payments', content: `Дата;Контрагент;ИНН;Сумма\n22.11.2025;${paid.name};${paid.inn};100,00\n` });
    expect(await unfound(inject, ways)).toEqual([]);

    // The demo company.
    const demoOwner = await buildOrg(db);
    await loadDemo(db, demoOwner.orgId, { clients: 20, years: 1, seed: 5, until: '2026-06-30' });
    const {
      rows: [demo],
    } = await db.engine.query<{ name: string; inn: string }>(
      `SELECT c.name, le.inn FROM clients c
      JOIN legal_entities le ON le.org_id = c.org_id AND le.client_id = c.id AND le.is_primary WHERE c.org_id = $1 ORDER BY c.id LIMIT 1`,
      [demoOwner.orgId],
    );
    const demoWord = demo!.name.match(/[\p{L}\p{N}]{4,}/u)![0];
    expect(
      await unfound(await signedIn(app, demoOwner.email), [
        { way: 'demo', name: demo!.name, word: demoWord, inn: demo!.inn },
      ]),
    ).toEqual([]);

    // A restore, from a backup that holds a client without its search row (as imports left them before).
    await db.engine.query(
      'DELETE FROM client_search WHERE org_id = $1 AND client_id = (SELECT id FROM clients WHERE org_id = $1 AND name = $2)',
      [owner.orgId, staged.name],
    );
    const backup = join(dir, 'org.rapport.gz');
    await backupOrganisation(db, owner.orgId, backup);
    const target: Database = await freshDatabase(engineName);
    await restoreOrganisation(target, backup);
    const restoredApp: FastifyInstance = await buildApp({ db: target, logLevel: 'silent', webRoot: '/nonexistent' });
    try {
      expect(
        await unfound(
          await signedIn(restoredApp, owner.email, TEST_PASSWORD),
          ways.map((c) => ({ ...c, way: `restored ${c.way}` })),
        ),
      ).toEqual([]);
    } finally {
      await restoredApp.close();
    }
  }, 180_000);
});
