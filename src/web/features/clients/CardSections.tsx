/** The blocks of the client card, each a pure view of ClientCardT. */
import type { ClientCardT } from '../../../contract/card.js';
import type { ContactT } from '../../../contract/clients.js';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FieldList, LongText } from '../../components/FieldList.js';
import { EmptyBlock } from '../../components/QueryStates.js';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  marginShare,
  NO_VALUE,
  splitMinutes,
} from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { HiddenValue } from '../../components/Hidden.js';
import classes from './clients.module.css';
import { WideTable } from '../../components/WideTable.js';

type CardProps = { card: ClientCardT };

const Nowrap = ({ children }: { children: ReactNode }) => <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;

export function ProfileSection({ card }: CardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const c = card.client;
  return (
    <FieldList
      items={[
        { label: t('card.profile.industry'), value: c.industry },
        { label: t('card.profile.region'), value: c.region },
        { label: t('card.profile.regionNotes'), value: c.regionNotes ? <LongText value={c.regionNotes} /> : null },
        { label: t('card.profile.significance'), value: c.significance ? label('significance', c.significance) : null },
        {
          label: t('card.profile.significanceNotes'),
          value: c.significanceNotes ? <LongText value={c.significanceNotes} /> : null,
        },
        {
          label: t('card.profile.financialCondition'),
          value: c.financialCondition ? label('financialCondition', c.financialCondition) : null,
        },
        {
          label: t('card.profile.financialNotes'),
          value: c.financialNotes ? <LongText value={c.financialNotes} /> : null,
        },
        { label: t('card.profile.owner'), value: card.ownerName },
        {
          label: t('card.profile.category'),
          value: c.categoryOverride ? label('categoryOverride', c.categoryOverride) : null,
        },
        {
          label: t('card.profile.categoryReason'),
          value: c.categoryOverrideReason ? <LongText value={c.categoryOverrideReason} /> : null,
        },
        { label: t('card.profile.externalId'), value: c.externalId },
        { label: t('card.profile.createdAt'), value: formatDateTime(c.createdAt, language) },
        { label: t('card.profile.updatedAt'), value: formatDateTime(c.updatedAt, language) },
      ]}
    />
  );
}

/** Block 2's financial terms: typed by people, unlike the purchase facts beside them. */
export function TermsSection({ card }: CardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const c = card.client;
  return (
    <FieldList
      items={[
        {
          label: t('card.profile.creditLimit'),
          value: c.creditLimit !== null ? formatMoney(c.creditLimit, language) : null,
        },
        {
          label: t('card.profile.paymentDeferral'),
          value: c.paymentDeferralDays !== null ? formatNumber(c.paymentDeferralDays, language) : null,
        },
      ]}
    />
  );
}

/** The contacts table; `actions` adds a last column of buttons for each person (edit, delete). */
export function ContactsSection({
  card,
  actions,
}: CardProps & { actions?: ((contact: ContactT) => ReactNode) | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  if (card.contacts.length === 0) return <EmptyBlock title={t('card.contacts.empty')} />;
  return (
    <WideTable minWidth={960} label={t('card.contacts.caption')}>
      <Table verticalSpacing="sm" striped aria-label={t('card.contacts.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('card.contacts.name')}</Table.Th>
            <Table.Th>{t('card.contacts.position')}</Table.Th>
            <Table.Th>{t('card.contacts.roles')}</Table.Th>
            <Table.Th>{t('card.contacts.influence')}</Table.Th>
            <Table.Th>{t('card.contacts.attitude')}</Table.Th>
            <Table.Th>{t('card.contacts.phones')}</Table.Th>
            <Table.Th>{t('card.contacts.emails')}</Table.Th>
            <Table.Th>{t('card.contacts.birthday')}</Table.Th>
            {actions ? (
              <Table.Th>
                <VisuallyHidden>{t('card.contacts.actions')}</VisuallyHidden>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {card.contacts.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {c.fullName}
                </Text>
                {c.notes ? (
                  <Text size="xs" c="dimmed" className={classes.prewrap}>
                    {c.notes}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{c.position || NO_VALUE}</Table.Td>
              <Table.Td>
                {c.decisionRoles.length ? (
                  <Group gap={4}>
                    {c.decisionRoles.map((r) => (
                      <Badge key={r} size="xs" variant="light" tt="none">
                        {label('decisionRole', r)}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  NO_VALUE
                )}
              </Table.Td>
              <Table.Td>{label('influence', c.influence)}</Table.Td>
              <Table.Td>
                <AttitudeText value={c.attitude} />
              </Table.Td>
              <Table.Td>
                {c.personalDataHidden ? (
                  <HiddenValue />
                ) : c.phones.length ? (
                  <Stack gap={2}>
                    {c.phones.map((p) => (
                      <Anchor key={p} size="sm" href={`tel:${p.replace(/[^\d+]/g, '')}`}>
                        <Nowrap>{p}</Nowrap>
                      </Anchor>
                    ))}
                  </Stack>
                ) : (
                  NO_VALUE
                )}
              </Table.Td>
              <Table.Td>
                {c.personalDataHidden ? (
                  <HiddenValue />
                ) : c.emails.length ? (
                  <Stack gap={2}>
                    {c.emails.map((e) => (
                      <Anchor key={e} size="sm" href={`mailto:${e}`}>
                        {e}
                      </Anchor>
                    ))}
                  </Stack>
                ) : (
                  NO_VALUE
                )}
              </Table.Td>
              <Table.Td>
                {c.personalDataHidden ? <HiddenValue /> : <Nowrap>{formatDate(c.birthday, language)}</Nowrap>}
              </Table.Td>
              {actions ? <Table.Td>{actions(c)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function AttitudeText({ value }: { value: string | null }) {
  const label = useEnumLabel();
  const color = value === 'ally' ? 'teal.7' : value === 'opponent' ? 'red.7' : undefined;
  return (
    <Text size="sm" {...(color ? { c: color } : {})}>
      {label('attitude', value)}
    </Text>
  );
}

export function LogisticsSection({ card }: CardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const c = card.client;
  return (
    <FieldList
      items={[
        {
          label: t('card.logistics.deliveryMethod'),
          value: c.deliveryMethod ? label('deliveryMethod', c.deliveryMethod) : null,
        },
        { label: t('card.logistics.transportType'), value: c.transportType },
        {
          label: t('card.logistics.typicalTransportCost'),
          value: c.typicalTransportCost !== null ? formatMoney(c.typicalTransportCost, language) : null,
        },
        { label: t('card.logistics.customsNeeded'), value: c.customsNeeded ? t('common.yes') : t('common.no') },
        { label: t('card.logistics.specialPackaging'), value: c.specialPackaging },
        {
          label: t('card.logistics.deliveryAddress'),
          value: c.deliveryAddress ? <LongText value={c.deliveryAddress} /> : null,
        },
      ]}
    />
  );
}

export function KnowledgeSection({ card }: CardProps) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const c = card.client;
  return (
    <Stack gap="lg">
      <FieldList
        items={[
          { label: t('card.knowledge.management'), value: c.management ? <LongText value={c.management} /> : null },
          {
            label: t('card.knowledge.powerStructureNotes'),
            value: c.powerStructureNotes ? <LongText value={c.powerStructureNotes} /> : null,
          },
          {
            label: t('card.knowledge.orgStructure'),
            value: c.orgStructure ? <LongText value={c.orgStructure} /> : null,
          },
          { label: t('card.knowledge.futurePlans'), value: c.futurePlans ? <LongText value={c.futurePlans} /> : null },
          { label: t('card.profile.notes'), value: c.notes ? <LongText value={c.notes} /> : null },
          {
            label: t('card.tags'),
            value: c.tags.length ? (
              <Group gap={4}>
                {c.tags.map((tag) => (
                  <Badge key={tag} variant="default" tt="none">
                    {tag}
                  </Badge>
                ))}
              </Group>
            ) : null,
          },
        ]}
      />
      <div>
        <Title order={3} size="h5" mb="xs">
          {t('card.knowledge.relations')}
        </Title>
        {card.relations.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('card.knowledge.noRelations')}
          </Text>
        ) : (
          <WideTable minWidth={560} label={t('card.knowledge.relations')}>
            <Table verticalSpacing="xs" aria-label={t('card.knowledge.relations')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('card.knowledge.relatedClient')}</Table.Th>
                  <Table.Th>{t('card.knowledge.relationKind')}</Table.Th>
                  <Table.Th>{t('card.knowledge.relationNotes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {card.relations.map((r) => (
                  <Table.Tr key={`${r.relatedClientId}:${r.kind}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/clients/${r.relatedClientId}`} size="sm">
                        {r.relatedClientName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{label('relationKind', r.kind)}</Table.Td>
                    <Table.Td>
                      <LongText value={r.notes} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </div>
    </Stack>
  );
}

function Stat({
  label,
  value,
  hint,
  tone,
}: {
  label: string;
  value: string;
  hint?: string | undefined;
  tone?: 'bad' | undefined;
}) {
  return (
    <Paper withBorder radius="md" p="sm" className={classes.stat}>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text
        component="dd"
        m={0}
        fw={700}
        size="lg"
        c={tone === 'bad' ? 'red.7' : undefined}
        style={{ overflowWrap: 'anywhere' }}
      >
        {value}
      </Text>
      {hint ? (
        <Text component="dd" m={0} size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

export function PurchasesSection({ card }: CardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const p = card.purchases;
  const share = p.grossMargin === null ? null : marginShare(p.grossMargin, p.revenue);
  const { hours, minutes } = splitMinutes(p.interactionMinutes);
  const overdue = Number(p.overdue) > 0;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('card.purchases.caption')}
      </Text>
      <SimpleGrid component="dl" m={0} cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
        <Stat label={t('card.purchases.orders')} value={formatNumber(p.orders, language)} />
        <Stat label={t('card.purchases.revenue')} value={formatMoney(p.revenue, language)} />
        <Stat
          label={t('card.purchases.grossMargin')}
          value={p.grossMargin === null ? t('figures.noCostData') : formatMoney(p.grossMargin, language)}
          hint={share !== null ? t('card.purchases.marginShare', { value: formatPercent(share, language) }) : undefined}
        />
        <Stat label={t('card.purchases.firstOrderDate')} value={formatDate(p.firstOrderDate, language)} />
        <Stat label={t('card.purchases.lastOrderDate')} value={formatDate(p.lastOrderDate, language)} />
        <Stat label={t('card.purchases.paid')} value={formatMoney(p.paid, language)} />
        {p.paymentsTracked ? (
          <>
            <Stat label={t('card.purchases.balanceDue')} value={formatMoney(p.balanceDue, language)} />
            <Stat
              label={t('card.purchases.overdue')}
              value={formatMoney(p.overdue, language)}
              tone={overdue ? 'bad' : undefined}
            />
          </>
        ) : (
          <Stat
            label={t('card.purchases.overdue')}
            value={t('clientAnalytics.paymentsNotTracked')}
            hint={t('card.purchases.paymentsNotTracked')}
          />
        )}
        <Stat label={t('card.purchases.productsBought')} value={formatNumber(p.productsBought, language)} />
        <Stat
          label={t('card.purchases.interactionMinutes')}
          value={t('card.purchases.hoursMinutes', { hours: formatNumber(hours, language), minutes })}
        />
        <Stat label={t('card.purchases.relationshipSpend')} value={formatMoney(p.relationshipSpend, language)} />
      </SimpleGrid>
    </Stack>
  );
}

export function InteractionsSection({ card }: CardProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  if (card.recentInteractions.length === 0) return <EmptyBlock title={t('card.interactions.empty')} />;
  const contactName = new Map(card.contacts.map((c) => [c.id, c.fullName]));
  return (
    <WideTable minWidth={900} label={t('card.interactions.caption')}>
      <Table verticalSpacing="xs" striped aria-label={t('card.interactions.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('card.interactions.occurredAt')}</Table.Th>
            <Table.Th>{t('card.interactions.kind')}</Table.Th>
            <Table.Th>{t('addInteraction.contact')}</Table.Th>
            <Table.Th ta="right">{t('card.interactions.duration')}</Table.Th>
            <Table.Th ta="right">{t('card.interactions.moneySpent')}</Table.Th>
            <Table.Th>{t('card.interactions.outcome')}</Table.Th>
            <Table.Th>{t('card.interactions.notes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {card.recentInteractions.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Nowrap>{formatDateTime(i.occurredAt, language)}</Nowrap>
              </Table.Td>
              <Table.Td>{label('interactionKind', i.kind)}</Table.Td>
              <Table.Td>{i.contactId !== null ? (contactName.get(i.contactId) ?? NO_VALUE) : NO_VALUE}</Table.Td>
              <Table.Td ta="right">
                <Nowrap>
                  {t('card.interactions.minutesValue', { value: formatNumber(i.durationMinutes, language) })}
                </Nowrap>
              </Table.Td>
              <Table.Td ta="right">
                <Nowrap>{formatMoney(i.moneySpent, language)}</Nowrap>
              </Table.Td>
              <Table.Td>
                <LongText value={i.outcome} />
              </Table.Td>
              <Table.Td>
                <LongText value={i.notes} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
