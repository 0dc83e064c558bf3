/** A table row of one client: the whole row opens its card, and its first cell is the client's name as a link. */
import { Anchor, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import classes from './FiguresTable.module.css';

export function ClientRow({
  clientId,
  name,
  from,
  testId,
  children,
}: {
  clientId: number;
  name: string;
  /** The list's address, so the card's "back" returns to the same view. */
  from: string;
  testId?: string;
  /** The row's other cells. */
  children: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Table.Tr
      className={classes.row}
      onClick={() => navigate(`/clients/${clientId}`, { state: { from } })}
      data-testid={testId}
    >
      <Table.Td className={classes.nowrap}>
        <Anchor
          component={Link}
          to={`/clients/${clientId}`}
          state={{ from }}
          fw={600}
          size="sm"
          onClick={(e) => e.stopPropagation()}
        >
          {name}
        </Anchor>
      </Table.Td>
      {children}
    </Table.Tr>
  );
}
