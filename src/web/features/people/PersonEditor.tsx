/** A person's place in the power structure: whom they report to, their roles, influence, attitude, key figure. */
import type { PowerPersonT } from '../../../contract/people.js';
import { Group, MultiSelect, Select, Stack, Switch } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue } from '../../lib/enums.js';
import { useEnumOptions } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { useAddLink, useRemoveLink, useUpdatePerson, type PersonPatch } from './api.js';
import { subordinatesOf } from './OrgChart.js';

const NOBODY = 'none';

export function PersonEditor({
  clientId,
  person,
  people,
  onDone,
}: {
  clientId: number;
  person: PowerPersonT;
  people: PowerPersonT[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const roleOptions = useEnumOptions('decisionRole');
  const influenceOptions = useEnumOptions('influence');
  const attitudeOptions = useEnumOptions('attitude');
  const addLink = useAddLink(clientId);
  const removeLink = useRemoveLink(clientId);
  const update = useUpdatePerson(clientId);
  const [reportsTo, setReportsTo] = useState<string>(person.reportsToId === null ? NOBODY : String(person.reportsToId));
  const [roles, setRoles] = useState<string[]>([...person.decisionRoles]);
  const [influence, setInfluence] = useState<string | null>(person.influence);
  const [attitude, setAttitude] = useState<string | null>(person.attitude);
  const [keyFigure, setKeyFigure] = useState(person.isKeyFigure);

  // Nobody below the person may become their boss: the server refuses a loop too, this keeps it out of the list.
  const below = subordinatesOf(people, person.id);
  const bossOptions = [
    { value: NOBODY, label: t('people.editor.nobody') },
    ...people
      .filter((p) => p.id !== person.id && !below.has(p.id))
      .map((p) => ({ value: String(p.id), label: p.position ? `${p.fullName} (${p.position})` : p.fullName })),
  ];
  const pending = addLink.isPending || removeLink.isPending || update.isPending;
  const error = addLink.error ?? removeLink.error ?? update.error;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    addLink.reset();
    removeLink.reset();
    update.reset();
    try {
      const boss = reportsTo === NOBODY ? null : Number(reportsTo);
      if (boss !== person.reportsToId) {
        if (boss === null)
          await removeLink.mutateAsync({
            fromContactId: person.id,
            toContactId: person.reportsToId!,
            kind: 'reports_to',
          });
        else await addLink.mutateAsync({ fromContactId: person.id, toContactId: boss, kind: 'reports_to' });
      }
      const patch: PersonPatch = {};
      const nextRoles = roles.filter((r) => isEnumValue('decisionRole', r));
      if (JSON.stringify(nextRoles) !== JSON.stringify(person.decisionRoles)) patch.decisionRoles = nextRoles;
      if (influence !== person.influence) patch.influence = isEnumValue('influence', influence) ? influence : null;
      if (attitude !== person.attitude) patch.attitude = isEnumValue('attitude', attitude) ? attitude : null;
      if (keyFigure !== person.isKeyFigure) patch.isKeyFigure = keyFigure;
      if (Object.keys(patch).length) await update.mutateAsync({ id: person.id, patch });
      notify(t('people.editor.saved'));
      onDone();
    } catch {
      // The failed mutation keeps its error, shown above the form.
    }
  };

  const selectProps = {
    clearable: true,
    clearButtonProps: { 'aria-label': t('common.clear') },
    placeholder: t('people.chart.notSet'),
    comboboxProps: { withinPortal: true },
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="sm">
        {error ? <FormProblem error={error} shownFields={[]} /> : null}
        <Select
          label={t('people.editor.reportsTo')}
          description={t('people.editor.reportsToHint')}
          data={bossOptions}
          value={reportsTo}
          onChange={(v) => setReportsTo(v ?? NOBODY)}
          allowDeselect={false}
          searchable
          comboboxProps={{ withinPortal: true }}
          data-testid="person-reports-to"
          data-autofocus
        />
        <MultiSelect
          label={t('contactForm.roles')}
          description={t('contactForm.rolesHint')}
          data={roleOptions}
          value={roles}
          onChange={setRoles}
          {...selectProps}
          placeholder={roles.length ? undefined : t('people.chart.notSet')}
          data-testid="person-roles"
        />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('people.chart.influence')}
            data={influenceOptions}
            value={influence}
            onChange={setInfluence}
            {...selectProps}
            data-testid="person-influence"
          />
          <Select
            label={t('people.chart.attitude')}
            data={attitudeOptions}
            value={attitude}
            onChange={setAttitude}
            {...selectProps}
            data-testid="person-attitude"
          />
        </Group>
        <Switch
          label={t('people.editor.keyFigure')}
          description={t('people.editor.keyFigureHint')}
          checked={keyFigure}
          onChange={(e) => setKeyFigure(e.currentTarget.checked)}
          data-testid="person-key-figure"
        />
        <FormActions pending={pending} onCancel={onDone} submitTestId="person-save" />
      </Stack>
    </form>
  );
}
