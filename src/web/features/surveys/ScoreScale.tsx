/** A row of numbered buttons to pick one score: 1–5 for a dimension, 0–10 for the NPS question. */
import { Button, Group, Stack, Text, type MantineColor } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { npsClass } from '../../../core/surveys/satisfaction.js';

/** Colour of a picked value: red for a poor score or a detractor, yellow in between, teal for good ones and promoters. */
function colorOf(value: number, nps: boolean): MantineColor {
  if (nps) {
    const c = npsClass(value);
    return c === 'promoter' ? 'teal' : c === 'passive' ? 'yellow' : 'red';
  }
  return value >= 4 ? 'teal' : value === 3 ? 'yellow' : 'red';
}

export function ScoreScale({
  label,
  hint,
  min,
  max,
  value,
  onChange,
  error,
  testId,
  size = 'sm',
}: {
  label: string;
  hint: string;
  min: number;
  max: number;
  value: number | null;
  onChange: (value: number | null) => void;
  error?: string | undefined;
  testId?: string;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t } = useTranslation();
  const labelId = useId();
  const hintId = useId();
  const errorId = useId();
  const nps = max > 5;
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <Stack gap={4}>
      <Text id={labelId} size="sm" fw={500}>
        {label}
      </Text>
      <Group
        gap={6}
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={[hintId, error ? errorId : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
        wrap="wrap"
      >
        {values.map((v) => {
          const checked = value === v;
          return (
            <Button
              key={v}
              role="radio"
              aria-checked={checked}
              aria-label={t('surveys.scoreValue', { value: v })}
              size={size}
              miw={nps ? 40 : 48}
              px={0}
              variant={checked ? 'filled' : 'default'}
              color={checked ? colorOf(v, nps) : undefined}
              // A second press on the picked value takes the answer back.
              onClick={() => onChange(checked ? null : v)}
            >
              {v}
            </Button>
          );
        })}
      </Group>
      <Text id={hintId} size="xs" c="dimmed">
        {hint}
      </Text>
      {error ? (
        <Text id={errorId} size="xs" c="red.7" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
