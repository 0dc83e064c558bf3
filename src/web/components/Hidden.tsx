/** What a role without personal data (the analyst) sees where a person's personal data would be. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A personal value an analyst may not see: «скрыто» instead of an empty cell that would read as "not known". */
export function HiddenValue() {
  const { t } = useTranslation();
  return (
    <Text span size="sm" c="dimmed" fs="italic" data-testid="hidden-value">
      {t('privacy.hidden')}
    </Text>
  );
}

/** The personal knowledge panel for a role that may not see it (the server answered 403). */
export function PersonalDataHiddenNote() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" fs="italic" data-testid="personal-hidden">
      {t('privacy.hiddenPanel')}
    </Text>
  );
}
