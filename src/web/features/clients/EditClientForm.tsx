import type { ClientT, ClientUpdateT } from '../../../contract/clients.js';
import { Button, Group, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue } from '../../lib/enums.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import { fieldErrors } from '../../lib/problem.js';
import { useUpdateClient } from './queries.js';

const shownFields = ['name', 'status', 'industry', 'region', 'notes'] as const;

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** Edits the profile's main fields; sends only what changed. */
export function EditClientForm({ client, onDone }: { client: ClientT; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const statusOptions = useEnumOptions('clientStatus');
  const update = useUpdateClient(client.id);
  const [name, setName] = useState(client.name);
  const [status, setStatus] = useState<string>(client.status);
  const [industry, setIndustry] = useState(client.industry ?? '');
  const [region, setRegion] = useState(client.region ?? '');
  const [notes, setNotes] = useState(client.notes ?? '');
  const [nameMissing, setNameMissing] = useState(false);

  const server = update.isError ? fieldErrors(update.error, language) : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameMissing(true);
      return;
    }
    const patch: ClientUpdateT = {};
    if (name.trim() !== client.name) patch.name = name.trim();
    if (status !== client.status && isEnumValue('clientStatus', status)) patch.status = status;
    if (orNull(industry) !== client.industry) patch.industry = orNull(industry);
    if (orNull(region) !== client.region) patch.region = orNull(region);
    const nextNotes = notes.trim() === '' ? null : notes.replace(/\s+$/, '');
    if (nextNotes !== client.notes) patch.notes = nextNotes;
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(patch, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {update.isError ? <FormProblem error={update.error} shownFields={shownFields} /> : null}
        <TextInput
          label={t('editClient.name')}
          required
          data-autofocus
          maxLength={300}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setNameMissing(false);
          }}
          error={nameMissing ? t('editClient.nameRequired') : server.name}
        />
        <Select
          label={t('editClient.status')}
          required
          data={statusOptions}
          value={status}
          allowDeselect={false}
          onChange={(value) => value && setStatus(value)}
          error={server.status}
          comboboxProps={{ withinPortal: true }}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label={t('editClient.industry')} maxLength={300} value={industry} onChange={(e) => setIndustry(e.currentTarget.value)} error={server.industry} />
          <TextInput label={t('editClient.region')} maxLength={300} value={region} onChange={(e) => setRegion(e.currentTarget.value)} error={server.region} />
        </Group>
        <Textarea label={t('editClient.notes')} autosize minRows={3} maxRows={10} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={server.notes} />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onDone} disabled={update.isPending}>{t('common.cancel')}</Button>
          <Button type="submit" loading={update.isPending}>{t('editClient.submit')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
