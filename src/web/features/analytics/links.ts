/** Addresses of the client list filtered to the clients behind a chart, a cell or a figure. */
import type { ListFilters } from './api.js';

export function clientsHref(filters: ListFilters & { sort?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const search = params.toString();
  return `/clients${search ? `?${search}` : ''}`;
}

/** The most profitable clients first. */
export const mostProfitableHref = clientsHref({ sort: '-profit' });
/** Clients whose profit after cost to serve is below zero, the worst first. */
export const lossMakingHref = clientsHref({ maxProfit: '-0.01', sort: 'profit' });
