import { describe, expect, it } from 'vitest';
import { fieldsOf, refusal } from '../../../test/support/refusal.js';
import { useDatabase } from '../../../test/support/database.js';
import { buildClient, buildLegalEntity, buildOrg } from '../../../test/support/factories.js';
import { findClients } from './clients.js';
import { legalEntityService } from './legal-entities.js';
import { translateMessage } from '../../core/messages/index.js';

const db = await useDatabase();

const entityCount = async (orgId: number) =>
  Number(
    (await db.engine.query<{ n: number }>('SELECT count(*)::int AS n FROM legal_entities WHERE org_id = $1', [orgId]))
      .rows[0]!.n,
  );

const SBER = {
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  bik: '044525225',
  correspondentAccount: '30101810400000000225',
  // Key check with БИК …225: digits "225" + account, weights 7,1,3 repeated:
  // 14+2+15 +28+0+21 +0+2+24 +7+0+27 +21+8+0 +0+0+0 +7+2+9 +28+5 = 220, divisible by 10.
  settlementAccount: '40702810938000012345',
};
// A settlement account in the bank with БИК 044030827: "827" + account gives
// 56+2+21 +28+0+21 +0+2+24 +7+0+27 +0+0+0 +0+0+0 +0+2+24 +35+1 = 250 → valid. Its 9th digit (the key, weight 3)
// changed from 9 to 8 gives 250 − 3 = 247 → invalid; under БИК …225 the prefix gives 14+2+15 = 31 instead of 79 → 202 → invalid.
const SPB_BIK = '044030827';
const SPB_ACCOUNT = '40702810900000002851';
const SPB_ACCOUNT_TYPO = '40702810800000002851';

describe('legal entities: requisites', () => {
  it("accepts ПАО Сбербанк's requisites and stores them without the separators people type", async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const created = await legalEntityService.create(db, owner, {
      clientId: client.id,
      fullName: 'ПАО Сбербанк',
      isPrimary: true,
      inn: '7707 083 893',
      kpp: ' 773601001 ',
      ogrn: '1027700-132195',
      bik: '04 45 25 225',
      correspondentAccount: '30101 81040 00000 00225',
      settlementAccount: '40702\u00a0810\u00a0938\u00a0000012345',
    });
    expect(created).toMatchObject({ clientId: client.id, ...SBER, isPrimary: true });
    const { rows } = await db.engine.query(
      'SELECT inn, kpp, ogrn, bik, settlement_account, correspondent_account FROM legal_entities WHERE org_id = $1 AND id = $2',
      [owner.orgId, created.id],
    );
    expect(rows[0]).toEqual({
      inn: SBER.inn,
      kpp: SBER.kpp,
      ogrn: SBER.ogrn,
      bik: SBER.bik,
      settlement_account: SBER.settlementAccount,
      correspondent_account: SBER.correspondentAccount,
    });
    expect(await legalEntityService.get(db, owner, created.id)).toEqual(created);
  });

  it('refuses an ИНН with a wrong check digit and writes nothing', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const e = await refusal(
      legalEntityService.create(db, owner, { clientId: client.id, fullName: 'ООО «Опечатка»', inn: '7707083894' }),
    );
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['inn', 'checksum']]);
    expect(translateMessage('ru', e.fields[0]!)).toContain('Контрольная цифра');
    expect(await entityCount(owner.orgId)).toBe(0);
  });

  it('reports every bad requisite at once', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const e = await refusal(
      legalEntityService.create(db, owner, {
        clientId: client.id,
        fullName: 'ООО «Всё не так»',
        inn: '12345',
        kpp: '7736010',
        ogrn: '1027700132196',
        bik: '944525225',
      }),
    );
    expect(fieldsOf(e)).toEqual([
      ['inn', 'length'],
      ['kpp', 'length'],
      ['ogrn', 'checksum'],
      ['bik', 'format'],
    ]);
    expect(await entityCount(owner.orgId)).toBe(0);
  });

  it('refuses a КПП for a sole trader (12-digit ИНН)', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const e = await refusal(
      legalEntityService.create(db, owner, {
        clientId: client.id,
        fullName: 'ИП Петров',
        inn: '500100732259',
        kpp: '773601001',
      }),
    );
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['kpp', 'notExpected']]);
    expect(await entityCount(owner.orgId)).toBe(0);
    const ok = await legalEntityService.create(db, owner, {
      clientId: client.id,
      fullName: 'ИП Петров',
      inn: '500100732259',
      ogrn: '307760324100018',
    });
    expect(ok).toMatchObject({ inn: '500100732259', kpp: null, ogrn: '307760324100018' });
  });

  it('refuses an ОГРНИП (15 digits) for a company (10-digit ИНН), and an ОГРН for a sole trader', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const e = await refusal(
      legalEntityService.create(db, owner, {
        clientId: client.id,
        fullName: 'ООО «Смесь»',
        inn: '7707083893',
        ogrn: '307760324100018',
      }),
    );
    expect(fieldsOf(e)).toEqual([['ogrn', 'mismatch']]);
    const e2 = await refusal(
      legalEntityService.create(db, owner, {
        clientId: client.id,
        fullName: 'ИП Смесь',
        inn: '500100732259',
        ogrn: '1027700132195',
      }),
    );
    expect(fieldsOf(e2)).toEqual([['ogrn', 'mismatch']]);
    expect(await entityCount(owner.orgId)).toBe(0);
  });

  it('checks the settlement account against the БИК', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const ok = await legalEntityService.create(db, owner, {
      clientId: client.id,
      fullName: 'ООО «Нева»',
      inn: '7707083893',
      bik: SPB_BIK,
      settlementAccount: SPB_ACCOUNT,
    });
    expect(ok).toMatchObject({ bik: SPB_BIK, settlementAccount: SPB_ACCOUNT });
    const typo = await refusal(
      legalEntityService.create(db, owner, {
        clientId: client.id,
        fullName: 'ООО «Нева»',
        bik: SPB_BIK,
        settlementAccount: SPB_ACCOUNT_TYPO,
      }),
    );
    expect(fieldsOf(typo)).toEqual([['settlementAccount', 'checksum']]);
    const otherBank = await refusal(
      legalEntityService.create(db, owner, {
        clientId: client.id,
        fullName: 'ООО «Нева»',
        bik: SBER.bik,
        settlementAccount: SPB_ACCOUNT,
      }),
    );
    expect(fieldsOf(otherBank)).toEqual([['settlementAccount', 'checksum']]);
    const noBik = await refusal(
      legalEntityService.create(db, owner, {
        clientId: client.id,
        fullName: 'ООО «Нева»',
        settlementAccount: SPB_ACCOUNT,
      }),
    );
    expect(fieldsOf(noBik)).toEqual([['settlementAccount', 'bikRequired']]);
    expect(await entityCount(owner.orgId)).toBe(1);
  });

  it('re-checks the stored accounts when an update changes only the БИК', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const entity = await legalEntityService.create(db, owner, {
      clientId: client.id,
      fullName: 'ООО «Нева»',
      inn: '7707083893',
      bik: SPB_BIK,
      settlementAccount: SPB_ACCOUNT,
    });
    const e = await refusal(legalEntityService.update(db, owner, entity.id, { bik: SBER.bik }));
    expect(e.code).toBe('invalid_input');
    expect(fieldsOf(e)).toEqual([['settlementAccount', 'checksum']]);
    expect(await legalEntityService.get(db, owner, entity.id)).toEqual(entity);
    // The БИК and a matching account together pass.
    const moved = await legalEntityService.update(db, owner, entity.id, {
      bik: SBER.bik,
      settlementAccount: SBER.settlementAccount,
    });
    expect(moved).toMatchObject({
      bik: SBER.bik,
      settlementAccount: SBER.settlementAccount,
      inn: '7707083893',
      fullName: 'ООО «Нева»',
    });
    // An update is checked merged with what is stored: a 12-digit ИНН against the stored КПП.
    const withKpp = await legalEntityService.update(db, owner, entity.id, { kpp: SBER.kpp });
    expect(withKpp.kpp).toBe(SBER.kpp);
    const e2 = await refusal(legalEntityService.update(db, owner, entity.id, { inn: '500100732259' }));
    expect(fieldsOf(e2)).toEqual([['kpp', 'notExpected']]);
    expect((await legalEntityService.get(db, owner, entity.id)).inn).toBe('7707083893');
  });

  it('stores an emptied requisite as null', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const entity = await buildLegalEntity(db, owner, client.id);
    const cleared = await legalEntityService.update(db, owner, entity.id, { kpp: '', ogrn: '' });
    expect(cleared).toMatchObject({ inn: '7707083893', kpp: null, ogrn: null });
  });
});

describe('legal entities: primary, tenancy', () => {
  it('keeps one primary legal entity per client: the one marked last wins', async () => {
    const owner = await buildOrg(db);
    const client = await buildClient(db, owner);
    const other = await buildClient(db, owner);
    const first = await buildLegalEntity(db, owner, client.id, { fullName: 'ПАО «Первое»' });
    const elsewhere = await buildLegalEntity(db, owner, other.id);
    const second = await buildLegalEntity(db, owner, client.id, {
      fullName: 'ИП Второй',
      legalForm: 'ИП',
      inn: '500100732259',
      kpp: null,
      ogrn: '307760324100018',
    });
    const primary = async () =>
      (await legalEntityService.find(db, owner, { clientId: client.id })).items
        .filter((e) => e.isPrimary)
        .map((e) => e.id);
    expect(await primary()).toEqual([second.id]);
    expect((await legalEntityService.get(db, owner, elsewhere.id)).isPrimary).toBe(true);
    expect((await findClients(db, owner, { q: '500100' })).items[0]).toMatchObject({
      id: client.id,
      inn: '500100732259',
      legalName: 'ИП Второй',
    });

    await legalEntityService.update(db, owner, first.id, { isPrimary: true });
    expect(await primary()).toEqual([first.id]);
    expect((await findClients(db, owner, { q: '500100' })).items[0]).toMatchObject({
      id: client.id,
      inn: '7707083893',
      legalName: 'ПАО «Первое»',
    });
    expect((await legalEntityService.get(db, owner, elsewhere.id)).isPrimary).toBe(true);
    // A non-primary entity added later does not take the mark.
    await buildLegalEntity(db, owner, client.id, { fullName: 'АО «Третье»', isPrimary: false });
    expect(await primary()).toEqual([first.id]);
  });

  it("answers not_found for another organisation's client or legal entity, and writes nothing", async () => {
    const mine = await buildOrg(db);
    const theirs = await buildOrg(db);
    const theirClient = await buildClient(db, theirs);
    const theirEntity = await buildLegalEntity(db, theirs, theirClient.id);
    expect(
      (await refusal(legalEntityService.create(db, mine, { clientId: theirClient.id, fullName: 'ООО «Взлом»' }))).code,
    ).toBe('not_found');
    expect((await refusal(legalEntityService.get(db, mine, theirEntity.id))).code).toBe('not_found');
    expect((await refusal(legalEntityService.update(db, mine, theirEntity.id, { fullName: 'взлом' }))).code).toBe(
      'not_found',
    );
    expect((await refusal(legalEntityService.remove(db, mine, theirEntity.id))).code).toBe('not_found');
    expect(await entityCount(mine.orgId)).toBe(0);
    expect(await legalEntityService.get(db, theirs, theirEntity.id)).toEqual(theirEntity);
  });
});
