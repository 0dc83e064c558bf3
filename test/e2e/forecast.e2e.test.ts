import { describe, expect, it } from 'vitest';
import { analyticsQuiet, apiGet, screenshot, settled, untranslated, useBrowserSession } from './browser.js';

type Model = { status: string; reason: string | null; clients: number };
type AtRisk = {
  model: Model;
  total: number;
  items: {
    clientId: number;
    name: string;
    ownerName: string | null;
    overdue: boolean | null;
    usualGapDays: number | null;
    daysSinceLast: number;
    reasons: string[];
  }[];
};
type ClientAnalytics = {
  forecast: {
    model: Model;
    purchaseDays: number;
    pAlive: number | null;
    usualGapDays: number | null;
    overdue: boolean | null;
  };
};

const reasonText: Record<string, string> = {
  'unlikely-alive': 'Вероятно, перестал покупать',
  'alive-doubtful': 'Может уходить',
  overdue: 'Покупка просрочена',
  'ladder-lost': 'Потерян по лестнице лояльности',
};

describe('forecasts', () => {
  const s = useBrowserSession();

  it('the at-risk page lists significant clients with their reasons; a row opens the card, whose forecast block says the same in words', async () => {
    const { page } = s;
    await analyticsQuiet(page);
    const risk = await apiGet<AtRisk>(page, '/analytics/at-risk');

    await page.goto('/analytics/matrix');
    await page.getByTestId('analytics-tab-at-risk').click();
    await page.waitForURL((url) => url.pathname === '/analytics/at-risk');
    await page.getByRole('heading', { name: 'Значимые клиенты под угрозой ухода' }).waitFor();
    await settled(page);
    expect(await page.getByTestId('at-risk-clients-value').innerText()).toBe(String(risk.total));
    const status = {
      fitted: 'Подобрана',
      partial: 'Только покупки',
      fallback: 'Не построена',
      'not-computed': 'Ещё не рассчитана',
    }[risk.model.status];
    expect(await page.getByTestId('at-risk-model-value').innerText()).toBe(status);
    // Without a fitted model the list says what it holds instead, and has no forecast columns.
    if (risk.model.status !== 'fitted') {
      await page.getByTestId('at-risk-without-model').waitFor();
      expect(await page.getByTestId('at-risk-lost-value').innerText()).toBe('—');
      expect(await page.getByTestId('at-risk-sort-pAlive').count()).toBe(0);
    } else await page.getByTestId('at-risk-sort-pAlive').waitFor();
    expect(await untranslated(page)).toEqual([]);
    expect(risk.items.length).toBeGreaterThan(0); // the demo company has significant clients overdue by their rhythm
    const rows = page.getByTestId('at-risk-table').locator('tbody tr');
    expect(await rows.count()).toBe(risk.items.length);
    const first = risk.items[0]!;
    const row = page.getByTestId(`at-risk-row-${first.clientId}`);
    await row.getByRole('link', { name: first.name, exact: true }).waitFor();
    for (const reason of first.reasons) await row.getByText(reasonText[reason]!, { exact: true }).waitFor();
    if (first.ownerName) await row.getByText(first.ownerName, { exact: true }).waitFor();
    await screenshot(page, 'analytics-at-risk');
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'analytics-at-risk-1280');
    await page.setViewportSize({ width: 1440, height: 900 });

    // Sorted by the days since the last purchase, longest first: the first row is the API's.
    await page.getByTestId('at-risk-sort-daysSinceLast').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-daysSinceLast');
    const longest = await apiGet<AtRisk>(page, '/analytics/at-risk?sort=-daysSinceLast');
    await page.getByTestId(`at-risk-row-${longest.items[0]!.clientId}`).waitFor();
    await page.waitForFunction(
      (id) => document.querySelector('[data-testid="at-risk-table"] tbody tr')?.getAttribute('data-testid') === id,
      `at-risk-row-${longest.items[0]!.clientId}`,
    );

    // A row opens its client; the card's forecast block reads the same forecast in plain words.
    const client = longest.items[0]!;
    await page.getByTestId(`at-risk-row-${client.clientId}`).locator('td').nth(3).click();
    await page.waitForURL((url) => url.pathname === `/clients/${client.clientId}`);
    await page.getByRole('heading', { level: 1, name: client.name }).waitFor();
    const block = page.getByTestId('client-forecast');
    await block.waitFor();
    await settled(page);
    const { forecast } = await apiGet<ClientAnalytics>(page, `/analytics/clients/${client.clientId}`);
    expect(await block.getByRole('heading').innerText()).toBe('Прогноз');
    if (forecast.model.status === 'fallback')
      expect(await page.getByTestId('client-forecast-model').innerText()).toMatch(
        /^Прогноз по модели для компании не построен\. .+\. Показан собственный ритм покупок каждого клиента\.$/,
      );
    else if (forecast.pAlive !== null)
      expect(await page.getByTestId('client-forecast-alive').innerText()).toMatch(
        /^Вероятность, что клиент ещё покупает: (\d+|меньше 1|больше 99) %$/,
      );
    const rhythm = await page.getByTestId('client-forecast-rhythm').innerText();
    if (forecast.usualGapDays === null)
      expect(rhythm).toBe('Мало покупок, чтобы судить о ритме клиента: нужно три дня покупок.');
    else {
      expect(rhythm).toMatch(/^Обычно покупает раз в [\d,]+ (день|дня|дней); сейчас \d[\d\s]* (день|дня|дней)/);
      expect(rhythm.endsWith(' — покупка просрочена')).toBe(forecast.overdue === true);
    }
    expect(await untranslated(page)).toEqual([]);
    await block.scrollIntoViewIfNeeded();
    await screenshot(page, 'client-card-forecast');
    expect(s.pageErrors).toEqual([]);
  });
});
