/**
 * The forecast of one client in plain words (docs/analytics.md §21.12): how likely it still buys, how
 * much it is expected to buy and bring, and its own rhythm — or why the company has no model forecast.
 */
import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fitFallbackLabels } from '../../../core/analytics/forecast/labels.js';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../lib/format.js';
import { useLanguage, type Language } from '../../lib/i18n.js';
import type { ClientForecastT, ForecastModelT } from './api.js';

/** A model's fallback reason in the UI language (the core's labels; the code itself when unknown). */
export const fallbackLabel = (reason: string | null, language: Language): string =>
  reason ? (fitFallbackLabels[reason as keyof typeof fitFallbackLabels]?.[language] ?? reason) : '';

/** A probability in whole percent, never "0 %" or "100 %" for what is only nearly so. */
export function formatChance(value: number | null, language: Language, t: TFunction): string {
  if (value !== null && value > 0 && value < 0.005) return t('forecast.underOnePct');
  if (value !== null && value < 1 && value >= 0.995) return t('forecast.over99Pct');
  return formatPercent(value, language, 0);
}

/** What the company's fit means for the figures shown: nothing to say when both models stand. */
export function ForecastModelNote({ model, testId }: { model: ForecastModelT; testId?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (model.status === 'fitted') return null;
  const text =
    model.status === 'not-computed'
      ? t('forecast.notComputed')
      : model.status === 'fallback'
        ? t('forecast.fallback', { reason: fallbackLabel(model.reason, language) })
        : t('forecast.partial', { reason: fallbackLabel(model.valueReason, language) });
  return (
    <Alert color={model.status === 'partial' ? 'indigo' : 'gray'} variant="light" p="xs" data-testid={testId}>
      <Text size="sm">{text}</Text>
    </Alert>
  );
}

function Line({ children, testId, tone }: { children: string; testId?: string; tone?: 'bad' | undefined }) {
  return (
    <Text size="sm" data-testid={testId} c={tone === 'bad' ? 'red.7' : undefined} fw={tone === 'bad' ? 600 : undefined}>
      {children}
    </Text>
  );
}

export function ForecastBlock({ forecast }: { forecast: ClientForecastT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const f = forecast;
  const title = t('forecast.title');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title} data-testid="client-forecast">
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Stack gap={6}>
        <ForecastModelNote model={f.model} testId="client-forecast-model" />
        {f.purchaseDays === 0 ? (
          <Text size="sm" c="dimmed">
            {t('forecast.noPurchases')}
          </Text>
        ) : (
          <>
            <ModelFigures forecast={f} />
            <Rhythm forecast={f} />
            {f.model.fittedAt && f.model.status !== 'fallback' ? (
              <Text size="xs" c="dimmed">
                {t('forecast.fitted', {
                  date: formatDate(f.model.fittedAt, language),
                  rate: formatPercent(f.model.monthlyDiscountPct / 100, language, 1),
                })}
              </Text>
            ) : null}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function ModelFigures({ forecast: f }: { forecast: ClientForecastT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (f.expectedPurchases90 === null) return null;
  const count = (value: number | null) => formatNumber(value, language, 1);
  return (
    <>
      {f.pAlive === null ? (
        <Line testId="client-forecast-alive">{t('forecast.pAliveOnce')}</Line>
      ) : (
        <Line testId="client-forecast-alive" tone={f.pAlive < 0.5 ? 'bad' : undefined}>
          {t('forecast.pAlive', { value: formatChance(f.pAlive, language, t) })}
        </Line>
      )}
      <Line testId="client-forecast-purchases">
        {t('forecast.purchases', {
          value: count(f.expectedPurchases90),
          d30: count(f.expectedPurchases30),
          d365: count(f.expectedPurchases365),
        })}
      </Line>
      <Line>{t('forecast.within30', { value: formatChance(f.purchaseWithin30, language, t) })}</Line>
      {f.modelNextPurchaseOn ? (
        <Line>{t('forecast.modelNext', { date: formatDate(f.modelNextPurchaseOn, language) })}</Line>
      ) : null}
      {f.expectedPurchaseValue !== null ? (
        <Line>{t('forecast.value', { value: formatMoney(f.expectedPurchaseValue, language) })}</Line>
      ) : null}
      {f.model.status === 'fitted' ? (
        <Line testId="client-forecast-margin">
          {f.expectedMargin12m === null
            ? t('forecast.marginUnknown')
            : t('forecast.margin', { value: formatMoney(f.expectedMargin12m, language) })}
        </Line>
      ) : null}
      {f.expectedMarginLost !== null && Number(f.expectedMarginLost) > 0 ? (
        <Line testId="client-forecast-lost">
          {t('forecast.lost', { value: formatMoney(f.expectedMarginLost, language) })}
        </Line>
      ) : null}
      {f.pAlive === null ? (
        <Text size="xs" c="dimmed">
          {t('forecast.once')}
        </Text>
      ) : null}
    </>
  );
}

function Rhythm({ forecast: f }: { forecast: ClientForecastT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (f.usualGapDays === null || f.daysSinceLast === null)
    return (
      <Text size="sm" c="dimmed" data-testid="client-forecast-rhythm">
        {t('forecast.noRhythm')}
      </Text>
    );
  const every = t('forecast.every', { count: f.usualGapDays, value: formatNumber(f.usualGapDays, language) });
  const now = t('forecast.now', { count: f.daysSinceLast, value: formatNumber(f.daysSinceLast, language, 0) });
  return (
    <>
      <Line testId="client-forecast-rhythm" tone={f.overdue ? 'bad' : undefined}>
        {f.overdue ? t('forecast.rhythmOverdue', { every, now }) : t('forecast.rhythm', { every, now })}
      </Line>
      {f.nextPurchaseOn ? (
        <Text size="xs" c="dimmed">
          {t('forecast.rhythmNext', { date: formatDate(f.nextPurchaseOn, language) })}
        </Text>
      ) : null}
    </>
  );
}
