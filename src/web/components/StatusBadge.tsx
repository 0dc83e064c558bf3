import { Badge } from '@mantine/core';
import { useEnumLabel } from '../lib/labels.js';

const clientColors: Record<string, string> = { prospect: 'blue', active: 'teal', lost: 'gray' };
const orderColors: Record<string, string> = {
  draft: 'gray',
  confirmed: 'blue',
  shipped: 'indigo',
  completed: 'teal',
  cancelled: 'red',
};

export function ClientStatusBadge({ status, size = 'sm' }: { status: string; size?: 'sm' | 'md' | 'lg' }) {
  const label = useEnumLabel();
  return (
    <Badge size={size} variant="light" color={clientColors[status] ?? 'gray'}>
      {label('clientStatus', status)}
    </Badge>
  );
}

export function OrderStatusBadge({ status }: { status: string }) {
  const label = useEnumLabel();
  return (
    <Badge size="sm" variant="outline" color={orderColors[status] ?? 'gray'}>
      {label('orderStatus', status)}
    </Badge>
  );
}
