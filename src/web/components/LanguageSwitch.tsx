import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage, languages, useLanguage } from '../lib/i18n.js';

export function LanguageSwitch({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <SegmentedControl
      size={size}
      aria-label={t('language.label')}
      value={language}
      onChange={(value) => {
        if (isLanguage(value)) void changeLanguage(value);
      }}
      data={languages.map((lng) => ({
        value: lng,
        label: (
          <span title={t(`language.full.${lng}`)} lang={lng}>
            {t(`language.short.${lng}`)}
          </span>
        ),
      }))}
    />
  );
}
