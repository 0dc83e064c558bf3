import { describe, expect, it } from 'vitest';
import { costToServe, lateDaysWithin, latePaymentCost, managerTimeCost, profitAfterCostToServe } from './costs.js';

describe('managerTimeCost', () => {
  it('is minutes × hourly rate ÷ 60 in kopecks', () => {
    // 90 minutes at 1 500.00 ₽ an hour = 2 250.00 ₽.
    expect(managerTimeCost(90, 150_000)).toBe(225_000);
    expect(managerTimeCost(60, 150_000)).toBe(150_000);
    expect(managerTimeCost(0, 150_000)).toBe(0);
    expect(managerTimeCost(45, 0)).toBe(0);
  });

  it('rounds to the kopeck, halves up', () => {
    expect(managerTimeCost(1, 100)).toBe(2); // 1.666…
    expect(managerTimeCost(1, 90)).toBe(2); // 1.5
    expect(managerTimeCost(1, 80)).toBe(1); // 1.333…
    expect(managerTimeCost(7, 100_001)).toBe(11_667); // 11 666.78
  });
});

describe('lateDaysWithin', () => {
  it('counts the days from the due date up to (not including) the settlement day', () => {
    expect(lateDaysWithin('2026-01-10', '2026-01-20', '2026-01-01', '2026-01-31')).toBe(10);
    expect(lateDaysWithin('2026-03-12', '2026-04-11', '2026-01-01', '2026-06-30')).toBe(30);
  });

  it('is zero when paid on or before the due date, or due after the period', () => {
    expect(lateDaysWithin('2026-01-10', '2026-01-10', '2026-01-01', '2026-01-31')).toBe(0);
    expect(lateDaysWithin('2026-01-10', '2026-01-05', '2026-01-01', '2026-01-31')).toBe(0);
    expect(lateDaysWithin('2026-02-05', '2026-02-20', '2026-01-01', '2026-01-31')).toBe(0);
    expect(lateDaysWithin('2025-11-01', '2025-12-15', '2026-01-01', '2026-01-31')).toBe(0);
  });

  it('clips to the period: from its first day, to its last day inclusive', () => {
    // Due 20 Dec, paid 5 Jan: only 1–4 January fall in the period.
    expect(lateDaysWithin('2025-12-20', '2026-01-05', '2026-01-01', '2026-01-31')).toBe(4);
    // Due 25 Jan, paid 10 Feb: 25–31 January, the 31st included.
    expect(lateDaysWithin('2026-01-25', '2026-02-10', '2026-01-01', '2026-01-31')).toBe(7);
    // Due on the last day and paid later: that one day.
    expect(lateDaysWithin('2026-01-31', '2026-03-01', '2026-01-01', '2026-01-31')).toBe(1);
    // Late through the whole period: every day of it (January has 31).
    expect(lateDaysWithin('2025-06-01', '2026-06-01', '2026-01-01', '2026-01-31')).toBe(31);
  });

  it('counts the leap day', () => {
    expect(lateDaysWithin('2024-02-28', '2024-03-01', '2024-01-01', '2024-12-31')).toBe(2);
    expect(lateDaysWithin('2026-02-28', '2026-03-01', '2026-01-01', '2026-12-31')).toBe(1);
  });
});

describe('latePaymentCost', () => {
  it('is amount × days late ÷ 365 × cost of capital', () => {
    // 10 000.00 ₽ late 30 days at 16 %: 1 000 000 × 30 × 0.16 ÷ 365 = 13 150.68… kopecks.
    expect(
      latePaymentCost(1_000_000, '2026-01-01', '2026-01-31', '2026-06-15', '2026-01-01', '2026-06-30', 16),
    ).toBeCloseTo(13_150.684931, 5);
    // 2 000.00 ₽ due 12 March, paid 11 April (30 days) at 16 % → 2 630.14 kopecks.
    expect(
      latePaymentCost(200_000, '2026-03-12', '2026-04-11', '2026-06-15', '2025-07-01', '2026-06-30', 16),
    ).toBeCloseTo(2_630.1369863, 5);
  });

  it('counts an open document up to the as-of day', () => {
    // 3 650.00 ₽ open since 1 March, as of 11 March: 10 days at 10 % = 365 000 × 10 × 0.1 ÷ 365 = 1 000 kopecks.
    expect(latePaymentCost(365_000, '2026-03-01', null, '2026-03-11', '2026-01-01', '2026-03-31', 10)).toBeCloseTo(
      1_000,
      9,
    );
  });

  it('counts an open document only to the end of the period when the as-of day is later', () => {
    // Still open on 15 April; the period ends 31 March: 31 days of March.
    expect(latePaymentCost(365_000, '2026-03-01', null, '2026-04-15', '2026-01-01', '2026-03-31', 10)).toBeCloseTo(
      3_100,
      9,
    );
  });

  it('is zero when paid on time or when capital costs nothing', () => {
    expect(latePaymentCost(500_000, '2026-03-01', '2026-03-01', '2026-06-15', '2026-01-01', '2026-06-30', 16)).toBe(0);
    expect(latePaymentCost(500_000, '2026-03-01', '2026-04-01', '2026-06-15', '2026-01-01', '2026-06-30', 0)).toBe(0);
  });
});

describe('cost to serve and profit after it', () => {
  it('adds manager time, logistics, relationship spend and late payment', () => {
    // 150 min at 1 500 ₽/h = 3 750.00, logistics 500.00, reception 2 000.00, late payment 26.30 → 6 276.30 ₽.
    const cts = costToServe({
      managerTimeCost: managerTimeCost(150, 150_000),
      logistics: 50_000,
      relationshipSpend: 200_000,
      latePaymentCost: 2_630,
    });
    expect(cts).toBe(627_630);
  });

  it('subtracts cost of goods and cost to serve from revenue', () => {
    // Revenue 35 000.00, cost of goods 21 000.00, cost to serve 6 276.30 → 7 723.70 ₽.
    expect(profitAfterCostToServe(3_500_000, 2_100_000, 627_630)).toBe(772_370);
    // A client whose service costs more than its margin is loss-making: 2 000 − 1 200 − 1 125 = −325.00 ₽.
    expect(
      profitAfterCostToServe(
        200_000,
        120_000,
        costToServe({
          managerTimeCost: managerTimeCost(45, 150_000),
          logistics: 0,
          relationshipSpend: 0,
          latePaymentCost: 0,
        }),
      ),
    ).toBe(-32_500);
    // No sales, only time spent.
    expect(profitAfterCostToServe(0, 0, 112_500)).toBe(-112_500);
  });
});
