/** The import's words in the interface language: kinds, fields, statuses, outcome counts, file sizes. */
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { fieldsOf, isImportKind, isOutcomeKey, type ImportKind } from './model.js';

export function useImportLabels() {
  const { t } = useTranslation();
  const language = useLanguage();

  const kindLabel = useCallback((kind: string) => (isImportKind(kind) ? t(`import.kinds.${kind}.label`) : kind), [t]);

  /** A field of a kind; a key the catalogue lacks (a newer server) is shown as it is. */
  const fieldLabel = useCallback(
    (kind: ImportKind, key: string) => {
      if (!fieldsOf(kind).some((f) => f.key === key)) return key;
      return t(`import.fields.${kind}.${key}` as 'import.fields.sales.item');
    },
    [t],
  );

  /** A missing required field, including sales' "price or amount". */
  const missingLabel = useCallback(
    (kind: ImportKind, key: string) =>
      key === 'price|amount' ? t('import.columns.priceOrAmount') : fieldLabel(kind, key),
    [t, fieldLabel],
  );

  const outcomeLabel = useCallback((key: string) => (isOutcomeKey(key) ? t(`import.job.outcome.${key}`) : key), [t]);

  const outcomeValue = useCallback(
    (key: string, value: number | string) => {
      if (key === 'analytics' && (value === 'kept' || value === 'rebuilt' || value === 'none'))
        return t(`import.job.analytics.${value}`);
      return typeof value === 'number' ? formatNumber(value, language) : value;
    },
    [t, language],
  );

  /** Bytes as "12,5 КБ" / "3,4 МБ". */
  const fileSize = useCallback(
    (bytes: number) =>
      bytes < 1024 * 1024
        ? t('import.file.kb', { value: formatNumber(Math.max(0.1, Math.round(bytes / 102.4) / 10), language) })
        : t('import.file.mb', { value: formatNumber(Math.round(bytes / 104_857.6) / 10, language) }),
    [t, language],
  );

  return useMemo(
    () => ({ kindLabel, fieldLabel, missingLabel, outcomeLabel, outcomeValue, fileSize }),
    [kindLabel, fieldLabel, missingLabel, outcomeLabel, outcomeValue, fileSize],
  );
}
