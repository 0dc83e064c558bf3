import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Person = { id: number; fullName: string; position: string | null };

/** Picks one of a client's people ("Name — position"), searchable and clearable; the value is the id as text. */
export function ContactSelect({ contacts, ...props }: Omit<SelectProps, 'data'> & { contacts: readonly Person[] }) {
  const { t } = useTranslation();
  return (
    <Select
      data={contacts.map((c) => ({
        value: String(c.id),
        label: c.position ? `${c.fullName} — ${c.position}` : c.fullName,
      }))}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      searchable
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
