/**
 * How an audit row reads for people: the record kind and action in words, each changed field by its
 * label ("Кредитный лимит: 150 000,00 ₽ → 200 000,00 ₽"), values formatted like the rest of the app
 * (money with ₽, dates DD.MM.YYYY, vocabularies in words, users by name).
 */
import { Anchor, Badge, Group, List, Stack, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryT } from './api.js';
import type { EnumGroup } from '../../lib/enums.js';
import { formatDate, formatDateTime, formatMoney, formatNumber, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { useUsers } from '../../lib/users.js';

type Entity = AuditEntryT['entity'];

/** Amounts the API gives as decimal roubles ("1234.50"). */
const moneyFields = new Set([
  'creditLimit',
  'typicalTransportCost',
  'total',
  'costTotal',
  'logisticsCost',
  'amount',
  'moneySpent',
  'listPrice',
  'cost',
  'profitAtLoss',
  'price',
]);
/** Settings the API gives in kopecks. */
const kopeckFields = new Set(['analytics.hourlyRate']);
const userFields = new Set(['userId', 'ownerUserId', 'managerUserId', 'responsibleUserId', 'createdBy']);

/** The vocabulary a field's values come from, by record kind where the same name means different things. */
function enumGroupOf(entity: Entity, field: string): EnumGroup | null {
  switch (field) {
    case 'status':
      return entity === 'client'
        ? 'clientStatus'
        : entity === 'order'
          ? 'orderStatus'
          : entity === 'claim'
            ? 'claimStatus'
            : entity === 'task'
              ? 'taskStatus'
              : null;
    case 'kind':
      return entity === 'interaction'
        ? 'interactionKind'
        : entity === 'contact_link'
          ? 'contactLinkKind'
          : entity === 'useful_date'
            ? 'usefulDateKind'
            : entity === 'task'
              ? 'taskKind'
              : entity === 'client_relation'
                ? 'relationKind'
                : null;
    case 'significance':
      return 'significance';
    case 'financialCondition':
      return 'financialCondition';
    case 'deliveryMethod':
      return 'deliveryMethod';
    case 'categoryOverride':
      return 'categoryOverride';
    case 'decisionRoles':
      return 'decisionRole';
    case 'influence':
      return 'influence';
    case 'attitude':
      return 'attitude';
    case 'relation':
      return 'familyRelation';
    case 'eventKind':
      return 'calendarEventKind';
    case 'role':
      return 'role';
    case 'channel':
      return 'surveyChannel';
    case 'reason':
      return entity === 'loss' ? 'lossReason' : null;
    case 'type':
      return entity === 'claim' ? 'claimType' : null;
    case 'category':
      return entity === 'claim' ? 'claimCategory' : null;
    case 'severity':
      return entity === 'claim' ? 'claimSeverity' : null;
    default:
      return null;
  }
}

/**
 * The catalogue key of a value that is a word of the app but no enum group: an import's kind, file
 * format and mode, how its analytics went, a consent's form, the format of a personal-data export.
 */
function wordOf(entity: Entity, field: string, v: string): string | null {
  if (entity === 'import') {
    if (field === 'kind') return v === 'demo' ? 'audit.import.demo' : `import.kinds.${v}.label`;
    if (field === 'mode') return `import.job.modes.${v}`;
    if (field === 'analytics') return `import.job.analytics.${v}`;
  }
  if (field === 'format') return `audit.formats.${v}`;
  if (entity === 'consent' && field === 'form') return `privacy.form.${v}`;
  return null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

const contactFields = new Set(['contactId', 'fromContactId', 'toContactId']);

/**
 * Labels and values of one organisation's audit rows, in the UI language. `contactNames` (a client's
 * contacts, where the rows are one client's) names the people a row points at by their id.
 */
export function useAuditWords(contactNames?: ReadonlyMap<number, string>) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const enumLabel = useEnumLabel();
  const users = useUsers();
  const userNames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.name])), [users.data]);
  const has = useCallback((key: string) => i18n.exists(key), [i18n]);
  const tr = useCallback(
    (key: string, options?: Record<string, unknown>) => t(key as never, options as never) as unknown as string,
    [t],
  );

  const entity = useCallback((e: string) => (has(`audit.entity.${e}`) ? tr(`audit.entity.${e}`) : e), [has, tr]);
  const action = useCallback((a: string) => (has(`audit.action.${a}`) ? tr(`audit.action.${a}`) : a), [has, tr]);

  /** The field's label where the app has one: the card's own words first, then the log's catalogue. */
  const field = useCallback(
    (e: Entity, key: string): string => {
      if (e === 'setting') {
        const [section, name] = key.split('.');
        if (section === 'analytics' && name && has(`settings.fields.${name}.label`))
          return `${tr('audit.settings.analytics')}: ${tr(`settings.fields.${name}.label`)}`;
        if (section && name && has(`audit.settings.${section}`))
          return `${tr(`audit.settings.${section}`)}: ${has(`audit.fields.${name}`) ? tr(`audit.fields.${name}`) : name}`;
      }
      const candidates = [
        ...(e === 'import' ? [`import.job.outcome.${key}`, `audit.import.${key}`] : []),
        ...(e === 'client' ? [`editClient.fields.${key}`] : []),
        ...(e === 'loss' ? [`losses.fields.${key}`] : []),
        ...(e === 'claim' ? [`claims.fields.${key}`] : []),
        `audit.fields.${key}`,
      ];
      const found = candidates.find(has);
      return found ? tr(found) : key;
    },
    [has, tr],
  );

  const value = useCallback(
    (e: Entity, key: string, v: unknown): string => {
      if (v === null || v === undefined || v === '') return NO_VALUE;
      if (Array.isArray(v)) return v.length === 0 ? NO_VALUE : v.map((x) => value(e, key, x)).join(', ');
      if (typeof v === 'boolean')
        return key === 'credentialsChanged' ? tr('audit.changes.changed') : tr(v ? 'common.yes' : 'common.no');
      if (kopeckFields.has(key) && typeof v === 'number') return formatMoney((v / 100).toFixed(2), language);
      if (moneyFields.has(key) && (typeof v === 'string' || typeof v === 'number')) return formatMoney(v, language);
      if (userFields.has(key) && typeof v === 'number') return userNames.get(v) ?? `№ ${v}`;
      if (contactFields.has(key) && typeof v === 'number') return contactNames?.get(v) ?? `№ ${v}`;
      if (key === 'locale' && typeof v === 'string' && has(`language.full.${v}`)) return tr(`language.full.${v}`);
      if (typeof v === 'string') {
        const word = wordOf(e, key, v);
        if (word && has(word)) return tr(word);
      }
      const group = enumGroupOf(e, key);
      if (group && typeof v === 'string') return enumLabel(group, v);
      if (typeof v === 'number') return formatNumber(v, language);
      if (typeof v === 'string' && ISO_DATE.test(v)) return formatDate(v, language);
      if (typeof v === 'string' && ISO_TIME.test(v)) return formatDateTime(v, language);
      // A summary of counts (what an erasure removed): each part by its label.
      if (typeof v === 'object')
        return Object.entries(v as Record<string, unknown>)
          .map(([k, x]) => `${has(`audit.removed.${k}`) ? tr(`audit.removed.${k}`) : k}: ${value(e, k, x)}`)
          .join('; ');
      return String(v);
    },
    [contactNames, enumLabel, has, language, tr, userNames],
  );

  /** Who made the change: the user by name, else how it came (the CLI, a public link). */
  const who = useCallback(
    (r: AuditEntryT): string =>
      r.userName ?? (has(`audit.actorKind.${r.actorKind}`) ? tr(`audit.actorKind.${r.actorKind}`) : r.actorKind),
    [has, tr],
  );

  return { entity, action, field, value, who, tr, language };
}

export type AuditWords = ReturnType<typeof useAuditWords>;

const actionColor: Record<string, string> = {
  create: 'teal',
  update: 'blue',
  delete: 'red',
  transition: 'violet',
  disable: 'orange',
  enable: 'teal',
  revoke: 'orange',
  erase: 'red',
  export: 'gray',
};

/** The record kind, its name and the action as a badge. */
export function AuditWhat({ row, words }: { row: AuditEntryT; words: AuditWords }) {
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Badge size="sm" variant="light" color={actionColor[row.action] ?? 'gray'}>
          {words.action(row.action)}
        </Badge>
        <Text size="sm" fw={500}>
          {words.entity(row.entity)}
        </Text>
      </Group>
      {row.subject ? (
        <Text size="sm" c="dimmed" lineClamp={2}>
          {row.subject}
        </Text>
      ) : row.entityId ? (
        <Text size="xs" c="dimmed">
          {words.tr('audit.changes.record', { id: row.entityId })}
        </Text>
      ) : null}
    </Stack>
  );
}

const SHOWN = 6;

/** "field: before → after" for a change, "field: value" for a creation or deletion; long lists fold. */
export function AuditChanges({ row, words }: { row: AuditEntryT; words: AuditWords }) {
  const [all, setAll] = useState(false);
  // A record's client is the row's own client (named beside it): repeating its id says nothing.
  const keys = [...new Set([...Object.keys(row.before ?? {}), ...Object.keys(row.after ?? {})])].filter(
    (k) =>
      !(
        k === 'clientId' &&
        row.entity !== 'client' &&
        (row.after ?? row.before)?.[k] === row.clientId &&
        !(row.before && row.after)
      ),
  );
  const hidden =
    row.hidden.length > 0 ? (
      <Text size="xs" c="dimmed" fs="italic">
        {keys.length === 0
          ? words.tr('audit.changes.hiddenAll')
          : words.tr('audit.changes.hidden', { fields: row.hidden.map((k) => words.field(row.entity, k)).join(', ') })}
      </Text>
    ) : null;
  if (keys.length === 0)
    return (
      hidden ?? (
        <Text size="xs" c="dimmed">
          {words.tr('audit.changes.none')}
        </Text>
      )
    );
  const shown = all ? keys : keys.slice(0, SHOWN);
  return (
    <Stack gap={2}>
      <List size="sm" spacing={2} listStyleType="none" data-testid="audit-changes">
        {shown.map((k) => (
          <List.Item key={k}>
            <Text span size="sm" c="dimmed">
              {words.field(row.entity, k)}:{' '}
            </Text>
            {row.before && row.after ? (
              <Text span size="sm">
                <Text span size="sm" c="dimmed">
                  {words.value(row.entity, k, row.before[k])}
                </Text>
                {' → '}
                <Text span size="sm" fw={500}>
                  {words.value(row.entity, k, row.after[k])}
                </Text>
              </Text>
            ) : (
              <Text span size="sm">
                {words.value(row.entity, k, (row.after ?? row.before ?? {})[k])}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {keys.length > SHOWN ? (
        <Anchor component="button" type="button" size="xs" onClick={() => setAll(!all)}>
          {all ? words.tr('audit.changes.hide') : `${words.tr('audit.changes.showAll')} (${keys.length})`}
        </Anchor>
      ) : null}
      {hidden}
    </Stack>
  );
}
