/** How calendar events are named and coloured on the page. */
import type { CalendarEventT } from '../../../contract/calendar.js';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';

/** A Mantine colour per kind of event (the legend shows the same). */
export const eventColors: Record<CalendarEventT['kind'], string> = {
  public_holiday: 'red',
  professional_holiday: 'grape',
  birthday: 'blue',
  family_birthday: 'cyan',
  name_day: 'teal',
  company_anniversary: 'orange',
  hobby: 'lime',
  custom: 'gray',
};

/** The short title of an event, as a cell of the month shows it: a holiday's name, a person's name, a date's own title. */
export function useEventTitle(): (e: CalendarEventT) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  return useCallback(
    (e) => {
      switch (e.kind) {
        case 'public_holiday':
        case 'professional_holiday':
          return (language === 'ru' ? e.nameRu : e.nameEn) ?? e.nameRu ?? '';
        case 'birthday':
          return e.contactName ?? '';
        case 'family_birthday':
          return t('calendar.event.family', {
            name: e.familyMemberName ?? '',
            relation: label('familyRelation', e.relation).toLowerCase(),
            contact: e.contactName ?? '',
          });
        // The colour tells the kind: a company's anniversary is named by the company, a name day by the person.
        case 'company_anniversary':
          return e.contactName ?? e.clientName ?? '';
        case 'name_day':
          return e.contactName ?? e.clientName ?? '';
        default:
          return t('calendar.event.useful', {
            title: e.title ?? label('calendarEventKind', e.kind),
            name: e.contactName ?? e.clientName ?? '',
          });
      }
    },
    [t, language, label],
  );
}
