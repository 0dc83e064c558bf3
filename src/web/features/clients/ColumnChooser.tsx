import { Button, Checkbox, Group, Popover, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { baseColumns, type ColumnKey } from '../../components/FiguresTable.js';
import { figureKeys } from '../../lib/figures.js';
import { DEFAULT_COLUMNS } from './listColumns.js';

/** Which columns the table shows; remembered in this browser. */
export function ColumnChooser({
  columns,
  onChange,
  label,
}: {
  columns: ColumnKey[];
  onChange: (next: ColumnKey[]) => void;
  label: (c: ColumnKey) => string;
}) {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" shadow="md" width={340} trapFocus withinPortal>
      <Popover.Target>
        <Button variant="default" size="xs" data-testid="columns-button">
          {t('clients.columnsButton', { value: columns.length })}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {t('clients.columnsTitle')}
            </Text>
            <Button variant="subtle" size="compact-xs" onClick={() => onChange(DEFAULT_COLUMNS)}>
              {t('clients.columnsDefault')}
            </Button>
          </Group>
          <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
            <Checkbox.Group
              value={columns}
              onChange={(v) => onChange(v as ColumnKey[])}
              aria-label={t('clients.columnsTitle')}
            >
              <Stack gap={6}>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                  {t('clients.columnsClient')}
                </Text>
                {baseColumns.map((c) => (
                  <Checkbox key={c} value={c} label={label(c)} size="xs" />
                ))}
                <Text size="xs" c="dimmed" fw={600} tt="uppercase" mt={4}>
                  {t('clients.columnsFigures')}
                </Text>
                {figureKeys.map((c) => (
                  <Checkbox key={c} value={c} label={label(c)} size="xs" data-testid={`column-${c}`} />
                ))}
              </Stack>
            </Checkbox.Group>
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
