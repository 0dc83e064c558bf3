/** Small pieces shared by the client's claims tab and the company-wide claims page. */
import { Badge, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import type { ClaimT } from './api.js';

const statusColors: Record<string, string> = { new: 'blue', in_progress: 'yellow', resolved: 'teal', rejected: 'gray' };
const severityColors: Record<string, string> = { critical: 'red', high: 'orange', medium: 'yellow', low: 'gray' };

export function ClaimStatusBadge({ status, size = 'sm' }: { status: string; size?: 'sm' | 'md' | 'lg' }) {
  const label = useEnumLabel();
  return (
    <Badge size={size} variant="light" color={statusColors[status] ?? 'gray'} data-testid="claim-status">
      {label('claimStatus', status)}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: string }) {
  const label = useEnumLabel();
  return (
    <Badge size="sm" variant="outline" color={severityColors[severity] ?? 'gray'}>
      {label('claimSeverity', severity)}
    </Badge>
  );
}

/** "Overdue" in red, with the deadline that passed in its tooltip. */
export function OverdueBadge({ claim }: { claim: Pick<ClaimT, 'overdue' | 'dueOn'> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!claim.overdue) return null;
  return (
    <Tooltip label={t('claims.overdueSince', { date: formatDate(claim.dueOn, language) })} withArrow>
      <Badge size="sm" variant="filled" color="red" data-testid="claim-overdue">
        {t('claims.overdue')}
      </Badge>
    </Tooltip>
  );
}

/** The status with the overdue mark beside it. */
export function ClaimState({ claim }: { claim: Pick<ClaimT, 'status' | 'overdue' | 'dueOn'> }) {
  return (
    <Group gap={6} wrap="nowrap">
      <ClaimStatusBadge status={claim.status} />
      <OverdueBadge claim={claim} />
    </Group>
  );
}

/** Days as "4,5 дн." / "4.5 days" (`digits` fixes the decimals, for a column); a dash when there is nothing to show. */
export function useDays(): (value: number | null | undefined, digits?: number) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (value, digits) =>
    value === null || value === undefined ? '—' : t('claims.days', { value: formatNumber(value, language, digits) });
}
