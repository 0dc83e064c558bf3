import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiGet, newContext, parseCount, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Contact = { id: number; clientId: number; fullName: string };
type Page1<T> = { items: T[]; total: number };

/**
 * Untranslated keys on the page, leaving out those of the other areas built alongside this one
 * (people, calendar, claims, losses) whose pages share the client card: they test their own.
 */
async function untranslatedHere(page: Page): Promise<string[]> {
  return (await untranslated(page)).filter((key) => !/^(people|calendar|claims|losses)\./.test(key));
}

/** Picks a score in the radio group of a question: `question` is the group's accessible name. */
async function pick(page: Page, question: string, value: number, label = 'Score'): Promise<void> {
  await page
    .getByRole('radiogroup', { name: question })
    .getByRole('radio', { name: `${label} ${value}`, exact: true })
    .click();
}

describe('a satisfaction survey answered through its one-time link', () => {
  const s = useBrowserSession();
  let contact: Contact;
  let clientName: string;
  let surveyUrl: string;
  const comment = `Deliveries on time, prices a bit high (${Date.now()})`;

  beforeAll(async () => {
    // A demo contact named «Фамилия Имя Отчество», so the survey greets them by the first name.
    const contacts = (await apiGet<Page1<Contact>>(s.page, '/contacts?pageSize=50')).items;
    contact = contacts.find((c) => /^\S+ \S+ \S+(вич|вна)$/.test(c.fullName))!;
    expect(contact).toBeDefined();
    clientName = (await apiGet<{ name: string }>(s.page, `/clients/${contact.clientId}`)).name;
  });

  it("creates a link for a contact in the client card's surveys tab", async () => {
    const { page } = s;
    await page.goto(`/clients/${contact.clientId}?tab=surveys`);
    await page.getByRole('heading', { level: 1, name: clientName }).waitFor();
    await page.getByTestId('client-surveys').waitFor();
    await settled(page);
    expect(await untranslatedHere(page)).toEqual([]);

    await page.getByTestId('survey-send-link').click();
    const dialog = page.getByRole('dialog', { name: 'Ссылка на опрос' });
    await dialog.getByRole('combobox', { name: 'Кому' }).click();
    await page.getByRole('option', { name: new RegExp(`^${contact.fullName}`) }).click();
    await dialog.getByRole('combobox', { name: 'Язык опроса' }).click();
    await page.getByRole('option', { name: 'English', exact: true }).click();
    await dialog.getByTestId('survey-link-submit').click();
    const url = dialog.getByTestId('survey-link-url');
    await url.waitFor();
    surveyUrl = await url.inputValue();
    expect(surveyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/survey\/\d+\.[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'survey-link-created');
    await dialog.getByTestId('survey-link-done').click();

    const links = page.getByTestId('survey-links-table');
    await links.locator('tbody tr').first().getByText('Ждёт ответа').waitFor();
    expect(await links.locator('tbody tr').first().innerText()).toContain(contact.fullName);
    expect(s.pageErrors).toEqual([]);
  });

  it("is answered without signing in, in the link's language, and only once", async () => {
    const context = await newContext(s.browser); // no session
    try {
      const visitor = await context.newPage();
      const errors: string[] = [];
      visitor.on('pageerror', (e) => errors.push(e.message));
      await visitor.goto(surveyUrl);
      // The contact is greeted by first name, in English, the language of the link.
      const first = contact.fullName.split(/\s+/)[1]!;
      await visitor.getByRole('heading', { level: 1, name: `Hello, ${first}!` }).waitFor();
      expect(await visitor.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(new URL(visitor.url()).pathname).toMatch(/^\/survey\//); // not sent to the sign-in page
      await settled(visitor);
      expect(await untranslatedHere(visitor)).toEqual([]);
      await screenshot(visitor, 'public-survey-en');

      await visitor.getByTestId('public-survey-submit').click();
      await visitor.getByRole('alert').getByText('Rate at least one item.').waitFor();

      await pick(visitor, 'How do you rate the quality and range of our goods?', 5);
      await pick(visitor, 'How do you rate our staff?', 4);
      await pick(visitor, 'How do you rate our prices?', 2);
      await pick(visitor, 'How do you rate our delivery and logistics?', 5);
      await pick(visitor, 'How do you rate our service?', 4);
      await pick(visitor, 'How do you rate our company as a whole?', 4);
      await pick(
        visitor,
        'How likely is it that you would recommend our company to a colleague or business partner?',
        9,
      );
      await visitor.getByRole('textbox', { name: 'What should we improve? (optional)' }).fill(comment);
      await visitor.getByTestId('public-survey-submit').click();
      await visitor
        .getByTestId('public-survey-thanks')
        .getByRole('heading', { name: 'Thank you for your answer!' })
        .waitFor();
      await screenshot(visitor, 'public-survey-thanks');

      // Opened again, the link says it was answered.
      await visitor.reload();
      const closed = visitor.getByTestId('public-survey-closed');
      await closed.getByRole('heading', { name: 'This survey has already been answered' }).waitFor();
      expect(await closed.getAttribute('data-reason')).toBe('answered');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows the answer in the client's surveys tab, and the link as answered", async () => {
    const { page } = s;
    await page.goto(`/clients/${contact.clientId}?tab=surveys`);
    const table = page.getByTestId('survey-responses-table');
    const row = table.locator('tbody tr', { hasText: comment });
    await row.waitFor();
    expect(await row.getAttribute('data-channel')).toBe('link');
    const cells = await row.locator('td').allInnerTexts();
    expect(cells.slice(1, 8)).toEqual(['5', '4', '2', '5', '4', '4', '9']);
    expect(cells[8]).toBe(contact.fullName);
    expect(cells[9]!.toLowerCase()).toContain('ответ по ссылке');
    await page.getByTestId('survey-links-table').locator('tbody tr').first().getByText('Получен ответ').waitFor();
    await page.getByTestId('client-survey-latest').waitFor();
    await settled(page);
    expect(await untranslatedHere(page)).toEqual([]);
    await screenshot(page, 'client-surveys-tab');

    // The company-wide page counts it too (the demo company may hold answers of its own).
    const trends = await apiGet<{ total: { responses: number }; lowestClients: unknown[] }>(page, '/surveys/trends');
    expect(trends.total.responses).toBeGreaterThanOrEqual(1);
    await page.goto('/analytics/satisfaction');
    await page.getByTestId('satisfaction-responses-value').waitFor();
    expect(parseCount(await page.getByTestId('satisfaction-responses-value').innerText())).toBe(trends.total.responses);
    await page.getByTestId('satisfaction-dimensions-chart').waitFor();
    expect(await page.getByTestId('satisfaction-lowest').locator('tbody tr').count()).toBe(
      Math.min(10, trends.lowestClients.length),
    );
    await settled(page);
    expect(await untranslatedHere(page)).toEqual([]);
    await screenshot(page, 'analytics-satisfaction');
    expect(s.pageErrors).toEqual([]);
  });
});
