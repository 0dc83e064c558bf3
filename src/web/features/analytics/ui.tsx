/**
 * Small building blocks of the analytics pages (no charts here: they live in lazy chunks). The ones other
 * pages use too (FigureCard, Section, ExportButtons, PeriodText) are in components/.
 */
import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { describeError } from '../../lib/problem.js';
import { useRefreshAnalytics } from './api.js';
import classes from './analytics.module.css';

/** Said under every profit-based chart: clients whose profit is unknown (no cost data) are not in it. */
export function UnknownProfitNote({ count, testId }: { count: number; testId: string }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Text size="sm" c="orange.8" data-testid={testId}>
      {t('analytics.unknownProfitLeftOut', { count })}
    </Text>
  );
}

/** When the figures were computed, and a button to compute them again now. */
export function RecomputeBar({
  computedAt,
  compact = false,
}: {
  computedAt: string | null | undefined;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const refresh = useRefreshAnalytics();
  const failure = refresh.isError ? describeError(refresh.error, t, language) : null;
  return (
    <Group gap="sm" wrap="wrap" justify="flex-end" align="center">
      <Text size="sm" c="dimmed" data-testid="analytics-computed-at" aria-live="polite">
        {refresh.isPending
          ? t('analytics.recomputing')
          : computedAt
            ? t('analytics.computedAt', { value: formatDateTime(computedAt, language) })
            : t('analytics.neverComputed')}
      </Text>
      <Button
        size={compact ? 'xs' : 'sm'}
        variant="light"
        onClick={() => refresh.mutate()}
        loading={refresh.isPending}
        data-testid="analytics-recompute"
      >
        {t('analytics.recompute')}
      </Button>
      {failure ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={failure.title}
          withCloseButton
          onClose={() => refresh.reset()}
          closeButtonLabel={t('common.close')}
          w="100%"
        >
          {failure.detail}
        </Alert>
      ) : null}
    </Group>
  );
}

/**
 * A share of the maximum as a background tint (heat maps): 0 → none, 1 → the strongest tint. The tint
 * stays light enough for dark text, so every cell reads the same way.
 */
export function tint(color: string, share: number): string {
  const pct = Math.round(Math.max(0, Math.min(1, share)) * 65);
  return `color-mix(in srgb, var(--mantine-color-${color}-6) ${pct}%, var(--mantine-color-body))`;
}

/** Text colour on a tint: dark, as `tint` never gets too deep for it. */
export const tintText = (_share: number): string => 'var(--mantine-color-text)';

export type BarRow = {
  key: string;
  label: string;
  value: number;
  display: string;
  color: string;
  to?: string | undefined;
  ariaLabel?: string | undefined;
};

/**
 * Horizontal bars with the label beside the bar (never squeezed inside it): each row a link when it
 * has somewhere to go, so the chart is usable from the keyboard.
 */
export function BarRows({
  rows,
  testIdPrefix,
  labelWidth = '10rem',
}: {
  rows: BarRow[];
  testIdPrefix?: string;
  labelWidth?: string;
}) {
  const max = Math.max(0, ...rows.map((r) => Math.abs(r.value)));
  return (
    <div className={classes.bars} style={{ gridTemplateColumns: `minmax(6rem, ${labelWidth}) minmax(0, 1fr) auto` }}>
      {rows.map((r) => {
        const width = max > 0 ? Math.max(Math.abs(r.value) > 0 ? 1.5 : 0, (Math.abs(r.value) / max) * 100) : 0;
        const content = (
          <>
            <span className={classes.barLabel}>{r.label}</span>
            <span className={classes.barTrack} aria-hidden>
              <span
                className={classes.barFill}
                style={{ width: `${width}%`, background: `var(--mantine-color-${r.color.replace('.', '-')})` }}
              />
            </span>
            <span className={classes.barValue}>{r.display}</span>
          </>
        );
        const testId = testIdPrefix ? `${testIdPrefix}-${r.key}` : undefined;
        return r.to ? (
          <Link key={r.key} to={r.to} className={classes.barRow} aria-label={r.ariaLabel} data-testid={testId}>
            {content}
          </Link>
        ) : (
          <div key={r.key} className={classes.barRow} data-testid={testId}>
            {content}
          </div>
        );
      })}
    </div>
  );
}
