/**
 * One sales document of the client, opened from the card's orders or payments: its header, its totals
 * with what was paid against it, every line with the article, quantity, price, cost and where the cost
 * came from, and the payments made against it.
 */
import type { ClientCardT } from '../../../contract/card.js';
import type { OrderT } from '../../../contract/sales.js';
import { Alert, Badge, Drawer, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney as kopecksToDecimal } from '../../../core/money/money.js';
import { FieldList, LongText } from '../../components/FieldList.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { OrderStatusBadge } from '../../components/StatusBadge.js';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatPercent,
  kopecksOf,
  marginShare,
  NO_VALUE,
} from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { useUsers } from '../../lib/users.js';
import { useClientPayments, useOrder } from './queries.js';
import { WideTable } from '../../components/WideTable.js';

type Line = OrderT['lines'][number];
type Basis = Line['costBasis'];

const Nowrap = ({ children }: { children: ReactNode }) => <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;
const basisColors: Record<Basis, string> = { document: 'indigo', catalogue: 'teal', unknown: 'orange' };

/** A quantity as the API states it ("2.500") in the language's style ("2,5"), exactly. */
function formatQuantity(value: string, language: string): string {
  const f = new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 3 });
  return f.format(value as `${number}`).replace('-', '\u2212');
}

/** amount − cost in roubles, exact (kopecks); null when the cost is unknown. */
const marginOf = (amount: string, cost: string | null): string | null =>
  cost === null ? null : kopecksToDecimal(kopecksOf(amount) - kopecksOf(cost));

export function OrderDrawer({
  orderId,
  card,
  onClose,
}: {
  orderId: number | null;
  card: ClientCardT;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const order = useOrder(orderId);
  const data = order.data && order.data.id === orderId ? order.data : undefined;
  return (
    <Drawer
      opened={orderId !== null}
      onClose={onClose}
      position="right"
      size="min(1320px, 100vw)"
      title={
        data
          ? t('card.order.title', { number: data.number, date: formatDate(data.orderDate, language) })
          : t('card.order.loadingTitle')
      }
      styles={{ title: { fontSize: 'var(--mantine-h3-font-size)', fontWeight: 700 } }}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="order-drawer"
    >
      {order.isError ? (
        <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />
      ) : !data ? (
        <PageLoader />
      ) : (
        <OrderView order={data} card={card} />
      )}
    </Drawer>
  );
}

function OrderView({ order: o, card }: { order: OrderT; card: ClientCardT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const users = useUsers();
  const manager = users.data?.find((u) => u.id === o.managerUserId)?.name ?? null;
  const entity = card.legalEntities.find((e) => e.id === o.legalEntityId);
  const uncosted = o.lines.filter((l) => l.costBasis === 'unknown').length;
  return (
    <Stack gap="md">
      <OrderTotals order={o} card={card} />
      {uncosted > 0 ? (
        <Alert color="orange" variant="light" data-testid="order-uncosted">
          {t('card.order.uncostedNote', { count: uncosted })}
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing={0}>
        <FieldList
          labelWidth={150}
          items={[
            { label: t('card.order.status'), value: <OrderStatusBadge status={o.status} /> },
            { label: t('card.order.date'), value: formatDate(o.orderDate, language) },
            {
              label: t('card.order.dueDate'),
              value: o.paymentDueDate ? formatDate(o.paymentDueDate, language) : null,
            },
            { label: t('card.order.legalEntity'), value: entity ? (entity.shortName ?? entity.fullName) : null },
            { label: t('card.order.manager'), value: manager },
          ]}
        />
        <FieldList
          labelWidth={150}
          items={[
            {
              label: t('card.order.deliveryMethod'),
              value: o.deliveryMethod ? label('deliveryMethod', o.deliveryMethod) : null,
            },
            { label: t('card.order.logisticsCost'), value: formatMoney(o.logisticsCost, language) },
            { label: t('card.order.externalId'), value: o.externalId },
            { label: t('card.order.notes'), value: o.notes ? <LongText value={o.notes} /> : null },
            { label: t('card.order.updatedAt'), value: formatDateTime(o.updatedAt, language) },
          ]}
        />
      </SimpleGrid>
      <div>
        <Title order={3} size="h5" mb="xs">
          {t('card.order.lines')}
        </Title>
        <OrderLines order={o} />
      </div>
      <OrderPayments order={o} clientId={card.client.id} />
    </Stack>
  );
}

function Figure({ label, value, hint, tone }: { label: string; value: string; hint?: string; tone?: 'bad' }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" c={tone === 'bad' ? 'red.7' : undefined}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

/** The document's sum, cost and margin, and what was paid against it (the balance when payments are tracked). */
function OrderTotals({ order: o, card }: { order: OrderT; card: ClientCardT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const payments = useClientPayments(card.client.id, { orderId: o.id, pageSize: 200, sort: '-paymentDate' });
  const paid = payments.data?.amount;
  const share = o.margin === null ? null : marginShare(o.margin, o.total);
  const balance = paid === undefined ? null : kopecksOf(o.total) - kopecksOf(paid);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="order-totals">
      <Figure label={t('card.order.total')} value={formatMoney(o.total, language)} />
      <Figure
        label={t('card.order.cost')}
        value={o.costTotal === null ? t('card.order.noCost') : formatMoney(o.costTotal, language)}
      />
      <Figure
        label={t('card.order.margin')}
        value={o.margin === null ? t('card.order.noCost') : formatMoney(o.margin, language)}
        hint={share !== null ? t('card.order.marginShare', { value: formatPercent(share, language) }) : undefined}
        tone={o.margin !== null && o.margin.startsWith('-') ? 'bad' : undefined}
      />
      <Figure
        label={t('card.order.paid')}
        value={paid === undefined ? NO_VALUE : formatMoney(paid, language)}
        hint={
          !card.purchases.paymentsTracked
            ? t('card.order.paymentsNotTracked')
            : balance === null || o.status === 'cancelled'
              ? undefined
              : balance > 0
                ? `${t('card.order.balance')}: ${formatMoney(kopecksToDecimal(balance), language)}`
                : balance < 0
                  ? t('card.order.overpaid', { value: formatMoney(kopecksToDecimal(-balance), language) })
                  : undefined
        }
      />
    </SimpleGrid>
  );
}

function OrderLines({ order: o }: { order: OrderT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const costKnown = o.costTotal !== null;
  return (
    <WideTable minWidth={1180} label={t('card.order.linesCaption', { number: o.number })}>
      <Table
        verticalSpacing="xs"
        striped
        aria-label={t('card.order.linesCaption', { number: o.number })}
        data-testid="order-lines"
      >
        <Table.Thead>
          <Table.Tr style={{ whiteSpace: 'nowrap' }}>
            <Table.Th ta="right">{t('card.order.lineNo')}</Table.Th>
            <Table.Th>{t('card.order.sku')}</Table.Th>
            <Table.Th w="100%">{t('card.order.product')}</Table.Th>
            <Table.Th ta="right">{t('card.order.quantity')}</Table.Th>
            <Table.Th ta="right">{t('card.order.price')}</Table.Th>
            <Table.Th ta="right">{t('card.order.amount')}</Table.Th>
            <Table.Th ta="right">{t('card.order.unitCost')}</Table.Th>
            <Table.Th ta="right">{t('card.order.costAmount')}</Table.Th>
            <Table.Th>{t('card.order.costBasis')}</Table.Th>
            <Table.Th ta="right">{t('card.order.lineMargin')}</Table.Th>
            <Table.Th ta="right">{t('card.order.lineMarginPct')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {o.lines.map((l) => (
            <LineRow key={l.lineNo} line={l} />
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Td />
            <Table.Td colSpan={4}>{t('card.order.totalRow')}</Table.Td>
            <Table.Td ta="right">
              <Nowrap>{formatMoney(o.total, language)}</Nowrap>
            </Table.Td>
            <Table.Td />
            <Table.Td ta="right">
              <Nowrap>{costKnown ? formatMoney(o.costTotal, language) : NO_VALUE}</Nowrap>
            </Table.Td>
            <Table.Td />
            <Table.Td ta="right">
              <Nowrap>{costKnown ? formatMoney(o.margin, language) : NO_VALUE}</Nowrap>
            </Table.Td>
            <Table.Td ta="right">
              <Nowrap>
                {costKnown && o.margin !== null ? formatPercent(marginShare(o.margin, o.total), language, 1) : NO_VALUE}
              </Nowrap>
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </WideTable>
  );
}

function LineRow({ line: l }: { line: Line }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const margin = marginOf(l.amount, l.costAmount);
  const share = margin === null ? null : marginShare(margin, l.amount);
  return (
    <Table.Tr data-testid={`order-line-${l.lineNo}`}>
      <Table.Td ta="right">{l.lineNo}</Table.Td>
      <Table.Td>
        <Nowrap>{l.sku}</Nowrap>
      </Table.Td>
      <Table.Td>{l.productName}</Table.Td>
      <Table.Td ta="right">
        <Nowrap>{formatQuantity(l.quantity, language)}</Nowrap>
      </Table.Td>
      <Table.Td ta="right">
        <Nowrap>{formatMoney(l.price, language)}</Nowrap>
      </Table.Td>
      <Table.Td ta="right">
        <Nowrap>{formatMoney(l.amount, language)}</Nowrap>
      </Table.Td>
      <Table.Td ta="right">
        <Nowrap>{formatMoney(l.unitCost, language)}</Nowrap>
      </Table.Td>
      <Table.Td ta="right">
        <Nowrap>{formatMoney(l.costAmount, language)}</Nowrap>
      </Table.Td>
      <Table.Td>
        <Tooltip label={t(`card.order.basisHint.${l.costBasis}`)} multiline w={280} withinPortal>
          <Badge
            variant="light"
            color={basisColors[l.costBasis]}
            tt="none"
            data-testid={`order-line-basis-${l.lineNo}`}
          >
            {t(`card.order.basis.${l.costBasis}`)}
          </Badge>
        </Tooltip>
      </Table.Td>
      <Table.Td ta="right">
        <Text span size="sm" c={margin !== null && margin.startsWith('-') ? 'red.7' : undefined}>
          <Nowrap>{formatMoney(margin, language)}</Nowrap>
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Nowrap>{formatPercent(share, language, 1)}</Nowrap>
      </Table.Td>
    </Table.Tr>
  );
}

/** The payments made against this document, from the client's payments filtered by it. */
function OrderPayments({ order: o, clientId }: { order: OrderT; clientId: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const payments = useClientPayments(clientId, { orderId: o.id, pageSize: 200, sort: '-paymentDate' });
  return (
    <div>
      <Title order={3} size="h5" mb="xs">
        {t('card.order.payments')}
      </Title>
      {payments.isError ? (
        <ErrorAlert error={payments.error} onRetry={() => void payments.refetch()} />
      ) : !payments.data ? (
        <PageLoader minHeight={60} />
      ) : payments.data.items.length === 0 ? (
        <EmptyBlock title={t('card.order.noPayments')} />
      ) : (
        <Table verticalSpacing="xs" aria-label={t('card.order.payments')} data-testid="order-payments">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('card.payments.date')}</Table.Th>
              <Table.Th ta="right">{t('card.payments.amount')}</Table.Th>
              <Table.Th>{t('card.payments.notes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Nowrap>{formatDate(p.paymentDate, language)}</Nowrap>
                </Table.Td>
                <Table.Td ta="right">
                  <Nowrap>{formatMoney(p.amount, language)}</Nowrap>
                </Table.Td>
                <Table.Td>
                  <LongText value={p.notes} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </div>
  );
}
