/** The user's open tasks beside the calendar: overdue and due soon first, with last year's gift. */
import type { TaskT } from '../../../contract/calendar.js';
import { Anchor, Badge, Button, Group, Paper, ScrollArea, Spoiler, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDate, formatMoney } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { notify } from '../../lib/notify.js';
import { useTasks, useUpdateTask, type Scope } from './api.js';
import { daysUntil } from './month.js';
import classes from './calendar.module.css';

export function TasksPanel({
  scope,
  today,
  canWrite,
  showAssignee,
}: {
  scope: Scope;
  today: string;
  canWrite: boolean;
  showAssignee: boolean;
}) {
  const { t } = useTranslation();
  const tasks = useTasks(scope);
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t(scope === 'mine' ? 'calendar.tasks.title' : 'calendar.tasks.allTitle')}
      data-testid="tasks-panel"
    >
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t(scope === 'mine' ? 'calendar.tasks.title' : 'calendar.tasks.allTitle')}
        </Title>
        {tasks.data?.total ? (
          <Badge variant="light" data-testid="tasks-total">
            {tasks.data.total}
          </Badge>
        ) : null}
      </Group>
      {tasks.isPending ? <PageLoader minHeight={120} /> : null}
      {tasks.isError ? <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      {tasks.data && tasks.data.items.length === 0 ? (
        <EmptyBlock title={t('calendar.tasks.empty')} description={t('calendar.tasks.emptyHint')} />
      ) : null}
      {/* A long list scrolls inside the panel, so the feed and the settings stay in reach. */}
      <ScrollArea.Autosize mah="65vh" type="auto" offsetScrollbars>
        <Stack gap="sm">
          {tasks.data?.items.map((task) => (
            <TaskItem key={task.id} task={task} today={today} canWrite={canWrite} showAssignee={showAssignee} />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}

function TaskItem({
  task,
  today,
  canWrite,
  showAssignee,
}: {
  task: TaskT;
  today: string;
  canWrite: boolean;
  showAssignee: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const update = useUpdateTask();
  const left = daysUntil(today, task.dueOn);
  const set = (status: 'done' | 'dismissed') =>
    update.mutate(
      { id: task.id, patch: { status } },
      {
        onSuccess: () => notify(t(status === 'done' ? 'calendar.tasks.markedDone' : 'calendar.tasks.markedDismissed')),
        onError: () => notify(t('errors.unexpected'), 'error'),
      },
    );
  return (
    <Paper withBorder radius="sm" p="sm" data-testid={`task-${task.id}`} data-overdue={left < 0 ? 'true' : 'false'}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600}>
          {task.title}
        </Text>
        {left < 0 ? (
          <Badge color="red" variant="filled" size="sm">
            {t('calendar.tasks.overdue')}
          </Badge>
        ) : left === 0 ? (
          <Badge color="orange" variant="light" size="sm">
            {t('calendar.tasks.today')}
          </Badge>
        ) : null}
      </Group>
      <Group gap="xs" mt={4} wrap="wrap">
        <Text size="xs" c={left < 0 ? 'red.7' : 'dimmed'}>
          {t('calendar.tasks.due', { date: formatDate(task.dueOn, language) })}
        </Text>
        {task.eventOn ? (
          <Text size="xs" c="dimmed">
            · {t('calendar.tasks.event', { date: formatDate(task.eventOn, language) })}
          </Text>
        ) : null}
        {task.clientId !== null ? (
          <Anchor component={Link} to={`/clients/${task.clientId}`} size="xs">
            {task.clientName}
          </Anchor>
        ) : null}
      </Group>
      {showAssignee ? (
        <Text size="xs" c="dimmed">
          {task.userName ? t('calendar.tasks.assignee', { name: task.userName }) : t('calendar.tasks.unassigned')}
        </Text>
      ) : null}
      {task.kind === 'congratulation' ? (
        task.lastYearGifts.length > 0 ? (
          <Stack gap={0} mt={4} data-testid="task-last-year-gift">
            <Text size="xs" fw={500}>
              {t('calendar.tasks.lastYearGift')}
            </Text>
            {task.lastYearGifts.map((g) => (
              <Text key={`${g.date}-${g.notes ?? ''}`} size="xs">
                {formatDate(g.date, language)} — {[g.notes, g.outcome].filter(Boolean).join('; ') || '—'}
                {Number(g.cost) ? ` (${formatMoney(g.cost, language)})` : ''}
              </Text>
            ))}
          </Stack>
        ) : (
          <Text size="xs" c="dimmed" mt={4}>
            {t('calendar.tasks.noGiftLastYear')}
          </Text>
        )
      ) : null}
      {task.notes ? (
        <Spoiler
          maxHeight={0}
          showLabel={t('calendar.tasks.notes')}
          hideLabel={t('common.close')}
          mt={4}
          styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}
        >
          <Text size="xs" className={classes.notes}>
            {task.notes}
          </Text>
        </Spoiler>
      ) : null}
      {canWrite ? (
        <Group gap="xs" mt="xs">
          <Button
            size="compact-xs"
            color="teal"
            onClick={() => set('done')}
            loading={update.isPending}
            data-testid="task-done"
          >
            {t('calendar.tasks.done')}
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            onClick={() => set('dismissed')}
            disabled={update.isPending}
            data-testid="task-dismiss"
          >
            {t('calendar.tasks.dismiss')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}
