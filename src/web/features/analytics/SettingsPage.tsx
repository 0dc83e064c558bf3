/** The costs and thresholds behind every figure. Owner and head of sales change them; others read. */
import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../components/FormProblem.js';
import { ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatMoney, toApiMoney } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { fieldErrors } from '../../lib/problem.js';
import { useMe } from '../../lib/session.js';
import {
  canEditAnalyticsSettings,
  useAnalyticsSettings,
  useUpdateAnalyticsSettings,
  type AnalyticsSettings,
  type AnalyticsSettingsChangeT,
} from './api.js';
import { Section } from '../../components/Section.js';

/** The settings typed in as numbers; hourlyRate is an amount in roubles, sent back as the API's decimal string. */
type NumberKey =
  | { [K in keyof AnalyticsSettings]: AnalyticsSettings[K] extends number ? K : never }[keyof AnalyticsSettings]
  | 'hourlyRate';
/** The settings chosen from a list. */
type ChoiceKey = 'xyzGrain' | 'paymentTracking';
type Key = NumberKey | ChoiceKey;
type NumberField = {
  key: NumberKey;
  min: number;
  max: number;
  integer?: boolean;
  decimals?: number;
  suffix?: 'pct' | 'months' | 'days' | 'rub' | 'times' | 'purchases' | 'quarters';
};
type ChoiceField = { key: ChoiceKey; choices: readonly string[] };
type Field = NumberField | ChoiceField;
const isChoice = (f: Field): f is ChoiceField => 'choices' in f;

/** The settings in groups, with the same bounds the server checks (src/core/analytics/settings.ts). */
const groups: {
  id: 'costs' | 'payments' | 'period' | 'abc' | 'xyz' | 'insignificant' | 'retention' | 'ladder';
  fields: Field[];
}[] = [
  {
    id: 'costs',
    fields: [
      { key: 'hourlyRate', min: 0, max: 10_000_000, decimals: 2, suffix: 'rub' },
      { key: 'costOfCapitalPct', min: 0, max: 200, decimals: 2, suffix: 'pct' },
    ],
  },
  { id: 'payments', fields: [{ key: 'paymentTracking', choices: ['auto', 'on', 'off'] }] },
  { id: 'period', fields: [{ key: 'periodMonths', min: 1, max: 60, integer: true, suffix: 'months' }] },
  {
    id: 'abc',
    fields: [
      { key: 'abcA', min: 1, max: 99, decimals: 2, suffix: 'pct' },
      { key: 'abcB', min: 2, max: 99.99, decimals: 2, suffix: 'pct' },
    ],
  },
  {
    id: 'xyz',
    fields: [
      { key: 'xyzGrain', choices: ['quarter', 'month'] },
      { key: 'xyzX', min: 0, max: 1000, decimals: 2, suffix: 'pct' },
      { key: 'xyzY', min: 0, max: 1000, decimals: 2, suffix: 'pct' },
      { key: 'xyzMinActiveMonths', min: 1, max: 60, integer: true, suffix: 'months' },
    ],
  },
  {
    id: 'insignificant',
    fields: [
      { key: 'insignificantProfitPct', min: 0, max: 100, decimals: 2, suffix: 'pct' },
      { key: 'insignificantTimePct', min: 0, max: 100, decimals: 2, suffix: 'pct' },
    ],
  },
  { id: 'retention', fields: [{ key: 'retentionTargetPct', min: 0, max: 100, decimals: 2, suffix: 'pct' }] },
  {
    id: 'ladder',
    fields: [
      { key: 'frequentMinPurchases', min: 1, max: 365, integer: true, suffix: 'purchases' },
      { key: 'frequentMinQuarters', min: 1, max: 4, integer: true, suffix: 'quarters' },
      { key: 'adherentMinTenureMonths', min: 1, max: 600, integer: true, suffix: 'months' },
      { key: 'lostIntervalMultiple', min: 1, max: 100, decimals: 2, suffix: 'times' },
      { key: 'lostMinDays', min: 1, max: 3650, integer: true, suffix: 'days' },
      { key: 'lostSingleDays', min: 1, max: 3650, integer: true, suffix: 'days' },
    ],
  },
];
const allFields = groups.flatMap((g) => g.fields);
const shownFields = allFields.map((f) => f.key);

export default function SettingsPage() {
  const { t } = useTranslation();
  const settings = useAnalyticsSettings();
  const me = useMe();
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  const editable = canEditAnalyticsSettings(me.data?.role);
  return (
    <Section title={t('settings.title')} description={t('settings.description')} testId="analytics-settings">
      {editable ? null : (
        <Alert color="gray" variant="light" mb="md" data-testid="settings-read-only">
          {t('settings.readOnly')}
        </Alert>
      )}
      <SettingsForm saved={settings.data} editable={editable} />
    </Section>
  );
}

function SettingsForm({ saved, editable }: { saved: AnalyticsSettings; editable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const update = useUpdateAnalyticsSettings();
  const initial = () => Object.fromEntries(allFields.map((f) => [f.key, saved[f.key]])) as Record<Key, number | string>;
  const [values, setValues] = useState<Record<Key, number | string>>(initial);
  const [local, setLocal] = useState<Partial<Record<Key, string>>>({});
  const [done, setDone] = useState(false);

  // The saved settings changed (saved here or elsewhere): show them.
  useEffect(() => {
    setValues(initial());
    // `initial` reads `saved`, the only input that matters here.
  }, [saved]);

  const server = update.isError ? fieldErrors(update.error, language) : {};
  const errorOf = (key: Key) => local[key] ?? server[key];

  const changes = (): AnalyticsSettingsChangeT | null => {
    const problems: Partial<Record<Key, string>> = {};
    const out: Record<string, number | string> = {};
    for (const f of allFields) {
      const raw = values[f.key];
      if (isChoice(f)) {
        if (raw !== saved[f.key]) out[f.key] = raw;
        continue;
      }
      const value = typeof raw === 'number' ? raw : raw.trim() === '' ? NaN : Number(raw);
      if (!Number.isFinite(value) || value < f.min || value > f.max || (f.integer && !Number.isInteger(value))) {
        problems[f.key] = t(f.integer ? 'settings.rangeInteger' : 'settings.range', { min: f.min, max: f.max });
        continue;
      }
      // The amount goes back as typed, as a decimal string: never through a float.
      const next = f.key === 'hourlyRate' ? (toApiMoney(String(raw)) ?? '') : value;
      if (next !== saved[f.key]) out[f.key] = next;
    }
    setLocal(problems);
    return Object.keys(problems).length > 0 ? null : (out as AnalyticsSettingsChangeT);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const change = changes();
    if (!change) return;
    if (Object.keys(change).length === 0) {
      setDone(true);
      return;
    }
    update.mutate(change, { onSuccess: () => setDone(true) });
  };

  const suffix = (f: NumberField): string => (f.suffix ? `, ${t(`settings.units.${f.suffix}`)}` : '');

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {update.isError ? <FormProblem error={update.error} shownFields={shownFields} /> : null}
        {groups.map((group) => (
          <fieldset key={group.id} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Text component="legend" fw={700} size="md" mb={4}>
              {t(`settings.groups.${group.id}.title`)}
            </Text>
            <Text size="sm" c="dimmed" mb="sm">
              {t(`settings.groups.${group.id}.description`)}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {group.fields.map((f) =>
                isChoice(f) ? (
                  <Select
                    key={f.key}
                    label={t(`settings.fields.${f.key}.label`)}
                    description={t(`settings.fields.${f.key}.help`)}
                    data={f.choices.map((value) => ({
                      value,
                      label: t(`settings.choices.${f.key}.${value}` as 'settings.choices.xyzGrain.month'),
                    }))}
                    value={String(values[f.key])}
                    onChange={(value) => {
                      if (value === null) return;
                      setValues((v) => ({ ...v, [f.key]: value }));
                      setDone(false);
                    }}
                    allowDeselect={false}
                    readOnly={!editable}
                    variant={editable ? 'default' : 'filled'}
                    error={errorOf(f.key)}
                    data-testid={`setting-${f.key}`}
                  />
                ) : (
                  <NumberInput
                    key={f.key}
                    label={`${t(`settings.fields.${f.key}.label`)}${suffix(f)}`}
                    description={
                      f.key === 'hourlyRate'
                        ? t('settings.fields.hourlyRate.help', { value: formatMoney(saved.hourlyRate, language) })
                        : t(`settings.fields.${f.key}.help`)
                    }
                    value={values[f.key]}
                    onChange={(value) => {
                      setValues((v) => ({ ...v, [f.key]: value }));
                      setLocal(({ [f.key]: _gone, ...rest }) => rest);
                      setDone(false);
                    }}
                    min={f.min}
                    max={f.max}
                    allowDecimal={!f.integer}
                    decimalScale={f.integer ? 0 : (f.decimals ?? 2)}
                    allowNegative={false}
                    decimalSeparator={language === 'ru' ? ',' : '.'}
                    thousandSeparator={language === 'ru' ? ' ' : ','}
                    clampBehavior="none"
                    readOnly={!editable}
                    variant={editable ? 'default' : 'filled'}
                    error={errorOf(f.key)}
                    data-testid={`setting-${f.key}`}
                  />
                ),
              )}
            </SimpleGrid>
          </fieldset>
        ))}
        {editable ? (
          <Group justify="flex-end" gap="sm">
            {done ? (
              <Text size="sm" c="teal.8" role="status" data-testid="settings-saved">
                {t('settings.saved')}
              </Text>
            ) : null}
            <Button
              variant="default"
              onClick={() => {
                setValues(initial());
                setLocal({});
                update.reset();
                setDone(false);
              }}
              disabled={update.isPending}
            >
              {t('settings.reset')}
            </Button>
            <Button type="submit" loading={update.isPending} data-testid="settings-save">
              {t('settings.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
