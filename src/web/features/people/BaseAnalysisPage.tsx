/**
 * The base analysis (docs/domain.md §4) across the client base: filter by a question we cannot answer and by the
 * client's significance (and owner), e.g. "key and major clients whose decision maker we do not know";
 * each client links to the people tab of its card, where the gap is filled.
 */
import type { BaseAnalysisPageT } from '../../../contract/people.js';
import { baseAnalysisQuestions, type BaseAnalysisQuestion } from '../../../core/people/base-analysis.js';
import { Anchor, Badge, Chip, Group, Select, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { withFilterChanges } from '../../lib/address.js';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Pager } from '../../components/Pager.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { significances } from '../../lib/enums.js';
import { formatMoney, formatNumber, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { useUsers } from '../../lib/users.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { Section } from '../../components/Section.js';
import { useBaseAnalysis } from './api.js';
import { WideTable } from '../../components/WideTable.js';

const PAGE_SIZE = 25;
const significanceChoices = [...significances, 'none'] as const;
const isQuestion = (v: unknown): v is BaseAnalysisQuestion =>
  typeof v === 'string' && (baseAnalysisQuestions as readonly string[]).includes(v);

export default function BaseAnalysisPage() {
  const [params, setParams] = useSearchParams();
  const missingParam = params.get('missing');
  const missing = isQuestion(missingParam) ? missingParam : undefined;
  const chosen = (params.get('significance') ?? '')
    .split(',')
    .filter((s) => (significanceChoices as readonly string[]).includes(s));
  const ownerParam = Number(params.get('owner') ?? '');
  const ownerUserId = Number.isInteger(ownerParam) && ownerParam > 0 ? ownerParam : undefined;
  const pageParam = Number(params.get('page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const filter = {
    missing,
    significance: chosen.length ? chosen.join(',') : undefined,
    ownerUserId,
    page,
    pageSize: PAGE_SIZE,
  };
  const report = useBaseAnalysis(filter);

  const update = (changes: Record<string, string | null>) => setParams((prev) => withFilterChanges(prev, changes));

  if (report.isPending) return <PageLoader />;
  if (report.isError && !report.data) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const data = report.data;

  return (
    <Stack gap="md">
      <BaseFilters missing={missing} chosen={chosen} ownerUserId={ownerUserId} update={update} />
      <BaseSummary data={data} missing={missing} update={update} />
      <BaseList report={report} data={data} filter={filter} update={update} />
    </Stack>
  );
}

type Update = (changes: Record<string, string | null>) => void;

/** The question we cannot answer, the manager and the significances the list is narrowed to. */
function BaseFilters({
  missing,
  chosen,
  ownerUserId,
  update,
}: {
  missing: BaseAnalysisQuestion | undefined;
  chosen: string[];
  ownerUserId: number | undefined;
  update: Update;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const users = useUsers();
  const significanceLabel = (s: string) => (s === 'none' ? t('people.base.noSignificance') : label('significance', s));
  return (
    <Section title={t('people.base.title')} description={t('people.base.description')} testId="base-filters">
      <Stack gap="sm">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label={t('people.base.missing')}
            w={320}
            data-testid="base-missing"
            data={[
              { value: '', label: t('people.base.anyQuestion') },
              ...baseAnalysisQuestions.map((q) => ({ value: q, label: t(`people.questions.${q}`) })),
            ]}
            value={missing ?? ''}
            onChange={(v) => update({ missing: v })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label={t('people.base.owner')}
            w={260}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            placeholder={t('people.base.allOwners')}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            value={ownerUserId ? String(ownerUserId) : null}
            onChange={(v) => update({ owner: v })}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('people.base.significance')}
          </Text>
          <Chip.Group multiple value={chosen} onChange={(v) => update({ significance: v.join(',') })}>
            <Group gap="xs" data-testid="base-significance">
              {significanceChoices.map((s) => (
                <Chip key={s} value={s} size="sm">
                  {significanceLabel(s)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </div>
      </Stack>
    </Section>
  );
}

/** For each question, how many of the clients shown cannot answer it; a click narrows the list to them. */
function BaseSummary({
  data,
  missing,
  update,
}: {
  data: BaseAnalysisPageT;
  missing: BaseAnalysisQuestion | undefined;
  update: Update;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Section
      title={t('people.base.summaryTitle')}
      description={t('people.base.summaryDescription', {
        count: data.clients,
        clients: formatNumber(data.clients, language),
      })}
      testId="base-summary"
    >
      <Group gap="xs" wrap="wrap">
        {data.summary.map((s) => (
          <UnstyledButton
            key={s.key}
            onClick={() => update({ missing: missing === s.key ? null : s.key })}
            aria-pressed={missing === s.key}
            data-testid={`base-summary-${s.key}`}
          >
            <Badge
              size="lg"
              variant={missing === s.key ? 'filled' : 'light'}
              color={s.missing === 0 ? 'teal' : 'red'}
              tt="none"
            >
              {t(`people.questions.${s.key}`)}: {formatNumber(s.missing, language)}
            </Badge>
          </UnstyledButton>
        ))}
      </Group>
    </Section>
  );
}

/** The clients with what we know of them and the questions still open, a page at a time. */
function BaseList({
  report,
  data,
  filter,
  update,
}: {
  report: ReturnType<typeof useBaseAnalysis>;
  data: BaseAnalysisPageT;
  filter: {
    missing: BaseAnalysisQuestion | undefined;
    significance: string | undefined;
    ownerUserId: number | undefined;
    page: number;
  };
  update: Update;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const location = useLocation();
  const { missing, ownerUserId, page } = filter;
  const from = location.pathname + location.search;
  return (
    <Section
      title={
        missing
          ? t('people.base.listMissing', { question: t(`people.questions.${missing}`) })
          : t('people.base.listTitle')
      }
      description={t('people.base.listDescription', {
        count: data.total,
        clients: formatNumber(data.total, language),
      })}
      actions={
        <ExportButtons
          path="/people/base-analysis"
          query={{ missing, significance: filter.significance, ownerUserId }}
          testIdPrefix="base-export"
        />
      }
      testId="base-list"
    >
      {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
      {data.items.length === 0 ? (
        <EmptyBlock title={t('people.base.empty')} description={t('people.base.emptyDescription')} />
      ) : (
        <WideTable minWidth={980} label={t('people.base.listTitle')}>
          <Table
            verticalSpacing="sm"
            striped
            aria-label={t('people.base.listTitle')}
            style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th miw={200}>{t('people.base.client')}</Table.Th>
                <Table.Th>{t('people.base.significance')}</Table.Th>
                <Table.Th>{t('people.base.owner')}</Table.Th>
                <Table.Th ta="right">{t('people.base.revenue')}</Table.Th>
                <Table.Th ta="right">{t('people.base.profit')}</Table.Th>
                <Table.Th ta="right">{t('people.base.contacts')}</Table.Th>
                <Table.Th>{t('people.base.answered')}</Table.Th>
                <Table.Th>{t('people.base.missingColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => (
                <Table.Tr key={r.clientId} data-testid={`base-row-${r.clientId}`}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/clients/${r.clientId}?tab=people`}
                      state={{ from }}
                      fw={600}
                      size="sm"
                    >
                      {r.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.significance ? label('significance', r.significance) : NO_VALUE}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.ownerName ?? NO_VALUE}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(r.revenue, language)}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    style={{ whiteSpace: 'nowrap' }}
                    c={r.profit?.startsWith('-') ? 'red.7' : undefined}
                  >
                    {formatMoney(r.profit, language)}
                  </Table.Td>
                  <Table.Td ta="right">{r.contacts}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {t('people.base.answeredOf', {
                      answered: r.answered.length,
                      total: baseAnalysisQuestions.length,
                    })}
                  </Table.Td>
                  <Table.Td>
                    <MissingBadges missing={r.missing} chosen={missing} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
      <Pager
        total={data.total}
        pageSize={PAGE_SIZE}
        page={page}
        onChange={(v) => update({ page: v === 1 ? null : String(v) })}
        label={t('clients.pagination')}
        withEdges
        mt="md"
      />
    </Section>
  );
}

const SHOWN = 3;

/** The questions a client misses: the one filtered by first, a few more, and how many besides (all of them on hover). */
function MissingBadges({
  missing,
  chosen,
}: {
  missing: BaseAnalysisQuestion[];
  chosen: BaseAnalysisQuestion | undefined;
}) {
  const { t } = useTranslation();
  if (missing.length === 0)
    return (
      <Badge size="xs" color="teal" variant="light" tt="none">
        {t('people.base.allKnown')}
      </Badge>
    );
  const ordered = chosen && missing.includes(chosen) ? [chosen, ...missing.filter((q) => q !== chosen)] : missing;
  const rest = ordered.slice(SHOWN);
  return (
    <Group gap={4}>
      {ordered.slice(0, SHOWN).map((q) => (
        <Badge key={q} size="xs" variant={q === chosen ? 'filled' : 'light'} color="red" tt="none">
          {t(`people.questions.${q}`)}
        </Badge>
      ))}
      {rest.length ? (
        <Badge
          size="xs"
          variant="outline"
          color="gray"
          tt="none"
          title={rest.map((q) => t(`people.questions.${q}`)).join('\n')}
        >
          {t('people.base.more', { count: rest.length })}
        </Badge>
      ) : null}
    </Group>
  );
}
