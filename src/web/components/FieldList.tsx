import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';
import { NO_VALUE } from '../lib/format.js';
import classes from './FieldList.module.css';

export type FieldItem = { label: string; value: ReactNode };

/** Label–value pairs as a description list; a missing value shows a dash. */
export function FieldList({ items, labelWidth = 220 }: { items: FieldItem[]; labelWidth?: number }) {
  return (
    <DataList labelWidth={labelWidth} withDivider className={classes.list}>
      {items.map((item) => (
        <DataList.Item key={item.label}>
          <DataList.ItemLabel>{item.label}</DataList.ItemLabel>
          <DataList.ItemValue>
            {item.value === null || item.value === undefined || item.value === '' ? NO_VALUE : item.value}
          </DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}

/** Free text typed by people keeps its line breaks. */
export function LongText({ value }: { value: string | null | undefined }) {
  return value ? <span className={classes.prewrap}>{value}</span> : <>{NO_VALUE}</>;
}
