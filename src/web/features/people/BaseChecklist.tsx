/** One client's base analysis (docs/domain.md §4): each question answered (✓, by whom) or missing (✗, what to do). */
import type { PowerStructureT } from '../../../contract/people.js';
import { Badge, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './people.module.css';

export function BaseChecklist({ structure }: { structure: PowerStructureT }) {
  const { t } = useTranslation();
  const names = new Map(structure.people.map((p) => [p.id, p.fullName]));
  const nameList = (ids: number[]) =>
    ids
      .map((id) => names.get(id))
      .filter(Boolean)
      .join(', ');
  return (
    <Stack gap="sm" data-testid="base-checklist">
      <Group justify="space-between" wrap="wrap" align="flex-end">
        <div>
          <Title order={3} size="h5">
            {t('people.checklist.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('people.checklist.description')}
          </Text>
        </div>
        <Badge
          size="lg"
          variant="light"
          color={structure.answered === structure.total ? 'teal' : 'indigo'}
          tt="none"
          data-testid="checklist-progress"
        >
          {t('people.checklist.progress', { answered: structure.answered, total: structure.total })}
        </Badge>
      </Group>
      <Progress value={(structure.answered / Math.max(1, structure.total)) * 100} size="sm" aria-hidden />
      {(['base', 'power'] as const).map((group) => (
        <Stack key={group} gap={6}>
          <Text size="sm" fw={700}>
            {t(`people.checklist.groups.${group}`)}
          </Text>
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {structure.checklist
              .filter((a) => a.group === group)
              .map((a) => {
                const who = nameList(a.contactIds);
                return (
                  <Group
                    key={a.key}
                    component="li"
                    gap="xs"
                    wrap="nowrap"
                    align="flex-start"
                    data-testid={`check-${a.key}`}
                    data-answered={String(a.answered)}
                  >
                    <span
                      className={classes.mark}
                      data-answered={String(a.answered)}
                      aria-label={a.answered ? t('people.checklist.answered') : t('people.checklist.missing')}
                      role="img"
                    >
                      {a.answered ? '✓' : '✗'}
                    </span>
                    <div>
                      <Text size="sm" fw={600}>
                        {t(`people.questions.${a.key}`)}
                      </Text>
                      {a.answered ? (
                        who ? (
                          <Text size="xs" c="dimmed">
                            {t('people.checklist.who', { names: who })}
                          </Text>
                        ) : null
                      ) : (
                        <>
                          <Text size="xs" c="red.8">
                            {t(`people.todo.${a.key}`)}
                          </Text>
                          {who ? (
                            <Text size="xs" c="dimmed">
                              {t('people.checklist.lacking', { names: who })}
                            </Text>
                          ) : null}
                        </>
                      )}
                    </div>
                  </Group>
                );
              })}
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}
