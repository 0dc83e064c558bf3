/**
 * Above the client card's tabs: "Mark as lost" for a client we still have; for a lost client, a red
 * banner with the lesson of the loss (date, reason, competitor, systemic error, win-back plan),
 * editable; for a client won back, a green note with the dates.
 */
import { Alert, Anchor, Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatMoney } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { LossForm } from './LossForm.js';
import { useClientLosses, type ClientLossT } from './queries.js';

export default function ClientLossControl({
  clientId,
  status,
  writable,
}: {
  clientId: number;
  status: string;
  writable: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const losses = useClientLosses(clientId, status);
  // The record being edited, or 'new' while marking lost; null when the form is closed.
  const [editing, setEditing] = useState<ClientLossT | 'new' | null>(null);
  if (!losses.data) return null;
  const records = losses.data.items;
  const open = records.find((l) => l.wonBackOn === null);
  const latest = records[0];

  const form = (
    <Modal
      opened={editing !== null}
      onClose={() => setEditing(null)}
      title={editing === 'new' ? t('losses.form.createTitle') : t('losses.form.editTitle')}
      size="lg"
    >
      {editing !== null ? (
        <LossForm
          clientId={clientId}
          loss={editing === 'new' ? undefined : editing}
          keepLostDay={status === 'lost'}
          onDone={() => setEditing(null)}
        />
      ) : null}
    </Modal>
  );

  if (open) {
    return (
      <>
        <Alert
          color="red"
          variant="light"
          title={t('losses.control.lostTitle', { date: formatDate(open.lostOn, language) })}
          data-testid="loss-banner"
        >
          <Stack gap={6}>
            <LossFacts loss={open} />
            {writable ? (
              <Group>
                <Button size="xs" variant="default" onClick={() => setEditing(open)} data-testid="loss-edit">
                  {t('losses.control.edit')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Alert>
        {form}
      </>
    );
  }

  if (status === 'lost') {
    // Marked lost before losses were recorded: the lesson can still be written down.
    return (
      <>
        <Alert color="red" variant="light" title={t('losses.control.lostNoRecord')} data-testid="loss-banner">
          {writable ? (
            <Button size="xs" color="red" variant="outline" onClick={() => setEditing('new')} data-testid="loss-record">
              {t('losses.control.recordReason')}
            </Button>
          ) : null}
        </Alert>
        {form}
      </>
    );
  }

  const wonBack = latest?.wonBackOn ? latest : undefined;
  if (!wonBack && !writable) return null;
  return (
    <>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        {wonBack ? (
          <Alert
            color="teal"
            variant="light"
            title={t('losses.control.wonBackTitle', { date: formatDate(wonBack.wonBackOn, language) })}
            style={{ flex: '1 1 24rem' }}
            data-testid="loss-won-back"
          >
            <Text size="sm">
              {wonBack.wonBackOrderId !== null
                ? t('losses.control.wonBackByOrder', {
                    lostOn: formatDate(wonBack.lostOn, language),
                    reason: label('lossReason', wonBack.reason),
                    number: wonBack.wonBackOrderNumber ?? `#${wonBack.wonBackOrderId}`,
                  })
                : t('losses.control.wonBackByHand', {
                    lostOn: formatDate(wonBack.lostOn, language),
                    reason: label('lossReason', wonBack.reason),
                  })}
            </Text>
          </Alert>
        ) : (
          <span />
        )}
        {writable ? (
          <Button color="red" variant="outline" onClick={() => setEditing('new')} data-testid="loss-mark">
            {t('losses.control.markLost')}
          </Button>
        ) : null}
      </Group>
      {form}
    </>
  );
}

/** What a loss record says, as a compact grid of the filled-in facts. */
function LossFacts({ loss }: { loss: ClientLossT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const facts: [string, ReactNode][] = [
    [t('losses.fields.reason'), label('lossReason', loss.reason)],
    ...(loss.competitor ? [[t('losses.fields.competitor'), loss.competitor] as [string, ReactNode]] : []),
    ...(loss.significance
      ? [[t('losses.fields.significance'), label('significance', loss.significance)] as [string, ReactNode]]
      : []),
    ...(loss.profitAtLoss !== null
      ? [[t('losses.fields.profitAtLoss'), formatMoney(loss.profitAtLoss, language)] as [string, ReactNode]]
      : []),
  ];
  const texts: [string, string | null][] = [
    [t('losses.fields.reasonNotes'), loss.reasonNotes],
    [t('losses.fields.systemicError'), loss.systemicError],
    [t('losses.fields.winBackPlan'), loss.winBackPlan],
  ];
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="xs" verticalSpacing={4}>
        {facts.map(([name, value]) => (
          <div key={name}>
            <Text size="xs" c="dimmed">
              {name}
            </Text>
            <Text size="sm" fw={500}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {texts
        .filter(([, value]) => value)
        .map(([name, value]) => (
          <div key={name}>
            <Text size="xs" c="dimmed">
              {name}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </div>
        ))}
      {!loss.systemicError ? (
        <Text size="xs" c="red.8">
          {t('losses.control.noSystemicError')}
        </Text>
      ) : null}
      <Anchor component={Link} to="/analytics/losses" size="xs">
        {t('losses.control.allLosses')}
      </Anchor>
    </>
  );
}
