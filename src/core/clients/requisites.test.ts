import { describe, it, expect } from 'vitest';
import {
  checkBik,
  checkCorrespondentAccount,
  checkInn,
  checkKpp,
  checkOgrn,
  checkOgrnAny,
  checkOgrnip,
  checkSettlementAccount,
  innKind,
  kppExpectedFor,
  type RequisiteCheck,
  type RequisiteProblem,
} from './requisites.js';
import { translateMessage } from '../messages/index.js';

const problemOf = (r: RequisiteCheck): RequisiteProblem | 'ok' => (r.ok ? 'ok' : r.problem);

describe('checkInn', () => {
  const valid10 = [
    '7707083893',
    '7827004526',
    '7725088527',
    '7715034360',
    '6449013711',
    '3664069397',
    '4205001725',
    '7743880975',
    '0660534489',
    '9198578814',
    '7830002293',
    '1234567894',
    '7776317060',
    '1111111117',
  ];
  const valid12 = [
    '500100732259',
    '760307073214',
    '773370857141',
    '344809916052',
    '635277570478',
    '300504899258',
    '451408304546',
    '079285641150',
    '793970318200',
    '459147066360',
    '722433057002',
    '499918818482',
    '383391302210',
    '123456789047',
  ];
  const badChecksum = [
    '8827004526',
    '7837004526',
    '7827104526',
    '7725088528',
    '7715034361',
    '1110005080',
    '4234324324',
    '1112427095',
    '1114327151',
    '1234567890',
    '1234567895',
    '860307073214',
    '761307073214',
    '773370857142',
    '344809916053',
    '423543534553',
    '635277570473',
    '123456789037',
  ];

  it.each(valid10)('accepts the 10-digit ИНН %s', (inn) => {
    expect(checkInn(inn)).toEqual({ ok: true, value: inn });
    expect(innKind(inn)).toBe('legal');
    expect(kppExpectedFor(inn)).toBe(true);
  });
  it.each(valid12)('accepts the 12-digit ИНН %s', (inn) => {
    expect(checkInn(inn)).toEqual({ ok: true, value: inn });
    expect(innKind(inn)).toBe('individual');
    expect(kppExpectedFor(inn)).toBe(false);
  });
  it.each(badChecksum)('refuses %s by checksum', (inn) => {
    expect(problemOf(checkInn(inn))).toBe('checksum');
    expect(innKind(inn)).toBeNull();
    expect(kppExpectedFor(inn)).toBe(false);
  });
  it.each(['772508852', '12345678901', '123455342554321'])('refuses %s by length', (inn) => {
    expect(problemOf(checkInn(inn))).toBe('length');
  });
  it('refuses one repeated digit as suspicious, even where the checksum passes', () => {
    expect(problemOf(checkInn('0000000000'))).toBe('suspicious');
    expect(problemOf(checkInn('000000000000'))).toBe('suspicious');
    expect(problemOf(checkInn('1111111111'))).toBe('suspicious');
  });
  it('strips spaces, NBSP and hyphens, and refuses other characters', () => {
    expect(checkInn('77 0708-3893')).toEqual({ ok: true, value: '7707083893' });
    expect(checkInn('7707\u00A0083893')).toEqual({ ok: true, value: '7707083893' });
    expect(problemOf(checkInn('ИНН123'))).toBe('chars');
    expect(problemOf(checkInn('7707083893.'))).toBe('chars');
    expect(problemOf(checkInn(''))).toBe('empty');
    expect(problemOf(checkInn(' - '))).toBe('empty');
  });

  it('property: for 200 random 9-digit prefixes only the computed 10th digit passes', () => {
    let seed = 0x5eed1234;
    const next = (): number => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    for (let n = 0; n < 200; n++) {
      const prefix = Array.from({ length: 9 }, () => Math.floor(next() * 10)).join('');
      const control = (weights.reduce((s, w, i) => s + w * Number(prefix[i]), 0) % 11) % 10;
      for (let d = 0; d <= 9; d++) {
        const inn = `${prefix}${d}`;
        if (/^(.)\1*$/.test(inn)) continue;
        expect(problemOf(checkInn(inn)), inn).toBe(d === control ? 'ok' : 'checksum');
      }
    }
  });
});

describe('checkKpp', () => {
  it.each(['773601001', '123456789', '0000AZ000', '771401001', '770701001', '502701001'])('accepts %s', (kpp) => {
    expect(checkKpp(kpp)).toEqual({ ok: true, value: kpp });
  });
  it('accepts letters anywhere in positions 5–6, e.g. 7707A1001 (^\\d{4}[0-9A-Z]{2}\\d{3}$)', () => {
    expect(checkKpp('7707A1001')).toEqual({ ok: true, value: '7707A1001' });
  });
  it.each([
    ['12345', 'length'],
    ['1234567890', 'length'],
    ['0000aZ000', 'chars'],
    ['0000A-000', 'length'],
    ['A70701001', 'format'],
    ['77070100A', 'format'],
    ['7714010O1', 'format'],
    ['000000000', 'suspicious'],
    ['777777777', 'suspicious'],
    ['', 'empty'],
  ])('refuses %s (%s)', (kpp, problem) => {
    expect(problemOf(checkKpp(kpp))).toBe(problem);
  });
});

describe('checkOgrn / checkOgrnip / checkOgrnAny', () => {
  const ogrn = [
    '1027700132195',
    '1027812400868',
    '1022200525819',
    '1022500001325',
    '1027700280937',
    '1156100000231',
    '1026605606620',
    '5077746725964',
    '1027739552642',
    '1098768506572',
  ];
  const ogrnip = [
    '307760324100018',
    '304500116000157',
    '313132804400022',
    '314220119000137',
    '317312300039769',
    '309565808600188',
    '319631300041247',
    '385768585948949',
    '304770010000010',
    '304770010000021',
    '304770010000032',
  ];

  it.each(ogrn)('accepts the ОГРН %s', (v) => {
    expect(checkOgrn(v)).toEqual({ ok: true, value: v });
    expect(checkOgrnAny(v)).toEqual({ ok: true, value: v });
  });
  it.each(ogrnip)('accepts the ОГРНИП %s (mod 13, remainders 10–12 → 0–2)', (v) => {
    expect(checkOgrnip(v)).toEqual({ ok: true, value: v });
    expect(checkOgrnAny(v)).toEqual({ ok: true, value: v });
  });
  it.each([
    '1022500001328',
    '1027700280938',
    '5060049620796',
    '6160094236029',
    '1027812400869',
    '1156000000000',
    '1234567893214',
  ])('refuses the ОГРН %s by checksum', (v) => {
    expect(problemOf(checkOgrn(v))).toBe('checksum');
    expect(problemOf(checkOgrnAny(v))).toBe('checksum');
  });
  it.each(['304500116000154', '307760324100019', '407760324100018', '317312300030000'])(
    'refuses the ОГРНИП %s by checksum',
    (v) => {
      expect(problemOf(checkOgrnip(v))).toBe('checksum');
      expect(problemOf(checkOgrnAny(v))).toBe('checksum');
    },
  );
  it('refuses all-zero numbers as suspicious and wrong lengths', () => {
    expect(problemOf(checkOgrn('0000000000000'))).toBe('suspicious');
    expect(problemOf(checkOgrnip('000000000000000'))).toBe('suspicious');
    expect(problemOf(checkOgrnAny('0000000000000'))).toBe('suspicious');
    expect(problemOf(checkOgrn('307760324100018'))).toBe('length');
    expect(problemOf(checkOgrnip('1027700132195'))).toBe('length');
    const any = checkOgrnAny('10277001321951');
    expect(problemOf(any)).toBe('length');
    if (!any.ok) expect(translateMessage('en', any)).toContain('14');
  });
});

describe('checkBik', () => {
  it.each(['044525225', '044030827'])('accepts %s', (bik) => expect(checkBik(bik)).toEqual({ ok: true, value: bik }));
  it('refuses a wrong first digit and a wrong length', () => {
    expect(problemOf(checkBik('344525225'))).toBe('format');
    expect(problemOf(checkBik('04452522'))).toBe('length');
    expect(problemOf(checkBik('000000000'))).toBe('suspicious');
  });
});

describe('bank accounts', () => {
  it.each([
    ['30101810200000000827', '044030827'],
    ['30101810400000000225', '044525225'],
  ])('accepts the correspondent account %s with БИК %s', (acc, bik) => {
    expect(checkCorrespondentAccount(acc, bik)).toEqual({ ok: true, value: acc });
  });
  it.each([
    ['30101810300000000827', '044030827'],
    ['30101810500000000225', '044525225'],
    ['40101810200000000827', '044030827'],
  ])('refuses the correspondent account %s with БИК %s', (acc, bik) => {
    expect(problemOf(checkCorrespondentAccount(acc, bik))).toBe('checksum');
  });
  it.each([
    ['40702810900000002851', '044030827'],
    ['40701810000001002118', '044106001'],
    ['40702810801400016513', '044525593'],
  ])('accepts the settlement account %s with БИК %s', (acc, bik) => {
    expect(checkSettlementAccount(acc, bik)).toEqual({ ok: true, value: acc });
  });
  it('uses the РКЦ prefix when БИК digits 7–8 are 00', () => {
    // With the ordinary prefix (last three БИК digits, "001") the same account would fail.
    expect(checkSettlementAccount('40701810000001002118', '044106001').ok).toBe(true);
  });
  it.each([...Array.from({ length: 9 }, (_, d) => `40702810${d}00000002851`), '50702810900000002851'])(
    'refuses the settlement account %s with БИК 044030827',
    (acc) => {
      expect(problemOf(checkSettlementAccount(acc, '044030827'))).toBe('checksum');
    },
  );
  it('needs a valid БИК, refuses all-zero accounts, and normalises separators', () => {
    expect(problemOf(checkSettlementAccount('40702810900000002851', ''))).toBe('bikRequired');
    expect(problemOf(checkSettlementAccount('40702810900000002851', '344525225'))).toBe('bikRequired');
    expect(problemOf(checkCorrespondentAccount('30101810200000000827', '04403082'))).toBe('bikRequired');
    expect(problemOf(checkSettlementAccount('00000000000000000000', '044030827'))).toBe('suspicious');
    expect(problemOf(checkSettlementAccount('4070281090000000285', '044030827'))).toBe('length');
    expect(checkSettlementAccount('40702 810 9 0000 0002851', '044 030 827')).toEqual({
      ok: true,
      value: '40702810900000002851',
    });
  });
});

describe('messages', () => {
  const failures: RequisiteCheck[] = [
    checkInn(''),
    checkInn('ИНН123'),
    checkInn('772508852'),
    checkInn('7725088528'),
    checkInn('0000000000'),
    checkKpp('0000aZ000'),
    checkKpp('A70701001'),
    checkKpp('000000000'),
    checkOgrn('1027812400869'),
    checkOgrnip('307760324100019'),
    checkOgrnAny('12'),
    checkBik('344525225'),
    checkSettlementAccount('40702810000000002851', '044030827'),
    checkSettlementAccount('40702810900000002851', ''),
    checkCorrespondentAccount('30101810300000000827', '044030827'),
  ];
  it('every failure has a non-empty Russian and English sentence', () => {
    for (const r of failures) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(translateMessage('ru', r).trim().length).toBeGreaterThan(10);
      expect(translateMessage('en', r).trim().length).toBeGreaterThan(10);
      expect(translateMessage('ru', r)).toMatch(/[.!]$/);
      expect(translateMessage('en', r)).toMatch(/[.!]$/);
    }
  });
  it('the length message mentions the actual length', () => {
    const r = checkInn('772508852');
    expect(r).toMatchObject({ ok: false, problem: 'length' });
    if (r.ok) return;
    expect(translateMessage('en', r)).toBe(
      'ИНН must have 10 digits (a company) or 12 digits (a sole trader or a person); this one has 9.',
    );
    expect(translateMessage('ru', r)).toContain('9');
    const kpp = checkKpp('12345');
    if (!kpp.ok)
      expect([translateMessage('ru', kpp), translateMessage('en', kpp)].every((m) => m.includes('5'))).toBe(true);
  });
  it('the checksum message points at a typo', () => {
    const r = checkInn('7725088528');
    if (r.ok) throw new Error('expected a failure');
    expect(translateMessage('en', r)).toMatch(/check digit.*does not match.*typo/);
    expect(translateMessage('ru', r)).toMatch(/Контрольная цифра.*не сходится.*опечатка/);
  });
});
