/** One claim: its fields, the workflow steps allowed from its status, and its history. */
import { Anchor, Button, Drawer, Group, Modal, Paper, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { claimTransitions, needsResolution, type ClaimStatus } from '../../../core/claims/claims.js';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { FieldList, LongText } from '../../components/FieldList.js';
import { FormProblem } from '../../components/FormProblem.js';
import { ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { fieldErrors } from '../../lib/problem.js';
import { useClaim, useDeleteClaim, useTransitionClaim, type ClaimDetailT } from './api.js';
import { useClientCard } from '../../lib/clientCard.js';
import { ClaimForm } from './ClaimForm.js';
import { ClaimState, SeverityBadge, useDays } from './ClaimParts.js';

export function ClaimDrawer({
  claimId,
  onClose,
  writable,
  showClient = false,
}: {
  claimId: number | null;
  onClose: () => void;
  writable: boolean;
  showClient?: boolean;
}) {
  const { t } = useTranslation();
  const claim = useClaim(claimId);
  return (
    <Drawer
      opened={claimId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={claimId !== null ? t('claims.detailTitle', { id: claimId }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="claim-drawer"
    >
      {claim.isPending ? (
        <PageLoader />
      ) : claim.isError ? (
        <ErrorAlert error={claim.error} onRetry={() => void claim.refetch()} />
      ) : (
        <ClaimView
          key={claim.data.id}
          claim={claim.data}
          writable={writable}
          showClient={showClient}
          onDeleted={onClose}
        />
      )}
    </Drawer>
  );
}

/** Which button moves the claim to which status, from where it stands (core/claims claimTransitions). */
const actionOf = (from: ClaimStatus, to: ClaimStatus): 'take' | 'resolve' | 'reject' | 'reopen' =>
  to === 'resolved' ? 'resolve' : to === 'rejected' ? 'reject' : from === 'new' ? 'take' : 'reopen';

function ClaimView({
  claim,
  writable,
  showClient,
  onDeleted,
}: {
  claim: ClaimDetailT;
  writable: boolean;
  showClient: boolean;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteClaim();
  const [deleting, setDeleting] = useState(false);
  const [editing, setEditing] = useState(false);

  return (
    <Stack gap="md" data-testid="claim-detail">
      <Stack gap={6}>
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }} data-testid="claim-subject">
          {claim.subject}
        </Title>
        <ClaimState claim={claim} />
      </Stack>

      {writable ? (
        <ClaimWorkflow claim={claim} onEdit={() => setEditing(true)} onDelete={() => setDeleting(true)} />
      ) : null}

      <ClaimFields claim={claim} showClient={showClient} />

      <ClaimHistory claim={claim} />

      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('claims.editTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? <ClaimEditor claim={claim} onClose={() => setEditing(false)} /> : null}
      </Modal>
      <ConfirmDelete
        opened={deleting}
        title={t('claims.deleteTitle')}
        message={t('claims.deleteMessage', { subject: claim.subject })}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(claim.id, {
            onSuccess: () => {
              setDeleting(false);
              notify(t('claims.deleted'));
              onDeleted();
            },
          })
        }
      />
    </Stack>
  );
}

/** The steps allowed from the claim's status (the words a step needs asked for first), and editing or deleting it. */
function ClaimWorkflow({ claim, onEdit, onDelete }: { claim: ClaimDetailT; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const move = useTransitionClaim(claim.id);
  const [asking, setAsking] = useState<ClaimStatus | null>(null);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);

  const go = (to: ClaimStatus, body: { note?: string; resolution?: string } = {}) => {
    move.mutate(
      { to, ...body },
      {
        onSuccess: (next) => {
          setAsking(null);
          setText('');
          notify(t('claims.moved', { status: label('claimStatus', next.status) }));
        },
      },
    );
  };
  const start = (to: ClaimStatus) => {
    move.reset();
    setTextError(null);
    setText('');
    // Taking a new claim in work needs nothing more; every other step asks for words.
    if (claim.status === 'new' && to === 'in_progress') go(to);
    else setAsking(to);
  };
  const confirm = () => {
    if (!asking) return;
    if (needsResolution(asking)) {
      if (text.trim() === '') {
        setTextError(t('claims.resolutionRequired'));
        return;
      }
      go(asking, { resolution: text.trim() });
    } else go(asking, text.trim() ? { note: text.trim() } : {});
  };
  const serverTextError = move.isError ? fieldErrors(move.error, language).resolution : undefined;

  return (
    <Stack gap="xs">
      <Group gap="sm">
        {claimTransitions[claim.status].map((to) => {
          const action = actionOf(claim.status, to);
          return (
            <Button
              key={to}
              variant={to === 'rejected' ? 'default' : asking === to ? 'light' : 'filled'}
              color={to === 'rejected' ? 'red' : undefined}
              onClick={() => start(to)}
              loading={move.isPending && move.variables?.to === to && asking === null}
              data-testid={`claim-action-${action}`}
            >
              {t(`claims.actions.${action}`)}
            </Button>
          );
        })}
        <Button variant="default" ml="auto" onClick={onEdit} data-testid="claim-edit">
          {t('common.edit')}
        </Button>
        <Button variant="subtle" color="red" onClick={onDelete} data-testid="claim-delete">
          {t('common.delete')}
        </Button>
      </Group>
      {move.isError && !serverTextError ? <FormProblem error={move.error} shownFields={['resolution']} /> : null}
      {asking ? (
        <Paper withBorder radius="md" p="sm">
          <Stack gap="xs">
            <Textarea
              label={
                asking === 'resolved'
                  ? t('claims.resolutionLabel')
                  : asking === 'rejected'
                    ? t('claims.rejectionLabel')
                    : t('claims.reopenNoteLabel')
              }
              required={needsResolution(asking)}
              autosize
              minRows={3}
              maxRows={8}
              data-autofocus
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setTextError(null);
                move.reset();
              }}
              error={textError ?? serverTextError}
              data-testid="claim-transition-text"
            />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => setAsking(null)} disabled={move.isPending}>
                {t('common.cancel')}
              </Button>
              <Button
                color={asking === 'rejected' ? 'red' : undefined}
                onClick={confirm}
                loading={move.isPending}
                data-testid="claim-transition-confirm"
              >
                {t(`claims.confirm.${actionOf(claim.status, asking)}`)}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

/** The claim's fields; the client links to its card when the claim is shown outside it. */
function ClaimFields({ claim, showClient }: { claim: ClaimDetailT; showClient: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const days = useDays();
  const closed = claim.status === 'resolved' || claim.status === 'rejected';
  const items = [
    ...(showClient
      ? [
          {
            label: t('claims.fields.client'),
            value: (
              <Anchor component={Link} to={`/clients/${claim.clientId}?tab=claims`} data-testid="claim-client-link">
                {claim.clientName}
              </Anchor>
            ),
          },
        ]
      : []),
    { label: t('claims.fields.type'), value: label('claimType', claim.type) },
    { label: t('claims.fields.category'), value: label('claimCategory', claim.category) },
    { label: t('claims.fields.severity'), value: <SeverityBadge severity={claim.severity} /> },
    { label: t('claims.fields.receivedOn'), value: formatDate(claim.receivedOn, language) },
    { label: t('claims.fields.dueOn'), value: formatDate(claim.dueOn, language) },
    { label: t('claims.fields.contact'), value: claim.contactName },
    { label: t('claims.fields.responsible'), value: claim.responsibleName },
    { label: t('claims.fields.order'), value: claim.orderNumber },
    { label: t('claims.fields.description'), value: claim.description ? <LongText value={claim.description} /> : null },
    ...(claim.resolution
      ? [
          {
            label: closed ? t('claims.fields.resolution') : t('claims.previousResolution'),
            value: <LongText value={claim.resolution} />,
          },
        ]
      : []),
    ...(closed
      ? [
          { label: t('claims.fields.resolvedOn'), value: formatDate(claim.resolvedOn, language) },
          { label: t('claims.fields.daysToResolve'), value: days(claim.daysToResolve) },
        ]
      : []),
  ];

  return <FieldList items={items} labelWidth={180} />;
}

/** Every move of the claim from status to status, who made it, when, and the words said. */
function ClaimHistory({ claim }: { claim: ClaimDetailT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('claims.history')}
      </Title>
      <Timeline active={claim.history.length - 1} bulletSize={14} lineWidth={2} data-testid="claim-history">
        {claim.history.map((e) => (
          <Timeline.Item
            key={e.id}
            title={
              e.fromStatus === null
                ? t('claims.historyCreated')
                : t('claims.historyMoved', {
                    from: label('claimStatus', e.fromStatus),
                    to: label('claimStatus', e.toStatus),
                  })
            }
            data-testid="claim-history-item"
          >
            <Text size="xs" c="dimmed">
              {t('claims.historyBy', {
                user: e.userName ?? t('claims.systemUser'),
                at: formatDateTime(e.at, language),
              })}
            </Text>
            {e.note ? (
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Stack>
  );
}

/** The claim's fields in the same form it was recorded with; the client's people and documents come from its card. */
function ClaimEditor({ claim, onClose }: { claim: ClaimDetailT; onClose: () => void }) {
  const card = useClientCard(claim.clientId);
  if (card.isError) return <ErrorAlert error={card.error} onRetry={() => void card.refetch()} />;
  if (!card.data) return <PageLoader minHeight={120} />;
  return (
    <ClaimForm
      clientId={claim.clientId}
      ownerUserId={card.data.client.ownerUserId ?? null}
      contacts={card.data.contacts}
      orders={card.data.recentOrders}
      claim={claim}
      onCancel={onClose}
      onDone={onClose}
    />
  );
}
