/**
 * The client card's orders and payments: every document and payment of the client, a page at a time
 * from the server, sortable, exported as the other lists are; a document opens with its lines, and a
 * payment names the document it pays by its number.
 */
import type { ClientCardT } from '../../../contract/card.js';
import type { ClientOrderItemT, ClientPaymentItemT } from '../../../contract/sales.js';
import { Anchor, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButtons } from '../../components/ExportButtons.js';
import { LongText } from '../../components/FieldList.js';
import { PagedTable } from '../../components/PagedTable.js';
import { EmptyBlock } from '../../components/QueryStates.js';
import { listSortParam, SortableTh, type ListSort } from '../../components/SortableTh.js';
import { OrderStatusBadge } from '../../components/StatusBadge.js';
import { formatDate, formatMoney, formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import { OrderDrawer } from './OrderDrawer.js';
import { useClientOrders, useClientPayments } from './queries.js';
import { WideTable } from '../../components/WideTable.js';

const PAGE_SIZE = 25;

const Nowrap = ({ children }: { children: ReactNode }) => <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;

/** A sort state where a new column starts in its natural direction and a second press turns it. */
function useListSort<K extends string>(initial: ListSort<K>, descendingFirst: ReadonlySet<K>) {
  const [sort, setSort] = useState<ListSort<K>>(initial);
  const [page, setPage] = useState(1);
  const onSort = (key: K) => {
    setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: descendingFirst.has(key) }));
    setPage(1);
  };
  return { sort, onSort, page, setPage };
}

type OrderSort = 'orderDate' | 'number' | 'status' | 'total' | 'paymentDueDate';
const ordersDescendingFirst = new Set<OrderSort>(['orderDate', 'total']);

export function OrdersSection({ card }: { card: ClientCardT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const clientId = card.client.id;
  const statusOptions = useEnumOptions('orderStatus');
  const [status, setStatus] = useState<string | null>(null);
  const { sort, onSort, page, setPage } = useListSort<OrderSort>(
    { key: 'orderDate', desc: true },
    ordersDescendingFirst,
  );
  const [openId, setOpenId] = useState<number | null>(null);
  const query = { page, pageSize: PAGE_SIZE, sort: listSortParam(sort), status: status ?? undefined };
  const orders = useClientOrders(clientId, query);
  const th = (key: OrderSort, label: string, numeric = false) => (
    <SortableTh
      column={key}
      label={label}
      sort={sort}
      onSort={onSort}
      numeric={numeric}
      testId={`orders-sort-${key}`}
    />
  );

  return (
    <Stack gap="sm" data-testid="client-orders">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            {t('card.orders.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="client-orders-count">
            {orders.data ? t('card.orders.count', { value: formatNumber(orders.data.total, language) }) : '\u00a0'}
          </Text>
        </div>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            w={200}
            size="xs"
            aria-label={t('card.orders.status')}
            placeholder={t('card.orders.anyStatus')}
            data={statusOptions}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid="client-orders-status"
          />
          <ExportButtons
            path={`/clients/${clientId}/orders`}
            query={{ sort: listSortParam(sort), status: status ?? undefined }}
            testIdPrefix="client-orders-export"
          />
        </Group>
      </Group>
      <PagedTable
        query={orders}
        empty={<EmptyBlock title={status ? t('card.orders.emptyFiltered') : t('card.orders.empty')} />}
        pager={{ page, pageSize: PAGE_SIZE, onChange: setPage, label: t('card.orders.pagination'), withEdges: true }}
      >
        {(data) => (
          <WideTable minWidth={1000} label={t('card.orders.caption')}>
            <Table
              verticalSpacing="xs"
              striped
              highlightOnHover
              aria-label={t('card.orders.caption')}
              aria-busy={orders.isFetching}
              style={{ opacity: orders.isPlaceholderData ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  {th('number', t('card.orders.number'))}
                  {th('orderDate', t('card.orders.date'))}
                  {th('status', t('card.orders.status'))}
                  {th('total', t('card.orders.total'), true)}
                  <Table.Th ta="right">{t('card.orders.cost')}</Table.Th>
                  <Table.Th ta="right">{t('card.orders.margin')}</Table.Th>
                  <Table.Th ta="right">{t('card.orders.paid')}</Table.Th>
                  {th('paymentDueDate', t('card.orders.dueDate'))}
                  <Table.Th ta="right">{t('card.orders.lines')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((o) => (
                  <OrderRow key={o.id} order={o} onOpen={() => setOpenId(o.id)} />
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </PagedTable>
      <OrderDrawer orderId={openId} card={card} onClose={() => setOpenId(null)} />
    </Stack>
  );
}

function OrderRow({ order: o, onOpen }: { order: ClientOrderItemT; onOpen: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const unknown = (
    <Text span size="sm" c="dimmed" title={t('card.orders.unknownHint')}>
      {t('card.orders.unknown')}
    </Text>
  );
  const negative = o.margin !== null && o.margin.startsWith('-');
  return (
    <Table.Tr style={{ cursor: 'pointer' }} onClick={onOpen} data-testid={`client-order-${o.id}`}>
      <Table.Td>
        <Anchor
          component="button"
          type="button"
          size="sm"
          fw={600}
          onClick={(e) => {
            e.stopPropagation();
            onOpen();
          }}
          aria-label={t('card.orders.open', { number: o.number })}
        >
          <Nowrap>{o.number}</Nowrap>
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Nowrap>{formatDate(o.orderDate, language)}</Nowrap>
      </Table.Td>
      <Table.Td>
        <OrderStatusBadge status={o.status} />
      </Table.Td>
      <Table.Td ta="right">
        <Nowrap>{formatMoney(o.total, language)}</Nowrap>
      </Table.Td>
      <Table.Td ta="right">
        {o.costTotal === null ? unknown : <Nowrap>{formatMoney(o.costTotal, language)}</Nowrap>}
      </Table.Td>
      <Table.Td ta="right">
        {o.margin === null ? (
          unknown
        ) : (
          <Text span size="sm" c={negative ? 'red.7' : undefined}>
            <Nowrap>{formatMoney(o.margin, language)}</Nowrap>
          </Text>
        )}
      </Table.Td>
      <Table.Td ta="right">
        <Nowrap>{formatMoney(o.paid, language)}</Nowrap>
      </Table.Td>
      <Table.Td>
        <Nowrap>{formatDate(o.paymentDueDate, language)}</Nowrap>
      </Table.Td>
      <Table.Td ta="right">{formatNumber(o.lineCount, language)}</Table.Td>
    </Table.Tr>
  );
}

type PaymentSort = 'paymentDate' | 'amount';
const paymentsDescendingFirst = new Set<PaymentSort>(['paymentDate', 'amount']);

export function PaymentsSection({ card }: { card: ClientCardT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const clientId = card.client.id;
  const { sort, onSort, page, setPage } = useListSort<PaymentSort>(
    { key: 'paymentDate', desc: true },
    paymentsDescendingFirst,
  );
  const [openId, setOpenId] = useState<number | null>(null);
  const payments = useClientPayments(clientId, { page, pageSize: PAGE_SIZE, sort: listSortParam(sort) });

  return (
    <Stack gap="sm" data-testid="client-payments">
      <Group justify="space-between" align="flex-end" gap="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            {t('card.payments.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="client-payments-summary">
            {payments.data
              ? t('card.payments.summary', {
                  count: payments.data.total,
                  value: formatNumber(payments.data.total, language),
                  amount: formatMoney(payments.data.amount, language),
                })
              : '\u00a0'}
          </Text>
        </div>
        <ExportButtons
          path={`/clients/${clientId}/payments`}
          query={{ sort: listSortParam(sort) }}
          testIdPrefix="client-payments-export"
        />
      </Group>
      <PagedTable
        query={payments}
        empty={<EmptyBlock title={t('card.payments.empty')} />}
        pager={{ page, pageSize: PAGE_SIZE, onChange: setPage, label: t('card.payments.pagination'), withEdges: true }}
      >
        {(data) => (
          <PaymentsTable
            items={data.items}
            sort={sort}
            onSort={onSort}
            onOpenOrder={setOpenId}
            busy={payments.isFetching}
            dimmed={payments.isPlaceholderData}
          />
        )}
      </PagedTable>
      <OrderDrawer orderId={openId} card={card} onClose={() => setOpenId(null)} />
    </Stack>
  );
}

function PaymentsTable({
  items,
  sort,
  onSort,
  onOpenOrder,
  busy,
  dimmed,
}: {
  items: ClientPaymentItemT[];
  sort: ListSort<PaymentSort>;
  onSort: (key: PaymentSort) => void;
  onOpenOrder: (id: number) => void;
  busy: boolean;
  dimmed: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <WideTable minWidth={720} label={t('card.payments.caption')}>
      <Table
        verticalSpacing="xs"
        striped
        aria-label={t('card.payments.caption')}
        aria-busy={busy}
        style={{ opacity: dimmed ? 0.6 : 1 }}
      >
        <Table.Thead>
          <Table.Tr>
            <SortableTh
              column="paymentDate"
              label={t('card.payments.date')}
              sort={sort}
              onSort={onSort}
              testId="payments-sort-paymentDate"
            />
            <SortableTh
              column="amount"
              label={t('card.payments.amount')}
              sort={sort}
              onSort={onSort}
              numeric
              testId="payments-sort-amount"
            />
            <Table.Th>{t('card.payments.order')}</Table.Th>
            <Table.Th>{t('card.payments.orderDate')}</Table.Th>
            <Table.Th>{t('card.payments.notes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id} data-testid={`client-payment-${p.id}`}>
              <Table.Td>
                <Nowrap>{formatDate(p.paymentDate, language)}</Nowrap>
              </Table.Td>
              <Table.Td ta="right">
                <Nowrap>{formatMoney(p.amount, language)}</Nowrap>
              </Table.Td>
              <Table.Td>
                {p.orderId !== null && p.orderNumber !== null ? (
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    onClick={() => p.orderId !== null && onOpenOrder(p.orderId)}
                    aria-label={t('card.payments.openOrder', { number: p.orderNumber })}
                  >
                    <Nowrap>{p.orderNumber}</Nowrap>
                  </Anchor>
                ) : (
                  <Text span size="sm" c="dimmed" fs="italic">
                    {t('card.payments.noOrder')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Nowrap>{formatDate(p.orderDate, language)}</Nowrap>
              </Table.Td>
              <Table.Td>
                <LongText value={p.notes} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
