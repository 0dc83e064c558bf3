import { Anchor, Paper, Text, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import classes from './FigureCard.module.css';

/** A headline figure: a label, a big value, and a line of context under it. */
export function FigureCard({
  label,
  value,
  hint,
  tone,
  testId,
  to,
  title,
  children,
}: {
  label: string;
  value: string;
  hint?: ReactNode;
  tone?: 'bad' | 'good' | undefined;
  testId?: string;
  to?: string;
  title?: string;
  children?: ReactNode;
}) {
  const color: MantineColor | undefined = tone === 'bad' ? 'red.7' : tone === 'good' ? 'teal.7' : undefined;
  return (
    <Paper withBorder radius="md" p="md" className={classes.figure} data-testid={testId}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text
        fw={700}
        fz={28}
        lh={1.2}
        c={color}
        title={title}
        className={classes.figureValue}
        data-testid={testId ? `${testId}-value` : undefined}
      >
        {to ? (
          <Anchor component={Link} to={to} inherit c="inherit" underline="hover">
            {value}
          </Anchor>
        ) : (
          value
        )}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}
