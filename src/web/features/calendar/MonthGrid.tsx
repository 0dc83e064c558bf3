/** A month as a grid of weeks from Monday: days off shaded, shortened days marked, events by colour. */
import type { CalendarDayT, CalendarEventT } from '../../../contract/calendar.js';
import { Badge, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { eventColors, useEventTitle } from './labels.js';
import { isWeekend, monthOf, monthWeeks } from './month.js';
import classes from './calendar.module.css';

const SHOWN_PER_DAY = 3;

const colorVars = (kind: CalendarEventT['kind']): CSSProperties => ({
  ['--event-bg' as string]: `var(--mantine-color-${eventColors[kind]}-light)`,
  ['--event-fg' as string]: `var(--mantine-color-${eventColors[kind]}-light-color)`,
});

export function MonthGrid({
  month,
  today,
  days,
  events,
  hidden,
  onOpenEvent,
  onOpenDay,
}: {
  month: string;
  today: string;
  days: CalendarDayT[];
  events: CalendarEventT[];
  /** Per day, the personal dates the server left out (a large base has more than a day can show). */
  hidden: ReadonlyMap<string, number>;
  onOpenEvent: (event: CalendarEventT) => void;
  onOpenDay: (date: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const title = useEventTitle();
  const weeks = monthWeeks(month);
  const dayInfo = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const byDate = useMemo(() => {
    const map = new Map<string, CalendarEventT[]>();
    for (const e of events) map.set(e.date, [...(map.get(e.date) ?? []), e]);
    return map;
  }, [events]);
  const weekdayNames = useMemo(() => {
    const f = new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { weekday: 'short', timeZone: 'UTC' });
    // 5 January 2026 was a Monday.
    return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2026, 0, 5 + i))));
  }, [language]);

  const dayNote = (date: string, info: CalendarDayT | undefined, off: boolean): string | null => {
    if (info?.reason === 'transfer')
      return t('calendar.transfer', { date: info.from ? formatDate(info.from, language) : '—' });
    if (info?.reason === 'non_working') return t('calendar.nonWorking');
    if (info?.reason === 'holiday') return t('calendar.holidayOff');
    if (info?.kind === 'shortened') return t('calendar.shortened');
    if (info?.reason === 'working_weekend') return t('calendar.workingWeekend');
    return off && isWeekend(date) ? t('calendar.dayOff') : null;
  };

  return (
    <div className={classes.grid} role="grid" aria-label={month} data-testid="calendar-grid">
      <div role="row" style={{ display: 'contents' }}>
        {weekdayNames.map((name) => (
          <div key={name} role="columnheader" className={classes.weekday}>
            {name}
          </div>
        ))}
      </div>
      {weeks.map((week) => (
        <div key={week[0]} role="row" style={{ display: 'contents' }}>
          {week.map((date) => {
            const info = dayInfo.get(date);
            const off = info ? info.kind === 'off' : isWeekend(date);
            const shortened = info?.kind === 'shortened';
            const list = byDate.get(date) ?? [];
            const more = Math.max(0, list.length - SHOWN_PER_DAY) + (hidden.get(date) ?? 0);
            const note = dayNote(date, info, off);
            const cellClass = [
              classes.day,
              off ? classes.off : '',
              monthOf(date) !== month ? classes.outside : '',
              date === today ? classes.today : '',
            ].join(' ');
            return (
              <div
                key={date}
                role="gridcell"
                className={cellClass}
                data-testid={`day-${date}`}
                data-off={off ? 'true' : 'false'}
                data-shortened={shortened ? 'true' : 'false'}
                aria-label={`${formatDate(date, language)}${note ? `, ${note}` : ''}`}
              >
                <div className={classes.dayHead}>
                  <Tooltip label={note} disabled={!note} withArrow>
                    <UnstyledButton
                      className={`${classes.dayNumber} ${off ? classes.offNumber : ''}`}
                      onClick={() => onOpenDay(date)}
                      aria-label={formatDate(date, language)}
                    >
                      {Number(date.slice(8))}
                    </UnstyledButton>
                  </Tooltip>
                  {shortened ? (
                    <Badge size="xs" variant="light" color="yellow" title={t('calendar.shortened')}>
                      {t('calendar.shortenedShort')}
                    </Badge>
                  ) : null}
                </div>
                {list.slice(0, SHOWN_PER_DAY).map((e) => (
                  // Up to two lines in the cell; the whole text on hover or focus, and the details on a click.
                  <Tooltip
                    key={e.id}
                    label={title(e)}
                    multiline
                    maw={280}
                    openDelay={250}
                    withArrow
                    events={{ hover: true, focus: true, touch: false }}
                  >
                    <UnstyledButton
                      className={classes.event}
                      style={colorVars(e.kind)}
                      onClick={() => onOpenEvent(e)}
                      data-testid={`event-${e.id}`}
                    >
                      {title(e)}
                    </UnstyledButton>
                  </Tooltip>
                ))}
                {more > 0 ? (
                  <UnstyledButton className={classes.more} onClick={() => onOpenDay(date)} data-testid={`more-${date}`}>
                    {t('calendar.more', { count: more })}
                  </UnstyledButton>
                ) : null}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

export function Legend() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <Group gap="md" mt="sm" wrap="wrap" aria-label={t('calendar.legend')}>
      {(Object.keys(eventColors) as CalendarEventT['kind'][]).map((kind) => (
        <Text key={kind} size="xs" c="dimmed">
          <span
            className={classes.swatch}
            style={{
              background: `var(--mantine-color-${eventColors[kind]}-light)`,
              border: `1px solid var(--mantine-color-${eventColors[kind]}-light-color)`,
            }}
          />
          {label('calendarEventKind', kind)}
        </Text>
      ))}
      <Text size="xs" c="dimmed">
        <span
          className={classes.swatch}
          style={{ background: 'var(--mantine-color-red-0)', border: '1px solid var(--mantine-color-red-2)' }}
        />
        {t('calendar.dayOff')}
      </Text>
      <Text size="xs" c="dimmed">
        <Badge size="xs" variant="light" color="yellow" mr={4}>
          {t('calendar.shortenedShort')}
        </Badge>
        {t('calendar.shortened')}
      </Text>
    </Group>
  );
}
