/** Who influences whom beyond the reporting lines: the list, and adding or removing a link. */
import type { PowerStructureT } from '../../../contract/people.js';
import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/QueryStates.js';
import { notify } from '../../lib/notify.js';
import { useAddLink, useRemoveLink } from './api.js';
import classes from './people.module.css';

export function InfluenceLinks({ structure, writable }: { structure: PowerStructureT; writable: boolean }) {
  const { t } = useTranslation();
  const add = useAddLink(structure.clientId);
  const remove = useRemoveLink(structure.clientId);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const names = new Map(structure.people.map((p) => [p.id, p.fullName]));
  const links = structure.links.filter((l) => l.kind === 'influences');
  const options = structure.people.map((p) => ({ value: String(p.id), label: p.fullName }));
  const exists =
    from !== null && to !== null && links.some((l) => l.fromContactId === Number(from) && l.toContactId === Number(to));

  return (
    <Stack gap="sm" data-testid="influence-links">
      <div>
        <Title order={3} size="h5">
          {t('people.links.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('people.links.description')}
        </Text>
      </div>
      {links.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('people.links.empty')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {links.map((l) => {
            const a = names.get(l.fromContactId) ?? String(l.fromContactId);
            const b = names.get(l.toContactId) ?? String(l.toContactId);
            return (
              <Group
                key={`${l.fromContactId}-${l.toContactId}`}
                component="li"
                gap="xs"
                wrap="wrap"
                data-testid={`influence-${l.fromContactId}-${l.toContactId}`}
              >
                <Text size="sm" fw={600}>
                  {a}
                </Text>
                <span className={classes.influenceArrow} aria-hidden />
                <Text size="sm" c="dimmed">
                  {t('people.links.verb')}
                </Text>
                <Text size="sm" fw={600}>
                  {b}
                </Text>
                {writable ? (
                  <Button
                    variant="subtle"
                    color="red"
                    size="compact-xs"
                    loading={
                      remove.isPending &&
                      remove.variables?.fromContactId === l.fromContactId &&
                      remove.variables.toContactId === l.toContactId
                    }
                    aria-label={t('people.links.removeLabel', { from: a, to: b })}
                    onClick={() => remove.mutate(l, { onSuccess: () => notify(t('people.links.removed')) })}
                  >
                    {t('people.links.remove')}
                  </Button>
                ) : null}
              </Group>
            );
          })}
        </Stack>
      )}
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      {writable && structure.people.length >= 2 ? (
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('people.links.from')}
            data={options}
            value={from}
            onChange={setFrom}
            searchable
            comboboxProps={{ withinPortal: true }}
            w={260}
            data-testid="influence-from"
          />
          <Select
            label={t('people.links.to')}
            data={options.filter((o) => o.value !== from)}
            value={to}
            onChange={setTo}
            searchable
            comboboxProps={{ withinPortal: true }}
            w={260}
            data-testid="influence-to"
          />
          <Button
            variant="default"
            disabled={from === null || to === null || from === to || exists}
            loading={add.isPending}
            data-testid="influence-add"
            onClick={() =>
              add.mutate(
                { fromContactId: Number(from), toContactId: Number(to), kind: 'influences' },
                {
                  onSuccess: () => {
                    notify(t('people.links.added'));
                    setFrom(null);
                    setTo(null);
                  },
                },
              )
            }
          >
            {t('people.links.add')}
          </Button>
        </Group>
      ) : null}
      {add.isError ? <ErrorAlert error={add.error} /> : null}
    </Stack>
  );
}
