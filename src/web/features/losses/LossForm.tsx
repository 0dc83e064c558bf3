/**
 * The loss form (docs/domain.md §9): why the client left, to whom, the systemic error found and the plan to
 * win it back. Creating marks the client lost; editing changes what the record says (its date and
 * figures stay as recorded).
 */
import type { ClientLossUpdateT } from '../../../contract/losses.js';
import { Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue, type EnumValue } from '../../lib/enums.js';
import { useEnumOptions } from '../../lib/labels.js';
import { isIsoDate, todayIso } from '../../lib/dates.js';
import { longTextOrNull, sameValue, textOrNull, useFormSave } from '../../lib/forms.js';
import { useMarkLost, useUpdateLoss, type ClientLossT } from './queries.js';
import { DateField } from '../../components/DateField.js';

const fields = ['lostOn', 'reason', 'competitor', 'reasonNotes', 'systemicError', 'winBackPlan'] as const;
type Field = (typeof fields)[number];

/** `keepLostDay`: the client is already marked lost (before losses were recorded); the server keeps that day. */
export function LossForm({
  clientId,
  loss,
  keepLostDay = false,
  onDone,
}: {
  clientId: number;
  loss?: ClientLossT | undefined;
  keepLostDay?: boolean;
  onDone: () => void;
}) {
  const askDate = !loss && !keepLostDay;
  const { t } = useTranslation();
  const reasons = useEnumOptions('lossReason');
  const mark = useMarkLost(clientId);
  const update = useUpdateLoss(clientId);
  const mutation = loss ? update : mark;
  const form = useFormSave<Field>(mutation);
  const today = todayIso();
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    lostOn: loss?.lostOn ?? today,
    reason: loss?.reason ?? '',
    competitor: loss?.competitor ?? '',
    reasonNotes: loss?.reasonNotes ?? '',
    systemicError: loss?.systemicError ?? '',
    winBackPlan: loss?.winBackPlan ?? '',
  }));
  const set = (field: Field, value: string) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    form.touch(field);
  };
  const isCompetitor = values.reason === 'competitor';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (!isEnumValue('lossReason', values.reason)) problems.reason = t('losses.form.reasonRequired');
    if (isCompetitor && !textOrNull(values.competitor)) problems.competitor = t('losses.form.competitorRequired');
    if (askDate && (!isIsoDate(values.lostOn) || values.lostOn > today)) problems.lostOn = t('losses.form.dateInvalid');
    if (!form.check(problems) || !isEnumValue('lossReason', values.reason)) return;
    const reason: EnumValue<'lossReason'> = values.reason;
    const texts = {
      reason,
      // A competitor is kept with any reason (a client may leave for a competitor's price), asked for with "competitor".
      competitor: textOrNull(values.competitor),
      reasonNotes: longTextOrNull(values.reasonNotes),
      systemicError: longTextOrNull(values.systemicError),
      winBackPlan: longTextOrNull(values.winBackPlan),
    };
    if (loss) {
      const patch = Object.fromEntries(
        Object.entries(texts).filter(([k, v]) => !sameValue(v, loss[k as keyof typeof texts])),
      ) as ClientLossUpdateT;
      if (Object.keys(patch).length === 0) {
        onDone();
        return;
      }
      update.mutate({ id: loss.id, patch }, { onSuccess: form.saved(t('losses.form.saved'), onDone) });
    } else {
      mark.mutate(askDate ? { ...texts, lostOn: values.lostOn } : texts, {
        onSuccess: form.saved(t('losses.form.marked'), onDone),
      });
    }
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={loss ? t('losses.form.editTitle') : t('losses.form.createTitle')}
      data-testid="loss-form"
    >
      <Stack gap="sm">
        <FormProblem error={form.problem} shownFields={fields} />
        {loss ? null : (
          <Text size="sm" c="dimmed">
            {t('losses.form.intro')}
          </Text>
        )}
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('losses.fields.reason')}
            placeholder={t('losses.form.reasonPlaceholder')}
            required
            data-autofocus
            data={reasons}
            value={values.reason || null}
            onChange={(value) => set('reason', value ?? '')}
            error={form.errorOf('reason')}
            comboboxProps={{ withinPortal: true }}
            data-testid="loss-reason"
          />
          {askDate ? (
            <DateField
              label={t('losses.fields.lostOn')}
              required
              max={today}
              value={values.lostOn}
              onChange={(value) => set('lostOn', value)}
              error={form.errorOf('lostOn')}
              data-testid="loss-date"
            />
          ) : null}
        </Group>
        {isCompetitor || values.competitor ? (
          <TextInput
            label={t('losses.fields.competitor')}
            placeholder={t('losses.form.competitorPlaceholder')}
            required={isCompetitor}
            maxLength={300}
            value={values.competitor}
            onChange={(e) => set('competitor', e.currentTarget.value)}
            error={form.errorOf('competitor')}
            data-testid="loss-competitor"
          />
        ) : null}
        <Textarea
          label={t('losses.fields.reasonNotes')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={20000}
          value={values.reasonNotes}
          onChange={(e) => set('reasonNotes', e.currentTarget.value)}
          error={form.errorOf('reasonNotes')}
        />
        <Textarea
          label={t('losses.fields.systemicError')}
          description={t('losses.form.systemicErrorHint')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={20000}
          value={values.systemicError}
          onChange={(e) => set('systemicError', e.currentTarget.value)}
          error={form.errorOf('systemicError')}
          data-testid="loss-systemic-error"
        />
        <Textarea
          label={t('losses.fields.winBackPlan')}
          description={t('losses.form.winBackPlanHint')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={20000}
          value={values.winBackPlan}
          onChange={(e) => set('winBackPlan', e.currentTarget.value)}
          error={form.errorOf('winBackPlan')}
          data-testid="loss-win-back-plan"
        />
        <FormActions
          pending={form.pending}
          onCancel={onDone}
          submitColor={loss ? undefined : 'red'}
          submitLabel={loss ? t('common.save') : t('losses.form.submitCreate')}
          submitTestId="loss-submit"
        />
      </Stack>
    </form>
  );
}
