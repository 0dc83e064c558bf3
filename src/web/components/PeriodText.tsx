import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format.js';
import { useLanguage } from '../lib/i18n.js';

/** A period of dates as "01.12.2025 – 30.11.2026". */
export function PeriodText({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      {t('analytics.periodRange', {
        from: formatDate(from.slice(0, 10), language),
        to: formatDate(to.slice(0, 10), language),
      })}
    </>
  );
}
