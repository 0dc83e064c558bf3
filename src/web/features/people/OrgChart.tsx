/**
 * The power structure as an org chart: who reports to whom (a tree built from reports_to; people without
 * a boss at the top), each person's roles in the decision as badges, their attitude to us as the colour
 * of their box, their influence, and whom they influence.
 */
import type { ContactLinkT, PowerPersonT } from '../../../contract/people.js';
import { Badge, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../lib/labels.js';
import classes from './people.module.css';

type Tree = { person: PowerPersonT; children: Tree[] };

/** Builds the forest of reporting lines; a boss missing from the list (or a loop in old data) puts the person at the top. */
export function reportingForest(people: readonly PowerPersonT[]): Tree[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const children = new Map<number, PowerPersonT[]>();
  const roots: PowerPersonT[] = [];
  for (const p of people) {
    if (p.reportsToId !== null && byId.has(p.reportsToId))
      children.set(p.reportsToId, [...(children.get(p.reportsToId) ?? []), p]);
    else roots.push(p);
  }
  const seen = new Set<number>();
  const grow = (p: PowerPersonT): Tree => {
    seen.add(p.id);
    return { person: p, children: (children.get(p.id) ?? []).filter((c) => !seen.has(c.id)).map(grow) };
  };
  const forest = roots.map(grow);
  // People on a loop have no root above them: show each loop from one of its members.
  for (const p of people) if (!seen.has(p.id)) forest.push(grow(p));
  return forest;
}

/** Everyone below a person (their reports, and theirs…): they cannot become the person's boss. */
export function subordinatesOf(people: readonly PowerPersonT[], id: number): Set<number> {
  const below = new Set<number>();
  const queue = [id];
  while (queue.length) {
    const boss = queue.pop()!;
    for (const p of people)
      if (p.reportsToId === boss && !below.has(p.id) && p.id !== id) {
        below.add(p.id);
        queue.push(p.id);
      }
  }
  return below;
}

export function AttitudeLegend() {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <Group gap="md" wrap="wrap" aria-label={t('people.chart.legend')} role="list" data-testid="attitude-legend">
      <Text size="xs" c="dimmed">
        {t('people.chart.legend')}:
      </Text>
      {(['ally', 'neutral', 'opponent', 'unknown'] as const).map((a) => (
        <Group key={a} gap={6} role="listitem" wrap="nowrap">
          <span className={classes.swatch} data-attitude={a} aria-hidden />
          <Text size="xs">{a === 'unknown' ? t('people.chart.attitudeUnknown') : label('attitude', a)}</Text>
        </Group>
      ))}
    </Group>
  );
}

export function OrgChart({
  people,
  links,
  onEdit,
}: {
  people: PowerPersonT[];
  links: ContactLinkT[];
  onEdit?: ((person: PowerPersonT) => void) | undefined;
}) {
  const { t } = useTranslation();
  const forest = reportingForest(people);
  const names = new Map(people.map((p) => [p.id, p.fullName]));
  const influences = (id: number) =>
    links
      .filter((l) => l.kind === 'influences' && l.fromContactId === id)
      .map((l) => names.get(l.toContactId))
      .filter(Boolean);
  const branch = (tree: Tree) => (
    <li key={tree.person.id}>
      <Node person={tree.person} influences={influences(tree.person.id) as string[]} onEdit={onEdit} />
      {tree.children.length ? <ul>{tree.children.map(branch)}</ul> : null}
    </li>
  );
  return (
    <div className={classes.chartScroll}>
      <ul className={classes.tree} aria-label={t('people.chart.caption')} data-testid="org-chart">
        {forest.map(branch)}
      </ul>
    </div>
  );
}

function Node({
  person,
  influences,
  onEdit,
}: {
  person: PowerPersonT;
  influences: string[];
  onEdit?: ((person: PowerPersonT) => void) | undefined;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const attitude = person.attitude ?? 'unknown';
  return (
    <div
      className={classes.node}
      data-attitude={attitude}
      data-testid={`person-${person.id}`}
      data-reports-to={person.reportsToId ?? ''}
      aria-label={`${person.fullName}: ${person.attitude ? label('attitude', person.attitude) : t('people.chart.attitudeUnknown')}`}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <div style={{ flex: '1 1 auto', minWidth: 0 }}>
          <Text size="sm" fw={700} style={{ overflowWrap: 'anywhere' }}>
            {person.isKeyFigure ? (
              <span title={t('people.chart.keyFigure')} aria-label={t('people.chart.keyFigure')}>
                ★{' '}
              </span>
            ) : null}
            {person.fullName}
          </Text>
          {person.position ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {person.position}
            </Text>
          ) : null}
        </div>
        {onEdit ? (
          <Button
            variant="subtle"
            size="compact-xs"
            style={{ flex: 'none' }}
            onClick={() => onEdit(person)}
            aria-label={t('people.chart.editLabel', { name: person.fullName })}
            data-testid={`edit-person-${person.id}`}
          >
            {t('common.edit')}
          </Button>
        ) : null}
      </Group>
      {person.decisionRoles.length ? (
        <Group gap={4} mt={6}>
          {person.decisionRoles.map((r) => (
            <Badge key={r} size="xs" variant="light" tt="none">
              {label('decisionRole', r)}
            </Badge>
          ))}
        </Group>
      ) : null}
      <Text size="xs" mt={6}>
        {t('people.chart.attitude')}:{' '}
        <b>{person.attitude ? label('attitude', person.attitude) : t('people.chart.attitudeUnknown')}</b>
      </Text>
      <Text size="xs">
        {t('people.chart.influence')}:{' '}
        <b>{person.influence ? label('influence', person.influence) : t('people.chart.notSet')}</b>
      </Text>
      {influences.length ? (
        <Text size="xs" c="indigo.8" mt={4}>
          {t('people.chart.influences', { names: influences.join(', ') })}
        </Text>
      ) : null}
    </div>
  );
}
