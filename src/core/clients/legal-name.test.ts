import { describe, expect, it } from 'vitest';
import { legalEntityTitle } from './legal-name.js';

describe('a legal entity heading', () => {
  it('names the form once', () => {
    expect(legalEntityTitle({ legalForm: 'ПАО', fullName: 'Публичное акционерное общество «Сбербанк России»' })).toBe(
      'Публичное акционерное общество «Сбербанк России»',
    );
    expect(
      legalEntityTitle({
        legalForm: 'ПАО',
        fullName: 'Публичное акционерное общество «Сбербанк России»',
        shortName: 'ПАО Сбербанк',
      }),
    ).toBe('ПАО Сбербанк');
    expect(legalEntityTitle({ legalForm: 'ООО', fullName: 'ООО «Ромашка»' })).toBe('ООО «Ромашка»');
    expect(
      legalEntityTitle({
        legalForm: 'ИП',
        fullName: 'Индивидуальный предприниматель Иванов Иван Иванович',
        shortName: 'ИП Иванов И. И.',
      }),
    ).toBe('ИП Иванов И. И.');
  });

  it('puts the form in front of a name that does not say it', () => {
    expect(legalEntityTitle({ legalForm: 'ООО', fullName: '«Ромашка»' })).toBe('ООО «Ромашка»');
    expect(legalEntityTitle({ legalForm: 'АО', fullName: 'Ромашка', shortName: '  ' })).toBe('АО Ромашка');
    expect(legalEntityTitle({ legalForm: null, fullName: 'Ромашка' })).toBe('Ромашка');
    // "АО" inside a longer word at the start is not the form.
    expect(legalEntityTitle({ legalForm: 'АО', fullName: 'Аорта Медикал' })).toBe('АО Аорта Медикал');
  });
});
