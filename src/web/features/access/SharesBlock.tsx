/** "Shared with" on the card's profile: the managers who work with the client besides its owner. */
import { ActionIcon, Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../core/access/permissions.js';
import { formatDate } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { describeError } from '../../lib/problem.js';
import { useUsers } from '../../lib/users.js';
import { useClientShares, useShareClient, useUnshareClient } from './queries.js';

export function SharesBlock({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const shares = useClientShares(clientId);
  const share = useShareClient(clientId);
  const unshare = useUnshareClient(clientId);
  const users = useUsers();
  const [picked, setPicked] = useState<string | null>(null);
  if (!shares.data) return null;
  const { shares: list, canManage, ownerUserId } = shares.data;
  const shared = new Set(list.map((s) => s.userId));
  // Only managers need a share: the other roles see every client already.
  const candidates = (users.data ?? [])
    .filter((u) => u.disabledAt === null && !can(u.role, 'seeAllClients') && u.id !== ownerUserId && !shared.has(u.id))
    .map((u) => ({ value: String(u.id), label: u.name }));
  const failure = share.error ?? unshare.error;
  const problem = failure ? describeError(failure, t, language) : null;

  return (
    <Paper withBorder radius="md" p="md" data-testid="client-shares">
      <Stack gap="xs">
        <div>
          <Title order={2} size="h4">
            {t('access.shares.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('access.shares.hint')}
          </Text>
        </div>
        {list.length === 0 ? (
          <Text size="sm" data-testid="client-shares-none">
            {t('access.shares.none')}
          </Text>
        ) : (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.map((s) => (
              <Group key={s.userId} component="li" gap="xs" wrap="nowrap" data-testid="client-share">
                <Text size="sm" fw={600}>
                  {s.userName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('access.shares.since', { date: formatDate(s.createdAt, language), name: s.sharedByName ?? '—' })}
                </Text>
                {canManage ? (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={t('access.shares.remove', { name: s.userName })}
                    loading={unshare.isPending && unshare.variables === s.userId}
                    onClick={() => unshare.mutate(s.userId)}
                  >
                    ×
                  </ActionIcon>
                ) : null}
              </Group>
            ))}
          </Stack>
        )}
        {canManage ? (
          <Group gap="xs" align="flex-end">
            <Select
              label={t('access.shares.pick')}
              placeholder={candidates.length ? t('access.shares.pickPlaceholder') : t('access.shares.noCandidates')}
              data={candidates}
              value={picked}
              onChange={setPicked}
              searchable
              disabled={candidates.length === 0}
              comboboxProps={{ withinPortal: true }}
              w={280}
              data-testid="client-share-pick"
            />
            <Button
              size="sm"
              disabled={picked === null}
              loading={share.isPending}
              data-testid="client-share-add"
              onClick={() => picked !== null && share.mutate(Number(picked), { onSuccess: () => setPicked(null) })}
            >
              {t('access.shares.add')}
            </Button>
          </Group>
        ) : null}
        {problem ? (
          <Alert color="red" variant="light" role="alert" title={problem.title}>
            {problem.detail}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
