/** Labels for the API's closed vocabularies, in the UI language. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { enumGroups, isEnumValue, type EnumGroup } from './enums.js';
import { NO_VALUE } from './format.js';

/**
 * `label('clientStatus', 'active')` → "Активный". A value the app does not know yet (a newer
 * server) is shown as it is rather than as a raw translation key.
 */
export function useEnumLabel(): (group: EnumGroup, value: string | null | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (group, value) => {
      if (value === null || value === undefined || value === '') return NO_VALUE;
      if (!isEnumValue(group, value)) return value;
      return t(`enums.${group}.${value}` as `enums.clientStatus.active`);
    },
    [t],
  );
}

/** Options for a Select over a vocabulary, labelled in the UI language. */
export function useEnumOptions(group: EnumGroup): { value: string; label: string }[] {
  const label = useEnumLabel();
  return (enumGroups[group] as readonly string[]).map((value) => ({ value, label: label(group, value) }));
}
