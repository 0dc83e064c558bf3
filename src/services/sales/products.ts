import type { Static } from 'typebox';
import type { ProductCreate, ProductT, ProductUpdate } from '../../contract/sales.js';
import { fieldProblem, type FieldProblem } from '../../core/errors.js';
import { formatMoney } from '../../core/money/money.js';
import { products } from '../../db/schema/index.js';
import { definedOnly, isoTimestamp, moneyFieldsIn, throwIfProblems } from '../convert.js';
import { recordService } from '../record-service.js';

type Row = typeof products.$inferSelect;

function toApi(row: Row): ProductT {
  const { orgId: _org, ...rest } = row;
  return {
    ...rest,
    listPrice: formatMoney(rest.listPrice),
    cost: formatMoney(rest.cost),
    createdAt: isoTimestamp(rest.createdAt),
    updatedAt: isoTimestamp(rest.updatedAt),
  };
}

/** The product catalogue: list price and cost, which order lines default to. */
export const productService = recordService<Row, ProductT, Static<typeof ProductCreate>, Static<typeof ProductUpdate>>({
  title: 'product',
  table: products,
  toApi,
  async toValues(_db, _actor, input) {
    const problems: FieldProblem[] = [];
    const values = moneyFieldsIn(definedOnly(input as Record<string, unknown>), ['listPrice', 'cost'], problems);
    for (const f of ['listPrice', 'cost']) {
      if (typeof values[f] === 'number' && (values[f] as number) < 0)
        problems.push(fieldProblem(f, 'negative', 'field.negative'));
    }
    throwIfProblems(problems);
    return values;
  },
  sortable: {
    name: products.name,
    sku: products.sku,
    productGroup: products.productGroup,
    listPrice: products.listPrice,
    createdAt: products.createdAt,
  },
  defaultSort: 'name',
  audit: { entity: 'product' },
});
