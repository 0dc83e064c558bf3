import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Page1<T> = { items: T[] };
type Contact = { id: number; clientId: number; fullName: string; phones: string[]; erasedAt?: string | null };

async function api<T>(page: Page, method: 'post' | 'patch', path: string, data: unknown): Promise<T> {
  const res = await page.request[method](`/api/v1${path}`, { headers: { 'x-rapport-csrf': '1' }, data });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

describe('personal data of a contact', () => {
  const s = useBrowserSession();

  it('records a consent, downloads everything held on the person, and erases it on request, keeping the history', async () => {
    const { page } = s;
    const clientId = (await apiGet<Page1<{ id: number }>>(page, '/clients?pageSize=1')).items[0]!.id;
    const person = await api<Contact>(page, 'post', '/contacts', {
      clientId,
      fullName: 'Кривошеева Аглая Феоктистовна',
      phones: ['+7 (915) 777-12-34'],
      birthday: '1961-07-23',
      isKeyFigure: true,
      hobbies: ['садоводство'],
    });
    await api(page, 'post', '/interactions', {
      clientId,
      contactId: person.id,
      kind: 'gift',
      occurredAt: '2026-02-01T10:00:00Z',
      moneySpent: '3500.00',
      notes: 'Букет роз',
    });

    await page.goto(`/clients/${clientId}?tab=contacts`);
    await settled(page);
    await page.getByTestId(`personal-data-open-${person.id}`).click();
    const panel = page.getByTestId(`personal-data-${person.id}`);
    await panel.waitFor();
    expect(await panel.getByTestId('consent-badge').first().innerText()).toBe('Нет согласия');

    // Record a consent: a blank purpose is refused under the field, then a real one is saved.
    await panel.getByTestId('consent-add').click();
    await page.getByTestId('consent-save').click();
    expect(await page.getByText('Укажите цель обработки').count()).toBe(1);
    await page.getByTestId('consent-purpose').fill('Поздравления с личными и семейными датами');
    await page.getByTestId('consent-save').click();
    await panel.getByText('Согласие действует до отзыва.').waitFor();
    expect(await panel.getByTestId('consent-badge').first().innerText()).toBe('Согласие есть');
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'privacy-consent');

    // Everything held on her, as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByTestId('personal-data-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`personal-data-${person.id}.xlsx`);

    // Erase: the confirmation says what goes and what stays, and wants the grounds.
    await panel.getByTestId('erase-open').click();
    const dialog = page.getByRole('dialog', { name: /Удаление персональных данных/ });
    await dialog.getByText('Сохраняется').waitFor();
    await dialog.getByText(/показатели клиента/).waitFor();
    await screenshot(page, 'privacy-erase-confirmation');
    await dialog.getByTestId('erase-confirm').click();
    expect(await dialog.getByText('Укажите, по какому запросу удаляются данные').count()).toBe(1);
    await dialog.getByTestId('erase-reason').fill('Письменное заявление от 01.03.2026, вх. № 45');
    await dialog.getByTestId('erase-confirm').click();
    await page.getByText('Персональные данные удалены', { exact: true }).waitFor();

    const erased = await apiGet<Contact>(page, `/contacts/${person.id}`);
    expect(erased).toMatchObject({ fullName: `Контакт удалён по запросу (№ ${person.id})`, phones: [] });
    expect(erased.erasedAt).toBeTruthy();
    // The gift stays with its cost, without its words.
    const gifts = await apiGet<Page1<{ contactId: number; moneySpent: string; notes: string | null }>>(
      page,
      `/interactions?clientId=${clientId}&pageSize=200`,
    );
    expect(gifts.items.filter((i) => i.contactId === person.id)).toEqual([
      expect.objectContaining({ moneySpent: '3500.00', notes: null }),
    ]);
    await page.keyboard.press('Escape');
    await page.getByRole('cell', { name: erased.fullName, exact: true }).waitFor();
    expect(await page.getByText('Кривошеева').count()).toBe(0);
    await screenshot(page, 'privacy-erased-contact');
    expect(s.pageErrors).toEqual([]);
  });
});
