/** The client's legal entities with their requisites: shown, added, edited in place, deleted, marked primary. */
import type { ClientCardT } from '../../../contract/card.js';
import type { LegalEntityT } from '../../../contract/clients.js';
import { Badge, Button, Card, Group, Stack, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { FieldList, LongText } from '../../components/FieldList.js';
import { EmptyBlock } from '../../components/QueryStates.js';
import { notify } from '../../lib/notify.js';
import { LegalEntityForm } from './LegalEntityForm.js';
import { legalEntityTitle } from '../../../core/clients/legal-name.js';
import { useConfirmedDelete, useSaveLegalEntity } from './queries.js';

const editButtonId = (id: number) => `legal-entity-edit-${id}`;

export function LegalEntitiesSection({ card, writable }: { card: ClientCardT; writable: boolean }) {
  const { t } = useTranslation();
  const clientId = card.client.id;
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const makePrimary = useSaveLegalEntity(clientId);
  const addButton = useRef<HTMLButtonElement>(null);

  // A form closed: the focus goes back to the button that opened it.
  const lastEditing = useRef(editing);
  useEffect(() => {
    const was = lastEditing.current;
    lastEditing.current = editing;
    if (editing !== null || was === null) return;
    (was === 'new' ? addButton.current : document.getElementById(editButtonId(was)))?.focus();
  }, [editing]);

  const removal = useConfirmedDelete<LegalEntityT>(clientId, 'legal-entities', () => {
    notify(t('legalEntityForm.deleted'));
    addButton.current?.focus();
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          {t('card.tabs.legalEntities')}
        </Title>
        {writable && editing !== 'new' ? (
          <Button ref={addButton} variant="default" size="xs" onClick={() => setEditing('new')}>
            {t('legalEntityForm.add')}
          </Button>
        ) : null}
      </Group>
      {editing === 'new' ? (
        <Card withBorder radius="md" padding="md" component="section" aria-label={t('legalEntityForm.newTitle')}>
          <Title order={3} size="h5" mb="sm">
            {t('legalEntityForm.newTitle')}
          </Title>
          <LegalEntityForm
            clientId={clientId}
            entity={null}
            defaultPrimary={card.legalEntities.length === 0}
            onDone={() => setEditing(null)}
          />
        </Card>
      ) : null}
      {card.legalEntities.length === 0 && editing !== 'new' ? <EmptyBlock title={t('card.legal.empty')} /> : null}
      {card.legalEntities.map((le) => (
        <Card key={le.id} withBorder radius="md" padding="md" component="section" aria-label={le.fullName}>
          <Group gap="xs" mb="sm" wrap="wrap" justify="space-between">
            <Group gap="xs" wrap="wrap">
              <Title order={3} size="h5">
                {legalEntityTitle(le)}
              </Title>
              {le.isPrimary ? (
                <Badge size="sm" variant="light" color="teal">
                  {t('card.legal.primary')}
                </Badge>
              ) : null}
            </Group>
            {writable && editing !== le.id ? (
              <Group gap="xs">
                {le.isPrimary ? null : (
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    loading={makePrimary.isPending && makePrimary.variables?.id === le.id}
                    aria-label={t('legalEntityForm.makePrimaryLabel', { name: le.fullName })}
                    onClick={() =>
                      makePrimary.mutate(
                        { id: le.id, fields: { isPrimary: true } },
                        {
                          onSuccess: () => notify(t('legalEntityForm.primarySet', { name: le.fullName })),
                          onError: () => notify(t('legalEntityForm.primaryFailed'), 'error'),
                        },
                      )
                    }
                  >
                    {t('legalEntityForm.makePrimary')}
                  </Button>
                )}
                <Button
                  id={editButtonId(le.id)}
                  variant="default"
                  size="compact-sm"
                  aria-label={t('legalEntityForm.editLabel', { name: le.fullName })}
                  onClick={() => setEditing(le.id)}
                >
                  {t('common.edit')}
                </Button>
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  aria-label={t('legalEntityForm.deleteLabel', { name: le.fullName })}
                  onClick={() => removal.ask(le)}
                >
                  {t('common.delete')}
                </Button>
              </Group>
            ) : null}
          </Group>
          {editing === le.id ? (
            <LegalEntityForm clientId={clientId} entity={le} defaultPrimary={false} onDone={() => setEditing(null)} />
          ) : (
            <LegalEntityView entity={le} />
          )}
        </Card>
      ))}
      <ConfirmDelete
        opened={removal.deleting !== null}
        title={t('legalEntityForm.deleteTitle')}
        message={t('legalEntityForm.deleteMessage', { name: removal.deleting?.fullName ?? '' })}
        conflictMessage={t('legalEntityForm.deleteConflict')}
        pending={removal.pending}
        error={removal.error}
        onConfirm={removal.confirm}
        onClose={removal.close}
      />
    </Stack>
  );
}

function LegalEntityView({ entity: le }: { entity: LegalEntityT }) {
  const { t } = useTranslation();
  return (
    <>
      <FieldList
        items={[
          { label: t('card.legal.shortName'), value: le.shortName },
          { label: t('card.legal.legalForm'), value: le.legalForm },
          { label: t('card.legal.inn'), value: le.inn },
          { label: t('card.legal.kpp'), value: le.kpp },
          { label: t('card.legal.ogrn'), value: le.ogrn },
          { label: t('card.legal.legalAddress'), value: le.legalAddress ? <LongText value={le.legalAddress} /> : null },
          {
            label: t('card.legal.postalAddress'),
            value: le.postalAddress ? <LongText value={le.postalAddress} /> : null,
          },
        ]}
      />
      <Title order={4} size="h6" mt="md" mb="xs">
        {t('card.legal.bankDetails')}
      </Title>
      <FieldList
        items={[
          { label: t('card.legal.bankName'), value: le.bankName },
          { label: t('card.legal.bik'), value: le.bik },
          { label: t('card.legal.settlementAccount'), value: le.settlementAccount },
          { label: t('card.legal.correspondentAccount'), value: le.correspondentAccount },
        ]}
      />
    </>
  );
}
