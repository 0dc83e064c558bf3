import type { ClientCardT } from '../../../contract/card.js';
import { Button, Group, Stack, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EditClientForm, type Block } from './EditClientForm.js';

/** One block of the client card with its title: the view, or in its place the form that edits it. */
export function EditableBlock({
  block,
  card,
  writable,
  editing,
  onEdit,
  onDone,
  children,
}: {
  block: Block;
  card: ClientCardT;
  writable: boolean;
  editing: boolean;
  onEdit: () => void;
  onDone: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const title = t(`card.blocks.${block}`);
  const editButton = useRef<HTMLButtonElement>(null);

  // The form closed: the focus goes back to the button that opened it.
  const wasEditing = useRef(editing);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <Stack gap="sm" component="section" aria-label={title}>
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {writable && !editing ? (
          <Button
            ref={editButton}
            variant="default"
            size="xs"
            onClick={onEdit}
            aria-label={t('editClient.editBlock', { block: title })}
            data-testid={`edit-${block}`}
          >
            {t('common.edit')}
          </Button>
        ) : null}
      </Group>
      {editing ? <EditClientForm card={card} block={block} onDone={onDone} /> : children}
    </Stack>
  );
}
