import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { exportHref, type QueryValue } from '../lib/api.js';
import { useLanguage } from '../lib/i18n.js';

/** "Export CSV" and "Export XLSX": plain links, so the browser downloads the file with the session cookie. */
export function ExportButtons({
  path,
  query,
  testIdPrefix = 'export',
}: {
  path: string;
  query: Record<string, QueryValue>;
  testIdPrefix?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        component="a"
        href={exportHref(path, query, 'csv', language)}
        download
        variant="default"
        size="xs"
        data-testid={`${testIdPrefix}-csv`}
      >
        {t('analytics.exportCsv')}
      </Button>
      <Button
        component="a"
        href={exportHref(path, query, 'xlsx', language)}
        download
        variant="default"
        size="xs"
        data-testid={`${testIdPrefix}-xlsx`}
      >
        {t('analytics.exportXlsx')}
      </Button>
    </Group>
  );
}
