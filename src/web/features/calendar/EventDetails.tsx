/** What an event is and whom it concerns, with links to the client cards; opened from the month grid. */
import type { CalendarDayT, CalendarEventT } from '../../../contract/calendar.js';
import { Anchor, Badge, Button, Divider, Group, List, Modal, Stack, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { workingDayOnOrBefore } from '../../../core/calendar/calendar.js';
import { FieldList, type FieldItem } from '../../components/FieldList.js';
import { formatDate } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { useCreateTask } from './api.js';
import { eventColors, useEventTitle } from './labels.js';

export type Opened = { kind: 'event'; event: CalendarEventT } | { kind: 'day'; date: string };

export function EventDetailsModal({
  opened,
  events,
  hidden,
  days,
  today,
  canWrite,
  onClose,
}: {
  opened: Opened | null;
  events: CalendarEventT[];
  hidden: ReadonlyMap<string, number>;
  days: CalendarDayT[];
  today: string;
  canWrite: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shown =
    opened === null ? [] : opened.kind === 'event' ? [opened.event] : events.filter((e) => e.date === opened.date);
  const date = opened === null ? null : opened.kind === 'event' ? opened.event.date : opened.date;
  const day = date ? days.find((d) => d.date === date) : undefined;
  const weekday = date
    ? new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
        new Date(`${date}T00:00:00Z`),
      )
    : '';
  return (
    <Modal
      opened={opened !== null}
      onClose={onClose}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={date ? `${t('calendar.dayTitle', { date: formatDate(date, language) })}, ${weekday}` : ''}
    >
      <Stack gap="md" data-testid="event-details">
        {day?.reason === 'transfer' ? (
          <Badge color="red" variant="light">
            {t('calendar.transfer', { date: day.from ? formatDate(day.from, language) : '—' })}
          </Badge>
        ) : null}
        {day?.kind === 'shortened' ? (
          <Badge color="yellow" variant="light">
            {t('calendar.shortened')}
          </Badge>
        ) : null}
        {shown.length === 0 ? <Text c="dimmed">{t('calendar.noEvents')}</Text> : null}
        {opened?.kind === 'day' && date && hidden.get(date) ? (
          <Text size="sm" c="dimmed" data-testid="calendar-day-hidden">
            {t('calendar.hiddenInDay', { count: hidden.get(date) })}
          </Text>
        ) : null}
        {shown.map((e, i) => (
          <Fragment key={e.id}>
            {i > 0 ? <Divider /> : null}
            <EventBlock event={e} today={today} canWrite={canWrite} />
          </Fragment>
        ))}
      </Stack>
    </Modal>
  );
}

function EventBlock({ event: e, today, canWrite }: { event: CalendarEventT; today: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const title = useEventTitle();
  const createTask = useCreateTask();
  const clientLink = (id: number, name: string) => (
    <Anchor component={Link} to={`/clients/${id}`}>
      {name}
    </Anchor>
  );

  const items: FieldItem[] = [{ label: t('calendar.details.date'), value: formatDate(e.date, language) }];
  if (e.clientId !== undefined)
    items.push({
      label: t('calendar.details.client'),
      value: clientLink(e.clientId, e.clientName ?? String(e.clientId)),
    });
  if (e.kind === 'family_birthday') {
    items.push({ label: t('calendar.details.familyMember'), value: e.familyMemberName });
    items.push({ label: t('calendar.details.relation'), value: label('familyRelation', e.relation) });
  }
  if (e.contactName) items.push({ label: t('calendar.details.contact'), value: e.contactName });
  if (e.count) {
    const isAge = e.kind === 'birthday' || e.kind === 'family_birthday';
    items.push({
      label: t(isAge ? 'calendar.details.turns' : 'calendar.details.anniversary'),
      value: t('calendar.details.years', { count: e.count }),
    });
  }

  const addTask = () => {
    // Due on the working day on or before the date, or today when that has passed.
    const due = workingDayOnOrBefore(e.date);
    createTask.mutate(
      {
        title: t('calendar.details.congratulate', { what: title(e) }).slice(0, 300),
        dueOn: due < today ? today : due,
        kind: 'congratulation',
        eventKind: e.kind,
        eventOn: e.date,
        clientId: e.clientId ?? null,
        contactId: e.contactId ?? null,
      },
      { onSuccess: () => notify(t('calendar.details.taskAdded')) },
    );
  };

  return (
    <Stack gap="xs" data-testid={`details-${e.id}`}>
      <Group gap="xs" wrap="wrap">
        <Badge color={eventColors[e.kind]} variant="light">
          {label('calendarEventKind', e.kind)}
        </Badge>
        {e.kind === 'professional_holiday' ? (
          <Badge color="gray" variant="outline">
            {t(e.official ? 'calendar.details.official' : 'calendar.details.unofficial')}
          </Badge>
        ) : null}
      </Group>
      <Text fw={600} size="lg">
        {title(e)}
      </Text>
      {e.usefulDateId !== undefined && e.title ? <Text size="sm">{e.title}</Text> : null}
      {e.kind === 'public_holiday' ? (
        <Text size="sm" c="dimmed">
          {t('calendar.details.publicHoliday')}
        </Text>
      ) : null}
      {e.kind === 'professional_holiday' && e.clients ? (
        <>
          <Text size="sm">{t('calendar.details.clients', { count: e.clientCount ?? e.clients.length })}</Text>
          <List size="sm" spacing={2}>
            {e.clients.map((c) => (
              <List.Item key={c.id}>{clientLink(c.id, c.name)}</List.Item>
            ))}
          </List>
          {(e.clientCount ?? 0) > e.clients.length ? (
            <Text size="sm" c="dimmed">
              {t('calendar.details.moreClients', { count: (e.clientCount ?? 0) - e.clients.length })}
            </Text>
          ) : null}
        </>
      ) : (
        <FieldList items={items} labelWidth={160} />
      )}
      {e.kind === 'birthday' ? (
        <Text size="xs" c="dimmed">
          {t(e.keyFigure ? 'calendar.details.keyFigure' : 'calendar.details.notKeyFigure')}
        </Text>
      ) : null}
      {canWrite && e.clientId !== undefined ? (
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={addTask}
            loading={createTask.isPending}
            disabled={createTask.isSuccess}
            data-testid="event-add-task"
          >
            {t('calendar.details.addTask')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
