/**
 * The calendar (/calendar): a month of the production calendar with holidays, clients' professional
 * holidays and their people's dates; the user's tasks beside it; the iCalendar feed; for the owner
 * and the head of sales, the congratulation lead time. Month and scope live in the address.
 */
import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { canWrite } from '../../lib/enums.js';
import { useLanguage } from '../../lib/i18n.js';
import { useMe } from '../../lib/session.js';
import { managesCalendar, seesAllTasks, useCalendarEvents, type Scope } from './api.js';
import { EventDetailsModal, type Opened } from './EventDetails.js';
import { FeedPanel } from './FeedPanel.js';
import { LeadTimePanel } from './LeadTimePanel.js';
import { Legend, MonthGrid } from './MonthGrid.js';
import { gridRange, monthOf, parseMonth, shiftMonth } from './month.js';
import { todayIso } from '../../lib/dates.js';
import { TasksPanel } from './TasksPanel.js';

function monthTitle(month: string, language: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  const name = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
    month: 'long',
    timeZone: 'UTC',
  }).format(date);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${month.slice(0, 4)}`;
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const role = me.data?.role;
  const [params, setParams] = useSearchParams();
  const [opened, setOpened] = useState<Opened | null>(null);
  const today = todayIso();
  const month = parseMonth(params.get('month')) ?? monthOf(today);
  const asked = params.get('scope');
  const scope: Scope = asked === 'mine' || asked === 'all' ? asked : role === 'manager' ? 'mine' : 'all';
  const { from, to } = gridRange(month);
  // Congratulations are for key figures; everybody else's birthdays only on request (the server filters).
  const everyone = params.get('people') === 'all';
  const events = useCalendarEvents(from, to, scope, everyone ? 'all' : 'key');
  const shown = events.data?.events ?? [];
  const hidden = useMemo(() => new Map((events.data?.hiddenByDay ?? []).map((h) => [h.date, h.count])), [events.data]);

  // From the address as it is now, not as it was at the last render: two quick clicks on "next month" make two months.
  const go = (change: Record<string, string | ((current: URLSearchParams) => string)>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(change)) next.set(k, typeof v === 'function' ? v(next) : v);
    setParams(next, { replace: true });
  };
  const currentMonth = (p: URLSearchParams) => parseMonth(p.get('month')) ?? monthOf(today);
  // A manager's task list is always theirs; the others follow the switch.
  const taskScope: Scope = seesAllTasks(role) ? scope : 'mine';

  return (
    <Stack gap="md" data-testid="calendar-page">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Box>
          <Title order={1} size="h2">
            {t('calendar.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('calendar.description')}
          </Text>
        </Box>
        <SegmentedControl
          aria-label={t('calendar.scope.label')}
          value={scope}
          onChange={(v) => go({ scope: v })}
          data-testid="calendar-scope"
          data={[
            { value: 'mine', label: t('calendar.scope.mine') },
            { value: 'all', label: t('calendar.scope.all') },
          ]}
        />
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder radius="md" p="md">
            <Group justify="space-between" mb="sm" wrap="nowrap">
              <Group gap="xs" wrap="nowrap">
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('calendar.prevMonth')}
                  onClick={() => go({ month: (p) => shiftMonth(currentMonth(p), -1) })}
                  data-testid="month-prev"
                >
                  ‹
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('calendar.nextMonth')}
                  onClick={() => go({ month: (p) => shiftMonth(currentMonth(p), 1) })}
                  data-testid="month-next"
                >
                  ›
                </ActionIcon>
                <Button
                  variant="subtle"
                  size="xs"
                  onClick={() => go({ month: monthOf(today) })}
                  disabled={month === monthOf(today)}
                >
                  {t('calendar.thisMonth')}
                </Button>
              </Group>
              <Title order={2} size="h3" data-testid="month-title">
                {monthTitle(month, language)}
              </Title>
            </Group>
            {events.data?.provisional ? (
              <Alert color="yellow" variant="light" mb="sm" p="xs">
                <Text size="xs">{t('calendar.provisional')}</Text>
              </Alert>
            ) : null}
            {events.isError ? <ErrorAlert error={events.error} onRetry={() => void events.refetch()} /> : null}
            {events.isPending ? <PageLoader /> : null}
            {events.data ? (
              <Box style={{ opacity: events.isPlaceholderData ? 0.6 : 1 }}>
                <MonthGrid
                  month={month}
                  today={today}
                  days={events.data.days}
                  events={shown}
                  hidden={hidden}
                  onOpenEvent={(event) => setOpened({ kind: 'event', event })}
                  onOpenDay={(date) => setOpened({ kind: 'day', date })}
                />
              </Box>
            ) : null}
            <Legend />
            <Checkbox
              mt="sm"
              size="xs"
              label={t('calendar.allBirthdays')}
              checked={everyone}
              onChange={(e) => go({ people: e.currentTarget.checked ? 'all' : 'key' })}
              data-testid="calendar-all-birthdays"
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            {role ? (
              <TasksPanel
                scope={taskScope}
                today={today}
                canWrite={canWrite(role)}
                showAssignee={taskScope === 'all'}
              />
            ) : null}
            <FeedPanel />
            {managesCalendar(role) ? <LeadTimePanel /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
      <EventDetailsModal
        opened={opened}
        events={shown}
        hidden={hidden}
        days={events.data?.days ?? []}
        today={today}
        canWrite={canWrite(role)}
        onClose={() => setOpened(null)}
      />
    </Stack>
  );
}
