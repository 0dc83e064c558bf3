/**
 * The clients that may be the one being entered, shown in the new-client form before it is saved:
 * each with a link to its card and how it matches; of another manager's clients only how many match
 * (the server tells no more); and, when the requisites are another client's, the confirmation that
 * this really is another client (the server refuses them otherwise).
 */
import type { PossibleDuplicatesT } from '../../../contract/clients.js';
import { Alert, Anchor, Badge, Checkbox, Group, List, Loader, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { legalEntityTitle } from '../../../core/clients/legal-name.js';
import { useEnumLabel } from '../../lib/labels.js';

export function PossibleDuplicates({
  data,
  checking,
  sameCompany,
  allow,
  onAllow,
  allowError,
  onOpen,
}: {
  data: PossibleDuplicatesT | undefined;
  checking: boolean;
  /** The requisites are those of a client found: saving needs `allow`. */
  sameCompany: boolean;
  allow: boolean;
  onAllow: (allow: boolean) => void;
  allowError: string | undefined;
  /** A card is being opened: the form closes. */
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const errorId = `${useId()}-error`;
  const found = data && (data.items.length > 0 || data.hidden.length > 0);
  return (
    <div aria-live="polite" data-testid="new-client-duplicates-region">
      {found ? (
        <Alert
          color="yellow"
          variant="light"
          title={t('newClient.duplicates.title')}
          data-testid="new-client-duplicates"
        >
          <Stack gap="xs">
            <Text size="sm">{t('newClient.duplicates.intro')}</Text>
            {data.items.length > 0 ? (
              <List size="sm" spacing={6} listStyleType="none" ml={0} pl={0}>
                {data.items.map((c) => (
                  <List.Item key={c.id} data-testid="new-client-duplicate">
                    <Group gap={6} wrap="wrap" align="baseline">
                      <Anchor component={Link} to={`/clients/${c.id}`} fw={600} onClick={onOpen}>
                        {c.name}
                      </Anchor>
                      {c.matches.map((m) => (
                        <Badge
                          key={m}
                          size="sm"
                          variant="light"
                          tt="none"
                          color={m === 'similarName' ? 'gray' : 'orange'}
                        >
                          {t(`newClient.duplicates.match.${m}`)}
                        </Badge>
                      ))}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {[
                        label('clientStatus', c.status),
                        c.ownerName
                          ? t('newClient.duplicates.owner', { name: c.ownerName })
                          : t('newClient.duplicates.noOwner'),
                        c.legalName ? legalEntityTitle({ legalForm: c.legalForm, fullName: c.legalName }) : null,
                        c.inn ? `${t('card.legal.inn')} ${c.inn}` : null,
                        c.kpp ? `${t('card.legal.kpp')} ${c.kpp}` : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </Text>
                  </List.Item>
                ))}
              </List>
            ) : null}
            {data.more > 0 ? (
              <Text size="sm" c="dimmed">
                {t('newClient.duplicates.more', { count: data.more })}
              </Text>
            ) : null}
            {data.hidden.map((h) => (
              <Text size="sm" key={h.match} data-testid="new-client-duplicate-hidden">
                {t('newClient.duplicates.hidden', {
                  count: h.count,
                  match: t(`newClient.duplicates.match.${h.match}`),
                })}
              </Text>
            ))}
            {sameCompany ? (
              <Checkbox
                label={t('newClient.duplicates.allow')}
                checked={allow}
                onChange={(e) => onAllow(e.currentTarget.checked)}
                // The error is its own element, so the checkbox can point at it for a screen reader.
                error={Boolean(allowError)}
                aria-invalid={allowError ? true : undefined}
                aria-describedby={allowError ? errorId : undefined}
                data-testid="new-client-allow-duplicate"
              />
            ) : null}
            {sameCompany && allowError ? (
              <Text id={errorId} size="sm" c="red.8" mt={-4}>
                {allowError}
              </Text>
            ) : null}
          </Stack>
        </Alert>
      ) : checking ? (
        <Group gap="xs" c="dimmed">
          <Loader size="xs" />
          <Text size="sm">{t('newClient.duplicates.checking')}</Text>
        </Group>
      ) : null}
    </div>
  );
}
