import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Structure = {
  people: {
    id: number;
    fullName: string;
    decisionRoles: string[];
    attitude: string | null;
    reportsToId: number | null;
  }[];
  links: { fromContactId: number; toContactId: number; kind: string }[];
  checklist: { key: string; answered: boolean }[];
};

async function apiWrite<T>(page: Page, method: 'post' | 'delete', path: string, data?: unknown): Promise<T> {
  const res = await page.request[method](`/api/v1${path}`, {
    headers: { 'x-rapport-csrf': '1' },
    ...(data ? { data } : {}),
  });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (res.status() === 204 ? undefined : await res.json()) as T;
}

/** The person whose box holds the given person's box in the org chart (their boss in the diagram), or null at the top. */
const bossInChart = (page: Page, id: number) =>
  page.evaluate((personId) => {
    const box = document.querySelector(`[data-testid="person-${personId}"]`);
    const parentLi = box?.closest('li')?.parentElement?.closest('li');
    return parentLi?.querySelector(':scope > [data-testid^="person-"]')?.getAttribute('data-testid') ?? null;
  }, id);

describe('the power structure on the client card', () => {
  const s = useBrowserSession();
  let clientId: number;
  let anna: { id: number; fullName: string };
  let boris: { id: number; fullName: string };

  beforeAll(async () => {
    // A demo client away from the start of the list (other browser tests open the first ones).
    const list = await apiGet<{ items: { id: number }[] }>(s.page, '/clients?sort=-name&pageSize=1');
    clientId = list.items[0]!.id;
    // Two new people: a decision maker whose attitude nobody has judged yet, and a colleague without a boss.
    anna = await apiWrite(s.page, 'post', '/contacts', {
      clientId,
      fullName: 'Тестова Анна Сергеевна',
      position: 'Коммерческий директор',
      decisionRoles: ['decision_maker'],
    });
    boris = await apiWrite(s.page, 'post', '/contacts', {
      clientId,
      fullName: 'Тестов Борис Ильич',
      position: 'Инженер по снабжению',
    });
  });

  afterAll(async () => {
    // Leave the demo company as it was: the gift first (it would stay on the client without its contact), then the people.
    if (anna) {
      const personal = await apiGet<{ gifts: { id: number }[] }>(s.page, `/contacts/${anna.id}/personal`).catch(() => ({
        gifts: [],
      }));
      for (const gift of personal.gifts)
        await apiWrite(s.page, 'delete', `/interactions/${gift.id}`).catch(() => undefined);
    }
    for (const person of [boris, anna])
      if (person) await apiWrite(s.page, 'delete', `/contacts/${person.id}`).catch(() => undefined);
  });

  it('makes one person report to another and marks an ally through the diagram; the chart and the checklist follow', async () => {
    const { page } = s;
    await page.goto(`/clients/${clientId}`);
    await page.getByTestId('card-tab-people').click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'people');
    await page.getByTestId('org-chart').waitFor();
    await settled(page);
    const annaBox = page.getByTestId(`person-${anna.id}`);
    const borisBox = page.getByTestId(`person-${boris.id}`);
    expect(await borisBox.getAttribute('data-reports-to')).toBe('');
    expect(await bossInChart(page, boris.id)).toBeNull();
    expect(await annaBox.getAttribute('data-attitude')).toBe('unknown');
    // Анна decides but her attitude is unknown: the deciders' attitude is a gap.
    expect(await page.getByTestId('check-decider_attitudes').getAttribute('data-answered')).toBe('false');
    expect(await page.getByTestId('check-decider_attitudes').innerText()).toContain('Тестова Анна Сергеевна');
    await screenshot(page, 'power-structure-before');

    // Борис reports to Анна.
    await page.getByTestId(`edit-person-${boris.id}`).click();
    const dialog = page.getByRole('dialog', { name: `Место в структуре: ${boris.fullName}` });
    await dialog.waitFor();
    await dialog.getByTestId('person-reports-to').click();
    await page.getByRole('option', { name: `${anna.fullName} (Коммерческий директор)` }).click();
    await dialog.getByTestId('person-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => borisBox.getAttribute('data-reports-to')).toBe(String(anna.id));
    expect(await bossInChart(page, boris.id)).toBe(`person-${anna.id}`);

    // Анна is on our side.
    await page.getByTestId(`edit-person-${anna.id}`).click();
    const annaDialog = page.getByRole('dialog', { name: `Место в структуре: ${anna.fullName}` });
    await annaDialog.waitFor();
    await annaDialog.getByTestId('person-attitude').click();
    await page.getByRole('option', { name: 'Союзник', exact: true }).click();
    await annaDialog.getByTestId('person-save').click();
    await annaDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => annaBox.getAttribute('data-attitude')).toBe('ally');
    expect(await annaBox.innerText()).toContain('Союзник');
    // The legend says what green means.
    expect(await page.getByTestId('attitude-legend').innerText()).toContain('Союзник');

    // The checklist now knows how the deciders see us (every other decider of the demo client has an attitude).
    const stored = await apiGet<Structure>(page, `/clients/${clientId}/power-structure`);
    const deciders = stored.people.filter(
      (p) => p.decisionRoles.includes('decision_maker') || p.decisionRoles.includes('payment_decider'),
    );
    expect(deciders.every((p) => p.attitude !== null)).toBe(true);
    expect(stored.checklist.find((a) => a.key === 'decider_attitudes')!.answered).toBe(true);
    await expect.poll(() => page.getByTestId('check-decider_attitudes').getAttribute('data-answered')).toBe('true');
    expect(await page.getByTestId('checklist-progress').innerText()).toBe(
      `Отвечено ${stored.checklist.filter((a) => a.answered).length} из 14`,
    );

    // The link is stored, and only one boss for Борис.
    expect(stored.links.filter((l) => l.fromContactId === boris.id)).toEqual([
      { fromContactId: boris.id, toContactId: anna.id, kind: 'reports_to' },
    ]);
    expect(stored.people.find((p) => p.id === anna.id)!.attitude).toBe('ally');

    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'power-structure-after');
    expect(s.pageErrors).toEqual([]);
  });

  it("keeps the personal knowledge of a key figure: a gift recorded shows in last year's reminder and its cost", async () => {
    const { page } = s;
    await page.getByTestId(`edit-person-${anna.id}`).click();
    const dialog = page.getByRole('dialog', { name: `Место в структуре: ${anna.fullName}` });
    await dialog.waitFor();
    await dialog.getByRole('switch', { name: 'Ключевая фигура' }).check();
    await dialog.getByTestId('person-save').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('check-key_figures').getAttribute('data-answered')).toBe('true');

    const control = page.getByTestId(`key-figure-${anna.id}`);
    if ((await control.getAttribute('aria-expanded')) !== 'true') await control.click();
    const panel = page.getByTestId(`personal-${anna.id}`);
    await panel.waitFor();
    expect(await panel.getByTestId('last-year-gifts').innerText()).toContain('подарков не было');
    await panel.getByTestId('gifts-add').click();
    const form = page.getByRole('dialog', { name: 'Подарки' });
    await form.getByLabel('Что подарили').fill('Корзина фруктов');
    await form.getByLabel('Стоимость, ₽').fill('2500');
    await form.getByTestId('record-save').click();
    await form.waitFor({ state: 'hidden' });
    await expect.poll(() => panel.getByTestId('last-year-gifts').innerText()).toContain('Корзина фруктов');
    expect((await panel.getByTestId('last-year-gifts').innerText()).replace(/[\u00a0\u202f]/g, ' ')).toContain(
      '2 500,00 ₽',
    );
    expect(await panel.getByTestId('gifts').innerText()).toContain('Корзина фруктов');
    // Stored as an interaction of kind gift naming the person.
    const personal = await apiGet<{ gifts: { notes: string; moneySpent: string }[] }>(
      page,
      `/contacts/${anna.id}/personal`,
    );
    expect(personal.gifts).toEqual([expect.objectContaining({ notes: 'Корзина фруктов', moneySpent: '2500.00' })]);
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'power-structure-key-figure');
    expect(s.pageErrors).toEqual([]);
  });

  it('lists the important clients whose decision makers we do not know, with links to their people', async () => {
    const { page } = s;
    await page.goto('/analytics/base?missing=decision_maker&significance=key,major');
    await page.getByTestId('base-list').waitFor();
    await settled(page);
    const report = await apiGet<{ total: number; items: { clientId: number; name: string; missing: string[] }[] }>(
      page,
      '/people/base-analysis?missing=decision_maker&significance=key,major&pageSize=25',
    );
    const rows = page.getByTestId('base-list').locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(25, report.items.length));
    if (report.items.length) {
      const first = report.items[0]!;
      expect(first.missing).toContain('decision_maker');
      const link = page.getByTestId(`base-row-${first.clientId}`).getByRole('link', { name: first.name, exact: true });
      expect(await link.getAttribute('href')).toBe(`/clients/${first.clientId}?tab=people`);
    }
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'base-analysis');
    expect(s.pageErrors).toEqual([]);
  });
});
