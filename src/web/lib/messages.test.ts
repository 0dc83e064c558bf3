import { createInstance, type i18n as I18n } from 'i18next';
import { describe, expect, it } from 'vitest';
import { en } from '../../core/messages/en.js';
import { ru } from '../../core/messages/ru.js';
import { translateCode, type Lang } from '../../core/messages/index.js';
import { addMessageFormats, MESSAGES_NS, messageText } from './messages.js';

/** An i18next as the app sets it up, with the message catalogue as its `messages` namespace. */
async function i18nextIn(lng: Lang): Promise<I18n> {
  const instance = createInstance();
  await instance.init({
    lng,
    resources: { ru: { [MESSAGES_NS]: ru }, en: { [MESSAGES_NS]: en } },
    interpolation: { escapeValue: false },
  });
  addMessageFormats(instance);
  return instance;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const codes = [...new Set(Object.keys(en).map((k) => k.replace(PLURAL, '')))];

/** Values that make every template say something real: statuses and roles that exist, days, numbers. */
function sampleParams(code: string, count: number): Record<string, string | number> {
  const templates = [en, ru as Readonly<Record<string, string>>].flatMap((c) =>
    Object.entries(c)
      .filter(([k]) => k === code || k.replace(PLURAL, '') === code)
      .map(([, v]) => v),
  );
  const params: Record<string, string | number> = {};
  for (const template of templates)
    for (const [, name, format] of template.matchAll(/\{\{\s*(\w+)\s*(?:,\s*(\w+))?\s*\}\}/g)) {
      params[name!] =
        name === 'count'
          ? count
          : name === 'from' || name === 'to'
            ? 'new'
            : name === 'role' || name === 'requested'
              ? 'head_of_sales'
              : name === 'document'
                ? 'document'
                : format === 'day'
                  ? '2026-03-15'
                  : format === 'number'
                    ? 1234567.5
                    : `<${name}>`;
    }
  return params;
}

describe('the message catalogue in i18next (the web app)', () => {
  for (const lng of ['ru', 'en'] as const) {
    it(`reads every code as translate does, plural forms and formats included (${lng})`, async () => {
      const instance = await i18nextIn(lng);
      const differ: string[] = [];
      for (const code of codes)
        for (const count of [1, 3, 5, 21]) {
          const params = sampleParams(code, count);
          const web = messageText(instance, code, params, '(missing)');
          const server = translateCode(lng, code, params);
          if (web !== server) differ.push(`${code} (${count}): ${web} ≠ ${server}`);
        }
      expect(differ).toEqual([]);
    });
  }

  it('falls back to the text given when the code is unknown or absent', async () => {
    const instance = await i18nextIn('ru');
    expect(messageText(instance, 'no.such.code', {}, 'как сказал сервер')).toBe('как сказал сервер');
    expect(messageText(instance, undefined, undefined, 'как сказал сервер')).toBe('как сказал сервер');
    expect(messageText(instance, 'notFound.client', { id: 3 }, '')).toBe('Клиент 3 не найден.');
  });
});
