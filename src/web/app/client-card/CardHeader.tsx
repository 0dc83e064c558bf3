import type { ClientCardT } from '../../../contract/card.js';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ClientStatusBadge } from '../../components/StatusBadge.js';
import { useEnumLabel } from '../../lib/labels.js';

/** The client's name and status, industry, region, significance and manager, its tags, and the card's main actions. */
export function CardHeader({
  card,
  writable,
  onEdit,
  onAddInteraction,
}: {
  card: ClientCardT;
  writable: boolean;
  onEdit: () => void;
  onAddInteraction: () => void;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const c = card.client;
  const meta = [
    c.industry,
    c.region,
    c.significance ? `${t('card.profile.significance')}: ${label('significance', c.significance)}` : null,
    card.ownerName ? `${t('card.profile.owner')}: ${card.ownerName}` : null,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={6} miw={0} style={{ flex: '1 1 24rem' }}>
          <Group gap="sm" wrap="wrap" align="center">
            <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
              {c.name}
            </Title>
            <ClientStatusBadge status={c.status} size="lg" />
          </Group>
          {meta ? (
            <Text size="sm" c="dimmed">
              {meta}
            </Text>
          ) : null}
          <Group gap={6} aria-label={t('card.tags')} role="list">
            {c.tags.length ? (
              c.tags.map((tag) => (
                <Badge key={tag} role="listitem" variant="default" tt="none">
                  {tag}
                </Badge>
              ))
            ) : (
              <Text size="xs" c="dimmed" role="listitem">
                {t('card.noTags')}
              </Text>
            )}
          </Group>
        </Stack>
        {writable ? (
          <Group gap="sm">
            <Button variant="default" onClick={onEdit}>
              {t('editClient.open')}
            </Button>
            <Button onClick={onAddInteraction}>{t('addInteraction.open')}</Button>
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}
