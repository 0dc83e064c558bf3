/** One-time survey links of a client: create one for a contact (the URL is shown once), and the list with status and revoke. */
import type { ContactT } from '../../../contract/clients.js';
import {
  ActionIcon,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
  type MantineColor,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSave } from '../../lib/forms.js';
import { FormActions } from '../../components/FormActions.js';
import { ContactSelect } from '../../components/ContactSelect.js';
import { FormProblem } from '../../components/FormProblem.js';
import { ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDate, formatDateTime, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { notify } from '../../lib/notify.js';
import { useCreateSurveyLink, useRevokeSurveyLink, useSurveyLinks, type SurveyLinkCreatedT } from './api.js';
import { WideTable } from '../../components/WideTable.js';

const DEFAULT_DAYS = 14;
const shownFields = ['contactId', 'locale', 'expiresInDays'] as const;

export function SurveyLinkForm({
  clientId,
  contacts,
  onClose,
}: {
  clientId: number;
  contacts: Pick<ContactT, 'id' | 'fullName' | 'position'>[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const create = useCreateSurveyLink();
  const [contactId, setContactId] = useState<string | null>(contacts.length === 1 ? String(contacts[0]!.id) : null);
  const [locale, setLocale] = useState<string>('contact');
  const [days, setDays] = useState<number | string>(DEFAULT_DAYS);
  const [created, setCreated] = useState<SurveyLinkCreatedT | null>(null);
  const form = useFormSave<(typeof shownFields)[number]>(create);

  if (created) {
    const url = `${window.location.origin}${created.url}`;
    return (
      <Stack gap="sm" data-testid="survey-link-created">
        <Text size="sm">{t('surveys.links.showOnce')}</Text>
        <Group gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={t('surveys.links.urlLabel')}
            value={url}
            readOnly
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
            data-testid="survey-link-url"
          />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('surveys.links.copied') : t('surveys.links.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" c="dimmed">
          {t('surveys.links.validUntil', { date: formatDateTime(created.expiresAt, language) })}
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            onClick={() => {
              setCreated(null);
              create.reset();
            }}
          >
            {t('surveys.links.another')}
          </Button>
          <Button onClick={onClose} data-testid="survey-link-done">
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const n = typeof days === 'number' ? days : Number(days);
    if (
      !form.check(Number.isInteger(n) && n >= 1 && n <= 90 ? {} : { expiresInDays: t('surveys.links.expiresInvalid') })
    )
      return;
    create.mutate(
      {
        clientId,
        ...(contactId ? { contactId: Number(contactId) } : {}),
        ...(locale === 'ru' || locale === 'en' ? { locale } : {}),
        expiresInDays: n,
      },
      { onSuccess: form.saved(t('surveys.links.created'), setCreated) },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="survey-link-form">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('surveys.links.intro')}
        </Text>
        <FormProblem error={form.problem} shownFields={shownFields} />
        <ContactSelect
          contacts={contacts}
          label={t('surveys.links.contact')}
          placeholder={t('surveys.links.contactPlaceholder')}
          value={contactId}
          onChange={(value) => {
            setContactId(value);
            form.touch('contactId');
          }}
          error={form.errorOf('contactId')}
          data-testid="survey-link-contact"
        />
        <Group grow align="flex-start">
          <Select
            label={t('surveys.links.language')}
            data={[
              { value: 'contact', label: t('surveys.links.languageOfContact') },
              { value: 'ru', label: t('surveys.links.languages.ru') },
              { value: 'en', label: t('surveys.links.languages.en') },
            ]}
            value={locale}
            onChange={(v) => {
              setLocale(v ?? 'contact');
              form.touch('locale');
            }}
            allowDeselect={false}
            error={form.errorOf('locale')}
            comboboxProps={{ withinPortal: true }}
            data-testid="survey-link-language"
          />
          <NumberInput
            label={t('surveys.links.expiresInDays')}
            min={1}
            max={90}
            allowDecimal={false}
            allowNegative={false}
            value={days}
            onChange={(v) => {
              setDays(v);
              form.touch('expiresInDays');
            }}
            error={form.errorOf('expiresInDays')}
          />
        </Group>
        <FormActions
          pending={form.pending}
          onCancel={onClose}
          submitLabel={t('surveys.links.create')}
          submitTestId="survey-link-submit"
          mt={0}
        />
      </Stack>
    </form>
  );
}

const statusColors: Record<string, MantineColor> = { waiting: 'blue', answered: 'teal', expired: 'gray' };

export function SurveyLinksTable({ clientId, writable }: { clientId: number; writable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const links = useSurveyLinks(clientId);
  const revoke = useRevokeSurveyLink();
  const [revoking, setRevoking] = useState<number | null>(null);
  const close = () => {
    setRevoking(null);
    revoke.reset();
  };

  if (links.isPending) return <PageLoader minHeight={80} />;
  if (links.isError) return <ErrorAlert error={links.error} onRetry={() => void links.refetch()} />;
  if (links.data.items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('surveys.links.empty')}
      </Text>
    );
  return (
    <>
      <WideTable minWidth={720} label={t('surveys.links.caption')}>
        <Table verticalSpacing="xs" striped aria-label={t('surveys.links.caption')} data-testid="survey-links-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.links.contact')}</Table.Th>
              <Table.Th>{t('surveys.links.language')}</Table.Th>
              <Table.Th>{t('surveys.links.createdAt')}</Table.Th>
              <Table.Th>{t('surveys.links.expiresAt')}</Table.Th>
              <Table.Th>{t('surveys.links.status')}</Table.Th>
              {writable ? (
                <Table.Th>
                  <VisuallyHidden>{t('surveys.panel.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.data.items.map((l) => (
              <Table.Tr key={l.id} data-status={l.status}>
                <Table.Td>
                  {l.contactName ?? (
                    <Text span size="sm" c="dimmed">
                      {t('surveys.links.noContact')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`surveys.links.languages.${l.locale}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(l.createdAt, language)}</Text>
                  {l.createdByName ? (
                    <Text size="xs" c="dimmed">
                      {l.createdByName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{l.status === 'answered' ? NO_VALUE : formatDateTime(l.expiresAt, language)}</Table.Td>
                <Table.Td>
                  <Badge color={statusColors[l.status]} variant="light">
                    {t(`surveys.links.statuses.${l.status}`)}
                  </Badge>
                  {l.answeredAt ? (
                    <Text size="xs" c="dimmed">
                      {formatDateTime(l.answeredAt, language)}
                    </Text>
                  ) : null}
                </Table.Td>
                {writable ? (
                  <Table.Td>
                    {l.status === 'waiting' ? (
                      <Tooltip label={t('surveys.links.revoke')}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('surveys.links.revoke')}
                          onClick={() => setRevoking(l.id)}
                        >
                          <span aria-hidden>✕</span>
                        </ActionIcon>
                      </Tooltip>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      <Modal
        opened={revoking !== null}
        onClose={close}
        title={t('surveys.links.revokeTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <Text size="sm">{t('surveys.links.revokeMessage')}</Text>
          {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={revoke.isPending} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() =>
                revoking !== null &&
                revoke.mutate(revoking, {
                  onSuccess: () => {
                    notify(t('surveys.links.revoked'));
                    close();
                  },
                })
              }
              data-testid="survey-link-revoke-confirm"
            >
              {t('surveys.links.revoke')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
