/**
 * The client card's "people" tab: the power structure as a diagram (who reports to whom, who decides,
 * who is on our side), editable in place; the base-analysis checklist; and the personal knowledge of
 * each key figure (docs/domain.md §5).
 */
import type { PowerPersonT } from '../../../contract/people.js';
import { Accordion, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { useCompanyDates, usePowerStructure } from './api.js';
import { BaseChecklist } from './BaseChecklist.js';
import { InfluenceLinks } from './InfluenceLinks.js';
import { AttitudeLegend, OrgChart } from './OrgChart.js';
import { PersonalKnowledge } from './PersonalKnowledge.js';
import { UsefulDatesSection } from './PersonalRecords.js';
import { PersonEditor } from './PersonEditor.js';

export default function PowerStructurePanel({ clientId, writable }: { clientId: number; writable: boolean }) {
  const { t } = useTranslation();
  const structure = usePowerStructure(clientId);
  const [editing, setEditing] = useState<PowerPersonT | null>(null);
  if (structure.isPending) return <PageLoader />;
  if (structure.isError) return <ErrorAlert error={structure.error} onRetry={() => void structure.refetch()} />;
  const s = structure.data;
  const keyFigures = s.people.filter((p) => p.isKeyFigure);

  return (
    <Stack gap="md" data-testid="power-structure">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <div>
              <Title order={2} size="h4">
                {t('people.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('people.description')}
              </Text>
            </div>
            <AttitudeLegend />
          </Group>
          {s.people.length === 0 ? (
            <EmptyBlock title={t('people.empty')} description={t('people.emptyDescription')} />
          ) : (
            <OrgChart people={s.people} links={s.links} onEdit={writable ? setEditing : undefined} />
          )}
          {s.people.length > 0 ? <InfluenceLinks structure={s} writable={writable} /> : null}
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <BaseChecklist structure={s} />
      </Paper>

      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4">
              {t('people.personal.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('people.personal.description')}
            </Text>
          </div>
          {keyFigures.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('people.personal.noKeyFigures')}
            </Text>
          ) : (
            <Accordion
              variant="separated"
              multiple
              defaultValue={keyFigures.length === 1 ? [String(keyFigures[0]!.id)] : []}
            >
              {keyFigures.map((p) => (
                <Accordion.Item key={p.id} value={String(p.id)}>
                  <Accordion.Control data-testid={`key-figure-${p.id}`}>
                    <Text fw={600}>★ {p.fullName}</Text>
                    {p.position ? (
                      <Text size="xs" c="dimmed">
                        {p.position}
                      </Text>
                    ) : null}
                  </Accordion.Control>
                  <Accordion.Panel>
                    <PersonalKnowledge clientId={clientId} contactId={p.id} writable={writable} />
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )}
        </Stack>
      </Paper>

      <Paper withBorder radius="md" p="md">
        <CompanyDates clientId={clientId} writable={writable} />
      </Paper>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('people.editor.title', { name: editing.fullName }) : ''}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? (
          <PersonEditor
            key={editing.id}
            clientId={clientId}
            person={editing}
            people={s.people}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}

/** The client company's own dates (its anniversary…): congratulations to the company, not to a person. */
function CompanyDates({ clientId, writable }: { clientId: number; writable: boolean }) {
  const { t } = useTranslation();
  const dates = useCompanyDates(clientId);
  if (dates.isPending) return <PageLoader minHeight={80} />;
  if (dates.isError) return <ErrorAlert error={dates.error} onRetry={() => void dates.refetch()} />;
  return (
    <Stack gap={4}>
      <UsefulDatesSection
        clientId={clientId}
        contactId={null}
        dates={dates.data}
        writable={writable}
        title={t('people.dates.companyTitle')}
        testId="company-dates"
      />
      <Text size="xs" c="dimmed">
        {t('people.dates.companyDescription')}
      </Text>
    </Stack>
  );
}
