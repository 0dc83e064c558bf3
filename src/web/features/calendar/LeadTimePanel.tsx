/** The organisation's congratulation lead time (owner and head of sales), and "create today's tasks now". */
import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/QueryStates.js';
import { useLanguage } from '../../lib/i18n.js';
import { notify } from '../../lib/notify.js';
import { fieldErrors } from '../../lib/problem.js';
import { useCalendarSettings, useRunCongratulations, useUpdateCalendarSettings } from './api.js';

export function LeadTimePanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const settings = useCalendarSettings();
  const update = useUpdateCalendarSettings();
  const run = useRunCongratulations();
  const [value, setValue] = useState<number | string>('');
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data) setValue(settings.data.congratulationLeadDays);
  }, [settings.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = typeof value === 'number' ? value : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 60) {
      setLocal(t('calendar.settings.range'));
      return;
    }
    setLocal(null);
    update.mutate({ congratulationLeadDays: n }, { onSuccess: () => notify(t('calendar.settings.saved')) });
  };
  const serverError = update.isError ? fieldErrors(update.error, language).congratulationLeadDays : undefined;

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t('calendar.settings.title')}
      data-testid="lead-time-panel"
    >
      <Title order={2} size="h4">
        {t('calendar.settings.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="sm">
        {t('calendar.settings.description')}
      </Text>
      {settings.isError ? <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <Group align="flex-end" gap="xs">
            <NumberInput
              label={t('calendar.settings.leadDays')}
              value={value}
              onChange={setValue}
              min={0}
              max={60}
              clampBehavior="none"
              allowDecimal={false}
              allowNegative={false}
              w={160}
              error={local ?? serverError}
              data-testid="lead-days"
            />
            <Button type="submit" loading={update.isPending} data-testid="lead-days-save">
              {t('common.save')}
            </Button>
          </Group>
          {update.isError && !serverError ? <ErrorAlert error={update.error} /> : null}
          <Group>
            <Button
              variant="default"
              size="xs"
              loading={run.isPending}
              data-testid="run-congratulations"
              onClick={() =>
                run.mutate(undefined, { onSuccess: (r) => notify(t('calendar.settings.ran', { count: r.created })) })
              }
            >
              {t('calendar.settings.run')}
            </Button>
          </Group>
          {run.isError ? <ErrorAlert error={run.error} /> : null}
        </Stack>
      </form>
    </Paper>
  );
}
