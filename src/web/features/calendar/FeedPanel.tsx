/** The user's iCalendar feed: subscribe (the address is shown once), get a new address, turn it off. */
import { Alert, Anchor, Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/QueryStates.js';
import { notify } from '../../lib/notify.js';
import { useFeedStatus, useRevokeFeed, useRotateFeed } from './api.js';

export function FeedPanel() {
  const { t } = useTranslation();
  const status = useFeedStatus();
  const rotate = useRotateFeed();
  const revoke = useRevokeFeed();
  const [shown, setShown] = useState<{ url: string; webcalUrl: string } | null>(null);
  const subscribe = () =>
    rotate.mutate(undefined, {
      onSuccess: (feed) => setShown(feed.url ? { url: feed.url, webcalUrl: feed.webcalUrl ?? feed.url } : null),
    });
  const active = status.data?.active ?? false;
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t('calendar.feed.title')}
      data-testid="feed-panel"
    >
      <Title order={2} size="h4">
        {t('calendar.feed.title')}
      </Title>
      <Text size="sm" c="dimmed" mt={2} mb="sm">
        {t('calendar.feed.description')}
      </Text>
      <Stack gap="sm">
        {status.isError ? <ErrorAlert error={status.error} onRetry={() => void status.refetch()} /> : null}
        {rotate.isError ? <ErrorAlert error={rotate.error} /> : null}
        {shown ? (
          <Stack gap="xs">
            <TextInput
              label={t('calendar.feed.url')}
              value={shown.url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              data-testid="feed-url"
              rightSectionWidth={110}
              rightSection={
                <CopyButton value={shown.url}>
                  {({ copied, copy }) => (
                    <Button size="compact-xs" variant={copied ? 'light' : 'default'} onClick={copy}>
                      {t(copied ? 'calendar.feed.copied' : 'calendar.feed.copy')}
                    </Button>
                  )}
                </CopyButton>
              }
            />
            <Text size="xs" c="orange.8">
              {t('calendar.feed.once')}
            </Text>
            <Anchor href={shown.webcalUrl} size="sm">
              {t('calendar.feed.openApp')}
            </Anchor>
          </Stack>
        ) : active ? (
          <Text size="sm" data-testid="feed-active">
            {t('calendar.feed.active')}
          </Text>
        ) : null}
        <Group gap="xs">
          {!active && !shown ? (
            <Button onClick={subscribe} loading={rotate.isPending} data-testid="feed-subscribe">
              {t('calendar.feed.subscribe')}
            </Button>
          ) : (
            <>
              <Button
                variant="default"
                size="xs"
                onClick={subscribe}
                loading={rotate.isPending}
                title={t('calendar.feed.rotateHint')}
                data-testid="feed-rotate"
              >
                {t('calendar.feed.rotate')}
              </Button>
              <Button
                variant="subtle"
                color="red"
                size="xs"
                loading={revoke.isPending}
                data-testid="feed-revoke"
                onClick={() =>
                  revoke.mutate(undefined, {
                    onSuccess: () => {
                      setShown(null);
                      notify(t('calendar.feed.revoked'));
                    },
                  })
                }
              >
                {t('calendar.feed.revoke')}
              </Button>
            </>
          )}
        </Group>
        <Alert color="gray" variant="light" p="xs">
          <Text size="xs">{t('calendar.feed.privacy')}</Text>
        </Alert>
      </Stack>
    </Paper>
  );
}
