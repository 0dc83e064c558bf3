import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiWrite, listSettled, screenshot, settled, untranslated, useBrowserSession } from './browser.js';
import { screenshotsDir } from './paths.js';

type LegalEntity = { id: number; clientId: number; inn: string | null; kpp: string | null; fullName: string };
type Page1<T> = { items: T[]; total: number };
type Card = {
  client: { id: number; name: string; status: string; ownerUserId: number | null };
  legalEntities: {
    inn: string | null;
    kpp: string | null;
    ogrn: string | null;
    isPrimary: boolean;
    fullName: string;
  }[];
  contacts: { fullName: string; position: string | null; phones: string[]; emails: string[] }[];
};

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** A random company ИНН with its check digit (Σ dᵢ·wᵢ mod 11 mod 10, w = 2,4,10,3,5,9,4,6,8), not starting with 0. */
function randomInn(): string {
  const body = `${1 + Math.floor(Math.random() * 9)}${digits(8)}`;
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * w[i]!, 0);
  return `${body}${(sum % 11) % 10}`;
}

/** A random ОГРН of a company: 1, 11 digits, and (the first 12 as a number mod 11) mod 10. */
function randomOgrn(): string {
  const body = `1${digits(11)}`;
  return `${body}${Number(BigInt(body) % 11n) % 10}`;
}

/** The error message a form field points at (Mantine links it with aria-describedby "…-error"). */
async function errorUnder(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const id = (await field.getAttribute('aria-describedby'))?.split(/\s+/).find((ref) => ref.endsWith('-error'));
  if (!id) throw new Error('the field points at no error message');
  return field.page().locator(`[id="${id}"]`).innerText();
}

/** The window as the person sees it — the dialog over the page — rather than the whole page under it. */
async function windowShot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotsDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), animations: 'disabled' });
}

/**
 * What is wrong with the header at the window's width: a link or button whose text wraps or is cut
 * off, or parts of it running into each other (the global action must not crowd it).
 */
const crowdedHeader = (page: Page) =>
  page.locator('header').evaluate((header) => {
    const faults: string[] = [];
    for (const el of header.querySelectorAll<HTMLElement>('a, button, .mantine-Button-label, [role="radiogroup"]')) {
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 20;
      if (el.scrollWidth > el.clientWidth + 1) faults.push(`cut off: ${el.innerText}`);
      if (el.tagName === 'A' && el.getBoundingClientRect().height > lineHeight * 1.6 + 16)
        faults.push(`two lines: ${el.innerText}`);
    }
    const parts = [
      header.querySelector('nav'),
      ...(header.querySelector('nav')?.parentElement?.nextElementSibling?.children ?? []),
    ]
      .filter((el): el is Element => el !== null)
      .map((el) => ({ text: (el as HTMLElement).innerText.split('\n')[0], box: el.getBoundingClientRect() }))
      .filter((p) => p.box.width > 0);
    for (let i = 1; i < parts.length; i++)
      if (parts[i]!.box.left < parts[i - 1]!.box.right)
        faults.push(`overlap: ${parts[i - 1]!.text} / ${parts[i]!.text}`);
    if (header.getBoundingClientRect().right > window.innerWidth) faults.push('wider than the window');
    // The organisation's name, when shown, is readable (truncated), not squeezed to a sliver.
    const who = header.querySelector('[data-testid="header-who"]')?.getBoundingClientRect();
    if (who && who.width > 0 && who.width < 80) faults.push(`organisation's name ${Math.round(who.width)} px wide`);
    return faults;
  });

/** The duplicate check's answer for what the form has typed (debounced in the form). */
const duplicatesAnswered = (page: Page, param: 'name' | 'inn', value: string) =>
  page.waitForResponse((res) => {
    const url = new URL(res.url());
    return url.pathname === '/api/v1/clients/possible-duplicates' && url.searchParams.get(param) === value;
  });

describe('creating a client', () => {
  const s = useBrowserSession();
  /** A demo client with a legal entity: the company the duplicate check must find. */
  let existing: LegalEntity;
  let existingName: string;
  const created: number[] = [];

  beforeAll(async () => {
    const entities = await apiGet<Page1<LegalEntity>>(s.page, '/legal-entities?pageSize=50');
    existing = entities.items.find((e) => e.inn?.length === 10 && e.kpp)!;
    existingName = (await apiGet<{ name: string }>(s.page, `/clients/${existing.clientId}`)).name;
  });

  afterAll(async () => {
    // Other files count the 300 demo clients.
    for (const id of created) await apiWrite(s.page, 'delete', `/clients/${id}`).catch(() => undefined);
  });

  it('from the client list: warns of a client with the same name, checks the requisites as typed, and saves client, legal entity and contact in one go', async () => {
    const { page } = s;
    const name = `ООО «Кварцевый бриз ${Date.now() % 100000}»`;
    const inn = randomInn();
    const ogrn = randomOgrn();
    await page.goto('/clients');
    await page.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
    await listSettled(page);
    // The global action sits in the header at the usual widths without pushing anything onto two lines.
    for (const width of [1280, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await crowdedHeader(page), `header at ${width} px`).toEqual([]);
    }
    await windowShot(page, 'new-client-list-1440');
    await page.setViewportSize({ width: 1280, height: 900 });
    await windowShot(page, 'new-client-list-1280');
    await page.setViewportSize({ width: 1440, height: 900 });

    await page.getByTestId('clients-new').click();
    const dialog = page.getByRole('dialog', { name: 'Новый клиент' });
    await dialog.waitFor();
    const nameInput = dialog.getByRole('textbox', { name: 'Название' });
    expect(await nameInput.evaluate((el) => el === document.activeElement)).toBe(true);

    // The name of an existing client, written differently: the warning links to its card before anything is saved.
    const typedLikeExisting = existingName.replace(/[«»"]/g, '').toUpperCase();
    const answered = duplicatesAnswered(page, 'name', typedLikeExisting);
    await nameInput.fill(typedLikeExisting);
    expect((await answered).status()).toBe(200);
    const warning = dialog.getByTestId('new-client-duplicates');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('Возможно, такой клиент уже есть');
    const link = warning.getByRole('link', { name: existingName, exact: true });
    expect(await link.getAttribute('href')).toBe(`/clients/${existing.clientId}`);
    expect(await warning.getByTestId('new-client-duplicate').first().innerText()).toContain('то же название');
    expect(await dialog.getByText('Клиент с таким или похожим названием уже есть').count()).toBe(1);
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await windowShot(page, 'new-client-duplicate-name');

    // A new name: the warning goes.
    const cleared = duplicatesAnswered(page, 'name', name);
    await nameInput.fill(name);
    await cleared;
    await warning.waitFor({ state: 'detached' });

    await dialog.getByRole('combobox', { name: 'Статус' }).click();
    await page.getByRole('option', { name: 'Активный' }).click();

    // The ИНН's check digit is checked in the browser: a wrong one is refused under the field when it is
    // left, a right one gets a tick and says whose ИНН it is; nothing is sent meanwhile.
    const writes: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname.startsWith('/api/v1/clients')) writes.push(req.url());
    });
    await dialog
      .getByRole('textbox', { name: 'Полное наименование' })
      .fill(name.replace('ООО', 'Общество с ограниченной ответственностью'));
    await dialog.getByRole('combobox', { name: 'Правовая форма' }).fill('ООО');
    const innInput = dialog.getByRole('textbox', { name: 'ИНН', exact: true });
    const wrongInn = `${inn.slice(0, 9)}${(Number(inn[9]) + 1) % 10}`;
    await innInput.fill(wrongInn);
    await innInput.press('Tab');
    expect(await errorUnder(innInput)).toMatch(/^Контрольная цифра ИНН не сходится с остальными/);
    // A КПП of 8 characters is judged when left too; an ОГРН of the wrong kind for a company's ИНН on saving.
    const kppInput = dialog.getByRole('textbox', { name: 'КПП', exact: true });
    await kppInput.fill('77360100');
    await kppInput.press('Tab');
    expect(await errorUnder(kppInput)).toMatch(/КПП/);
    await dialog.getByRole('textbox', { name: 'ФИО' }).fill('Смирнова Анна Викторовна');
    await dialog.getByRole('textbox', { name: 'Эл. почта' }).fill('не почта');
    await dialog.getByRole('button', { name: 'Создать клиента' }).click();
    expect(await errorUnder(dialog.getByRole('textbox', { name: 'Эл. почта' }))).toMatch(/^Неверный адрес/);
    await windowShot(page, 'new-client-invalid-requisites');
    expect(writes).toEqual([]);

    await innInput.fill(inn);
    await expect.poll(() => innInput.getAttribute('data-valid')).toBe('true');
    expect(await innInput.getAttribute('aria-invalid')).not.toBe('true');
    expect(await dialog.getByText('ИНН организации (10 цифр)').count()).toBe(1);
    await kppInput.fill('773601001');
    await dialog.getByRole('textbox', { name: 'ОГРН / ОГРНИП' }).fill(ogrn);
    await dialog
      .getByRole('textbox', { name: 'Юридический адрес' })
      .fill('620014, г. Екатеринбург, ул. Малышева, д. 5');
    await dialog.getByRole('textbox', { name: 'Должность' }).fill('Коммерческий директор');
    await dialog.getByRole('textbox', { name: 'Телефон' }).fill('+7 343 200-10-20');
    await dialog.getByRole('textbox', { name: 'Эл. почта' }).fill('A.Smirnova@Kvarc-Briz.ru');
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await windowShot(page, 'new-client-filled');

    const saved = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/v1/clients/with-details' && res.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'Создать клиента' }).click();
    const res = await saved;
    expect(res.status()).toBe(201);
    const id = ((await res.json()) as { id: number }).id;
    created.push(id);
    expect(writes).toHaveLength(1);

    // The new card opens; the client, its primary legal entity and its contact are there.
    await page.waitForURL((url) => url.pathname === `/clients/${id}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    const card = await apiGet<Card>(page, `/clients/${id}/card`);
    expect(card.client).toMatchObject({ name, status: 'active' });
    expect(card.legalEntities).toEqual([expect.objectContaining({ inn, kpp: '773601001', ogrn, isPrimary: true })]);
    expect(card.contacts).toEqual([
      expect.objectContaining({
        fullName: 'Смирнова Анна Викторовна',
        position: 'Коммерческий директор',
        phones: ['+7 343 200-10-20'],
        emails: ['a.smirnova@kvarc-briz.ru'],
      }),
    ]);
    await page.getByTestId('card-tab-legalEntities').click();
    await page.getByText(inn, { exact: true }).waitFor();
    await settled(page);
    expect(await untranslated(page)).toEqual([]);
    await screenshot(page, 'new-client-card');
    expect(s.pageErrors).toEqual([]);
  });

  it('from the header, in English: warns of the same ИНН and КПП with a link, asks to confirm another client, and opens the existing card', async () => {
    const { page } = s;
    await page.goto('/');
    await page.getByRole('radiogroup', { name: 'Язык интерфейса' }).getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    try {
      await page.getByTestId('header-new-client').click();
      const dialog = page.getByRole('dialog', { name: 'New client' });
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Uralskaya Torgovaya Set');
      await dialog.getByRole('textbox', { name: 'Full name' }).fill('Uralskaya Torgovaya Set LLC');
      const answered = duplicatesAnswered(page, 'inn', existing.inn!);
      await dialog.getByRole('textbox', { name: 'INN', exact: true }).fill(existing.inn!);
      await dialog.getByRole('textbox', { name: 'KPP', exact: true }).fill(existing.kpp!);
      await answered;
      const warning = dialog.getByTestId('new-client-duplicates');
      await warning.getByText('same INN and KPP').waitFor();
      expect(await warning.innerText()).toContain('This client may already exist');
      const link = warning.getByRole('link', { name: existingName, exact: true });
      expect(await link.getAttribute('href')).toBe(`/clients/${existing.clientId}`);
      expect(await warning.innerText()).toContain(`INN ${existing.inn}`);

      // Saving these requisites for another client needs the confirmation that it really is another one.
      await dialog.getByRole('button', { name: 'Create client' }).click();
      const allow = warning.getByRole('checkbox', { name: /This is another client/ });
      expect(await errorUnder(allow)).toMatch(/^These requisites belong to an existing client/);
      await settled(page);
      expect(await untranslated(page)).toEqual([]);
      await windowShot(page, 'new-client-duplicate-requisites-en');

      // The link opens the existing card and closes the form.
      await link.click();
      await page.waitForURL((url) => url.pathname === `/clients/${existing.clientId}`);
      await page.getByRole('heading', { level: 1, name: existingName }).waitFor();
      await dialog.waitFor({ state: 'detached' });

      // From the header again, on that card: a client with only a name and a contact.
      await page.getByTestId('header-new-client').click();
      const fresh = page.getByRole('dialog', { name: 'New client' });
      // A fresh form: nothing of the one left behind.
      expect(await fresh.getByRole('textbox', { name: 'INN', exact: true }).inputValue()).toBe('');
      const name = `Breeze Trading ${Date.now() % 100000}`;
      const checked = duplicatesAnswered(page, 'name', name);
      await fresh.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      await checked;
      await fresh.getByText('Looking for clients').waitFor({ state: 'detached' });
      expect(await fresh.getByTestId('new-client-duplicates').count()).toBe(0);
      await fresh.getByRole('textbox', { name: 'Contact’s name' }).fill('John Smith');
      await fresh.getByRole('textbox', { name: 'Position' }).fill('Buyer');
      await settled(page);
      await windowShot(page, 'new-client-header-en');
      const saved = page.waitForResponse(
        (res) => new URL(res.url()).pathname === '/api/v1/clients/with-details' && res.request().method() === 'POST',
      );
      await fresh.getByRole('button', { name: 'Create client' }).click();
      const res = await saved;
      expect(res.status()).toBe(201);
      const id = ((await res.json()) as { id: number }).id;
      created.push(id);
      await page.waitForURL((url) => url.pathname === `/clients/${id}`);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const card = await apiGet<Card>(page, `/clients/${id}/card`);
      expect(card.legalEntities).toEqual([]);
      expect(card.contacts).toEqual([expect.objectContaining({ fullName: 'John Smith', position: 'Buyer' })]);
      // The administrator may give the client to anyone; by default it is theirs.
      expect(card.client.ownerUserId).not.toBeNull();
      await settled(page);
      expect(await untranslated(page)).toEqual([]);
      await screenshot(page, 'new-client-card-en');
    } finally {
      // Back to Russian for the files after this one (a form left open would cover the switch).
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('radiogroup', { name: 'Interface language' }).getByText('RU', { exact: true }).click();
    }
    expect(s.pageErrors).toEqual([]);
  });
});
