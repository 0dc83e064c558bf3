/**
 * The one date field of the app: the date written in the app's language (DD.MM.YYYY in Russian,
 * DD/MM/YYYY in English — as every table shows it), typed by hand or picked in a calendar that starts
 * on Monday, whatever the browser's own language. The value stays what the forms and the API use:
 * an ISO date "2026-03-07" ('' when empty), or with `withTime` the local "2026-03-07T14:30" of
 * <input type="datetime-local">, which lib/format's helpers turn into an instant.
 */
import '@mantine/dates/styles.css';
import 'dayjs/locale/ru';
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dateWriting, parseTypedDate } from '../lib/dates.js';
import { formatDate } from '../lib/format.js';
import { useLanguage } from '../lib/i18n.js';

export type DateFieldProps = Omit<
  DateInputProps,
  'value' | 'defaultValue' | 'onChange' | 'valueFormat' | 'dateParser' | 'minDate' | 'maxDate' | 'withTime'
> & {
  /** "YYYY-MM-DD" (with `withTime`, "YYYY-MM-DDTHH:mm"), or '' for no date. */
  value: string;
  onChange: (value: string) => void;
  /** The earliest and latest day that may be chosen, ISO. */
  min?: string | undefined;
  max?: string | undefined;
  /** A date and a time of day ("07.12.2026 14:30"). */
  withTime?: boolean;
};

/** The field's value as DateInput holds it: "YYYY-MM-DD" or "YYYY-MM-DD HH:mm:ss". */
const toPicker = (value: string, withTime: boolean): string | null => {
  if (!value) return null;
  if (!withTime) return value.slice(0, 10);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  return m ? `${m[1]} ${m[2]}:00` : `${value.slice(0, 10)} 00:00:00`;
};

const timeOf = (value: string): string | null => /[T ](\d{2}:\d{2})/.exec(value)?.[1] ?? null;

export function DateField({
  value,
  onChange,
  min,
  max,
  withTime = false,
  error,
  placeholder,
  onBlur,
  onFocus,
  clearable = false,
  ...props
}: DateFieldProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const writing = language === 'ru' ? dateWriting.ru : dateWriting.en;
  // What the person typed that is not a date (or is out of range): said under the field after they leave it.
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const parse = (typed: string) => parseTypedDate(typed, language, withTime);
  const inRange = (date: string) => (!min || date >= min) && (!max || date <= max);

  const emit = (next: string | null) => {
    // A date taken (typed in full or picked) settles the field: nothing typed is left to complain about.
    setText('');
    if (!next) {
      onChange('');
      return;
    }
    const date = next.slice(0, 10);
    // A day picked in the calendar has no time: it keeps the time already there.
    const time = withTime ? (timeOf(next) ?? timeOf(value) ?? '00:00') : null;
    onChange(time ? `${date}T${time}` : date);
  };

  const describe = (typed: string): string | null => {
    if (!typed.trim()) return null;
    const parsed = parse(typed);
    if (!parsed)
      return t('dateField.invalid', {
        text: typed.trim(),
        format: t(withTime ? 'dateField.formatWithTime' : 'dateField.format'),
      });
    if (min && parsed.date < min) return t('dateField.beforeMin', { date: formatDate(min, language) });
    if (max && parsed.date > max) return t('dateField.afterMax', { date: formatDate(max, language) });
    return null;
  };

  return (
    <DatesProvider settings={{ locale: language, firstDayOfWeek: 1, weekendDays: [0, 6] }}>
      <DateInput
        {...props}
        value={toPicker(value, withTime)}
        onChange={emit}
        valueFormat={withTime ? `${writing.pattern} HH:mm` : writing.pattern}
        dateParser={(typed) => {
          const parsed = parse(typed);
          if (!parsed || !inRange(parsed.date)) return null;
          if (!withTime) return parsed.date;
          return `${parsed.date} ${parsed.time ?? timeOf(value) ?? '00:00'}:00`;
        }}
        withTime={withTime}
        minDate={min}
        maxDate={max}
        allowDeselect
        clearable={clearable}
        clearButtonProps={{ 'aria-label': t('common.clear') }}
        placeholder={placeholder ?? t(withTime ? 'dateField.formatWithTime' : 'dateField.format')}
        nextLabel={t('dateField.next')}
        previousLabel={t('dateField.previous')}
        popoverProps={{ withinPortal: true, ...props.popoverProps }}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setProblem(null);
        }}
        onFocus={(event) => {
          setProblem(null);
          onFocus?.(event);
        }}
        onBlur={(event) => {
          const wrong = describe(text);
          setProblem(wrong);
          setText('');
          // The field shows no date after an unreadable one: the value must say the same.
          if (wrong && value) onChange('');
          onBlur?.(event);
        }}
        error={problem ?? error}
      />
    </DatesProvider>
  );
}
