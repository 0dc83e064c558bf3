import { describe, expect, it } from 'vitest';
import { DomainError, fieldProblem, invalidInput, notFound, TooManyAttempts } from '../errors.js';
import {
  acceptedLanguage,
  bilingual,
  en,
  isMessageCode,
  message,
  ru,
  translate,
  translateCode,
  type MessageCode,
} from './index.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const codesOf = (catalogue: Readonly<Record<string, string>>) =>
  [...new Set(Object.keys(catalogue).map((k) => k.replace(PLURAL, '')))].sort();
const variables = (template: string) => [...template.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]!);
/** Every variable a code's templates (all its plural forms) name. */
const variablesOf = (catalogue: Readonly<Record<string, string>>, code: string) =>
  [
    ...new Set(
      Object.entries(catalogue)
        .filter(([k]) => k === code || k.replace(PLURAL, '') === code)
        .flatMap(([, v]) => variables(v)),
    ),
  ].sort();
const ruCatalogue: Readonly<Record<string, string>> = ru;

describe('the message catalogue', () => {
  it('has every code in both languages, and nothing more in Russian', () => {
    expect(codesOf(ruCatalogue)).toEqual(codesOf(en));
  });

  it('has no empty text', () => {
    for (const [catalogue, texts] of [
      ['en', en],
      ['ru', ruCatalogue],
    ] as const)
      expect(
        Object.entries(texts)
          .filter(([, v]) => v.trim() === '')
          .map(([k]) => `${catalogue}:${k}`),
      ).toEqual([]);
  });

  it('gives every plural code the forms its language needs', () => {
    const plural = codesOf(en).filter((c) => `${c}_other` in en);
    expect(plural.length).toBeGreaterThan(5);
    for (const code of plural) {
      expect(
        Object.keys(en)
          .filter((k) => k.startsWith(`${code}_`))
          .sort(),
        code,
      ).toEqual([`${code}_one`, `${code}_other`]);
      expect(
        Object.keys(ruCatalogue)
          .filter((k) => k.startsWith(`${code}_`))
          .sort(),
        code,
      ).toEqual(['few', 'many', 'one', 'other'].map((f) => `${code}_${f}`));
      expect(variablesOf(en, code), code).toContain('count');
    }
  });

  it('uses the same parameters in both languages (Russian may leave out what it cannot show)', () => {
    const mismatched = codesOf(en).filter(
      (code) => JSON.stringify(variablesOf(en, code)) !== JSON.stringify(variablesOf(ruCatalogue, code)),
    );
    // An ajv message is English text: the Russian answer says "invalid value" instead of repeating it.
    expect(mismatched).toEqual(['field.invalidBecause']);
  });

  it('nests only codes that exist', () => {
    for (const [name, catalogue] of [
      ['en', en],
      ['ru', ruCatalogue],
    ] as const)
      for (const [key, template] of Object.entries(catalogue))
        for (const [, nested] of template.matchAll(/\$t\(([^()]*)\)/g)) {
          // A nested key may hold a parameter (a status, a role): every value it can take must exist.
          const prefix = nested!.replace(/\{\{[^}]*\}\}.*$/, '');
          expect(
            Object.keys(catalogue).some((k) => k.startsWith(prefix)),
            `${name}:${key} nests ${nested}`,
          ).toBe(true);
        }
  });
});

describe('translate', () => {
  it('puts the parameters in place in the language asked for', () => {
    expect(translate('en', 'notFound.client', { id: 7 })).toBe('Client 7 was not found.');
    expect(translate('ru', 'notFound.client', { id: 7 })).toBe('Клиент 7 не найден.');
    expect(translate('ru', 'auth.signInAgain')).toBe('Войдите заново.');
  });

  it('chooses the Russian plural form by Intl.PluralRules, and the English one', () => {
    const ruLength = (count: number) => translate('ru', 'field.maxLength', { count });
    expect(ruLength(1)).toBe('не длиннее 1 символа');
    expect(ruLength(2)).toBe('не длиннее 2 символов');
    expect(ruLength(5)).toBe('не длиннее 5 символов');
    expect(ruLength(21)).toBe('не длиннее 21 символа');
    expect(ruLength(200)).toBe('не длиннее 200 символов');
    expect(ruLength(1.5)).toBe('не длиннее 1.5 символа');
    expect(translate('en', 'field.maxLength', { count: 1 })).toBe('must be at most 1 character');
    expect(translate('en', 'field.maxLength', { count: 200 })).toBe('must be at most 200 characters');
    expect(translate('ru', 'calendar.rangeTooLong', { count: 3 })).toBe(
      'не позже чем через 3 дня после начала периода',
    );
  });

  it('leaves a missing parameter visible (a plural code without its count in its general form), and an unknown code as it is', () => {
    expect(translateCode('en', 'notFound.client')).toBe('Client {{id}} was not found.');
    expect(translateCode('ru', 'field.maxLength')).toBe('не длиннее {{count}} символа');
    expect(translateCode('ru', 'no.such.code', { id: 1 })).toBe('no.such.code');
  });

  it('formats numbers and days for the language', () => {
    expect(translate('en', 'import.file.tooManyColumns', { row: 3, max: 16384 })).toContain('more than 16,384 columns');
    expect(translate('ru', 'import.file.tooManyColumns', { row: 3, max: 16384 })).toContain(
      'больше 16\u00a0384 колонок',
    );
    expect(translate('en', 'loss.boughtAfter', { lastPurchase: '2026-03-15' })).toMatch(
      /^the client bought on 2026-03-15:/,
    );
    expect(translate('ru', 'loss.boughtAfter', { lastPurchase: '2026-03-15' })).toMatch(
      /^клиент покупал 15\.03\.2026:/,
    );
  });

  it('puts nested messages in place: statuses and roles named by a parameter', () => {
    expect(translate('en', 'claim.cannotMove', { from: 'new', to: 'resolved' })).toBe(
      'A claim cannot go from "New" to "Resolved"; from "New" it can go to "In progress" or "Rejected".',
    );
    expect(translate('ru', 'claim.cannotMoveField', { from: 'new', to: 'resolved' })).toContain(
      'из статуса «Новая» в статус «Решена»',
    );
    expect(translate('en', 'token.beyondOwner', { role: 'manager', requested: 'head_of_sales' })).toBe(
      'A token cannot see or do more than its owner: a manager cannot issue a head of sales token.',
    );
  });

  it('never reads a parameter as a template', () => {
    expect(translate('en', 'notFound.client', { id: '{{id}} $t(auth.signInAgain)' })).toBe(
      'Client {{id}} $t(auth.signInAgain) was not found.',
    );
  });

  it('knows its codes, plural ones included', () => {
    expect(isMessageCode('field.maxLength')).toBe(true);
    expect(isMessageCode('notFound.client')).toBe(true);
    expect(isMessageCode('field.maxLength_one')).toBe(true);
    expect(isMessageCode('nope')).toBe(false);
    expect(isMessageCode(7)).toBe(false);
    expect(bilingual(message('share.disabled'))).toEqual({
      en: 'this user is disabled',
      ru: 'этот пользователь отключён',
    });
  });
});

describe('acceptedLanguage', () => {
  it('prefers Russian only when a Russian tag weighs most', () => {
    expect(acceptedLanguage(undefined)).toBe('en');
    expect(acceptedLanguage('')).toBe('en');
    expect(acceptedLanguage('ru')).toBe('ru');
    expect(acceptedLanguage('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(acceptedLanguage('en-GB,en;q=0.9,ru;q=0.8')).toBe('en');
    expect(acceptedLanguage('de;q=0.5,ru;q=0.7')).toBe('ru');
    expect(acceptedLanguage('de-DE')).toBe('en');
    expect(acceptedLanguage('rubbish;q=x')).toBe('en');
  });
});

describe('domain errors as codes', () => {
  it('keep their English text as the message and say the detail in either language', () => {
    const e = notFound('order', 12);
    expect(e.message).toBe('Order 12 was not found.');
    expect(e.detailIn('ru')).toBe('Заказ 12 не найден.');
    expect(e.detailMessage).toEqual({ code: 'notFound.order', params: { id: 12 } });
  });

  it('take the detail of invalid input from the first field problem, with its field', () => {
    const e = invalidInput([
      fieldProblem('lostOn', 'future', 'loss.future'),
      fieldProblem('competitor', 'required', 'loss.competitorRequired'),
    ]);
    expect(e.message).toBe('lostOn: a client cannot be lost in the future');
    expect(e.detailIn('ru')).toBe('lostOn: дата потери не может быть позже сегодняшнего дня');
    expect(e.detailMessage).toBeUndefined();
    expect(
      DomainError.ofFields('invalid_input', [fieldProblem('file', 'unreadable', 'import.file.empty')], 'alone').message,
    ).toBe('The file is empty.');
    expect(invalidInput([]).detailIn('ru')).toBe('Неверные данные.');
  });

  it('carry the message of too many attempts as the detail and the field problem', () => {
    const e = new TooManyAttempts(30, 'email', message('auth.tooManyFromAddress', { seconds: 30 }));
    expect(e.code).toBe('rate_limited');
    expect(e.message).toBe('Too many failed sign-ins from your address; try again in 30 s.');
    expect(e.fields).toEqual([
      { field: 'email', reason: 'tooManyAttempts', code: 'auth.tooManyFromAddress', params: { seconds: 30 } },
    ]);
  });

  it('are checked by the compiler: an unknown code or a missing parameter does not compile', () => {
    // @ts-expect-error -- not a code of the catalogue
    expect(() => new DomainError('conflict', 'no.such.code')).not.toThrow();
    // @ts-expect-error -- notFound.client needs its id
    expect(translate('en', 'notFound.client')).toBe('Client {{id}} was not found.');
    const code: MessageCode = 'field.required';
    expect(translate('ru', code)).toBe('обязательное поле');
  });
});
