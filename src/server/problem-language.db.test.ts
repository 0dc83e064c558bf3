import { describe, expect, it } from 'vitest';
import { useApp, signedIn } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildClient, buildOrg } from '../../test/support/factories.js';

const db = await useDatabase();
const app = await useApp(db);
const owner = await buildOrg(db);
const call = await signedIn(app, owner.email);

type Problem = {
  title: string;
  detail: string;
  code: string;
  detailCode?: string;
  detailParams?: Record<string, string | number>;
  errors?: { field: string; reason: string; code?: string; params?: object; message: string; messageRu?: string }[];
};

const russian = { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' };

describe('problem+json in the language of Accept-Language', () => {
  it('answers a schema refusal in Russian when asked, in English by default, with codes and parameters either way', async () => {
    const payload = { name: '', status: 'sleeping', nonsense: 1 };
    const ru = await call({ method: 'POST', url: '/api/v1/clients', payload, headers: russian });
    expect(ru.statusCode).toBe(400);
    expect(ru.headers['content-language']).toBe('ru');
    const body = ru.json<Problem>();
    expect(body.title).toBe('Неверные данные');
    const byField = Object.fromEntries(body.errors!.map((e) => [e.field, e]));
    expect(byField.name).toMatchObject({
      reason: 'minLength',
      code: 'field.notEmpty',
      params: {},
      message: 'не может быть пустым',
      messageRu: 'не может быть пустым',
    });
    expect(byField.nonsense).toMatchObject({ code: 'field.unknown', message: 'неизвестное поле' });
    expect(byField.status).toMatchObject({ code: 'field.oneOf', message: 'недопустимое значение' });
    expect(body.detail).toMatch(/^(name|status|nonsense): [а-я]/);

    const en = await call({ method: 'POST', url: '/api/v1/clients', payload });
    expect(en.headers['content-language']).toBe('en');
    const english = en.json<Problem>();
    expect(english.title).toBe('Invalid input');
    expect(english.errors!.find((e) => e.field === 'name')).toMatchObject({
      code: 'field.notEmpty',
      message: 'must not be empty',
      messageRu: 'не может быть пустым',
    });
  });

  it('translates the detail of a domain error and says its code and parameters', async () => {
    const ru = (await call({ url: '/api/v1/clients/987654', headers: russian })).json<Problem>();
    expect(ru).toMatchObject({
      title: 'Не найдено',
      code: 'not_found',
      detail: 'Клиент 987654 не найден.',
      detailCode: 'notFound.client',
      detailParams: { id: 987654 },
    });
    const en = (await call({ url: '/api/v1/clients/987654' })).json<Problem>();
    expect(en).toMatchObject({
      title: 'Not found',
      detail: 'Client 987654 was not found.',
      detailCode: 'notFound.client',
    });
  });

  it("translates a service's field problems: a requisite's check digit", async () => {
    const client = await buildClient(db, owner, { name: 'ООО «Язык»' });
    const payload = { clientId: client.id, fullName: 'ООО «Язык»', inn: '7707083894' };
    const ru = await call({ method: 'POST', url: '/api/v1/legal-entities', payload, headers: russian });
    expect(ru.statusCode).toBe(400);
    const problem = ru.json<Problem>();
    expect(problem.errors![0]).toMatchObject({ field: 'inn', reason: 'checksum', code: 'requisite.inn.checksum' });
    expect(problem.errors![0]!.message).toMatch(/^Контрольная цифра ИНН не сходится/);
    expect(problem.detail).toMatch(/^inn: Контрольная цифра ИНН/);
    const en = await call({ method: 'POST', url: '/api/v1/legal-entities', payload });
    expect(en.json<Problem>().errors![0]!.message).toMatch(/^The check digit of this ИНН does not match/);
  });

  it('picks the language of the highest weight, English for any other', async () => {
    const detailIn = async (header: string) =>
      (await app.inject({ url: '/api/v1/clients', headers: { 'accept-language': header } })).json<Problem>().detail;
    expect(await detailIn('en;q=0.5, ru;q=0.8')).toBe('Войдите, чтобы продолжить: сеанса нет или он истёк.');
    expect(await detailIn('ru')).toBe('Войдите, чтобы продолжить: сеанса нет или он истёк.');
    expect(await detailIn('de-DE,de;q=0.9')).toBe('Sign in to continue; the session is missing or has expired.');
    expect(await detailIn('en-GB,en;q=0.9,ru;q=0.8')).toBe(
      'Sign in to continue; the session is missing or has expired.',
    );
  });

  it('says an unknown endpoint in the language asked for', async () => {
    const ru = (await call({ url: '/api/v1/nowhere', headers: russian })).json<Problem>();
    expect(ru).toMatchObject({ code: 'not_found', detail: 'Нет такого адреса API: GET /api/v1/nowhere' });
  });
});
