import { describe, expect, it } from 'vitest';
import { baseAnalysis, baseAnalysisLabels, baseAnalysisQuestions, type PersonFacts } from './base-analysis.js';

const person = (id: number, over: Partial<PersonFacts> = {}): PersonFacts => ({
  id,
  decisionRoles: [],
  attitude: null,
  isKeyFigure: false,
  reportsToId: null,
  hasTraits: false,
  hasFamily: false,
  hasDates: false,
  hasCongratulationPreferences: false,
  ...over,
});
const answered = (people: PersonFacts[]) => Object.fromEntries(baseAnalysis(people).map((a) => [a.key, a.answered]));
const byKey = (people: PersonFacts[]) => Object.fromEntries(baseAnalysis(people).map((a) => [a.key, a]));

describe('baseAnalysis (docs/domain.md §4–5)', () => {
  it('answers nothing for a client without people, every question in order with its group', () => {
    const list = baseAnalysis([]);
    expect(list.map((a) => a.key)).toEqual([...baseAnalysisQuestions]);
    expect(list.every((a) => !a.answered && a.contactIds.length === 0)).toBe(true);
    expect(list.filter((a) => a.group === 'power').map((a) => a.key)).toEqual([
      'key_figures',
      'key_figure_traits',
      'key_figure_family',
      'key_figure_dates',
      'key_figure_approach',
    ]);
    expect(Object.keys(baseAnalysisLabels)).toEqual([...baseAnalysisQuestions]);
  });

  it('answers each role question by the people who hold the role', () => {
    const people = [
      person(1, { decisionRoles: ['first_contact', 'technical'] }),
      person(2, { decisionRoles: ['decision_maker', 'payment_decider'] }),
      person(3, { decisionRoles: ['influencer'] }),
    ];
    const a = byKey(people);
    expect(a.first_contact).toMatchObject({ answered: true, contactIds: [1] });
    expect(a.technical).toMatchObject({ answered: true, contactIds: [1] });
    expect(a.decision_maker).toMatchObject({ answered: true, contactIds: [2] });
    expect(a.payment_decider).toMatchObject({ answered: true, contactIds: [2] });
    expect(a.purchase_influencer).toMatchObject({ answered: true, contactIds: [3] });
    expect(a.payment_influencer).toMatchObject({ answered: false, contactIds: [] });
    expect(a.other_contacts!.answered).toBe(true);
    expect(answered([person(1, { decisionRoles: ['first_contact'] })]).other_contacts).toBe(false);
  });

  it('knows the reporting lines when everyone but the head has a boss', () => {
    expect(answered([person(1)]).reporting_lines).toBe(false);
    expect(byKey([person(1), person(2), person(3, { reportsToId: 1 })]).reporting_lines).toMatchObject({
      answered: false,
      contactIds: [1, 2],
    });
    expect(answered([person(1), person(2, { reportsToId: 1 }), person(3, { reportsToId: 2 })]).reporting_lines).toBe(
      true,
    );
  });

  it("knows the deciders' attitude only when there are deciders and each has one", () => {
    expect(answered([person(1, { attitude: 'ally' })]).decider_attitudes).toBe(false);
    const people = [
      person(1, { decisionRoles: ['decision_maker'], attitude: 'opponent' }),
      person(2, { decisionRoles: ['payment_decider'] }),
      person(3),
    ];
    expect(byKey(people).decider_attitudes).toMatchObject({ answered: false, contactIds: [2] });
    people[1] = { ...people[1]!, attitude: 'neutral' };
    expect(byKey(people).decider_attitudes).toMatchObject({ answered: true, contactIds: [1, 2] });
  });

  it('asks every key figure for traits, family, dates and how to congratulate, naming those still lacking', () => {
    const full = {
      isKeyFigure: true,
      hasTraits: true,
      hasFamily: true,
      hasDates: true,
      hasCongratulationPreferences: true,
    };
    expect(answered([person(1, full)])).toMatchObject({
      key_figures: true,
      key_figure_traits: true,
      key_figure_family: true,
      key_figure_dates: true,
      key_figure_approach: true,
    });
    const a = byKey([person(1, full), person(2, { isKeyFigure: true, hasDates: true }), person(3)]);
    expect(a.key_figures).toMatchObject({ answered: true, contactIds: [1, 2] });
    expect(a.key_figure_traits).toMatchObject({ answered: false, contactIds: [2] });
    expect(a.key_figure_dates).toMatchObject({ answered: true, contactIds: [1, 2] });
    // Without key figures, none of their questions is answered.
    expect(answered([person(1, { hasTraits: true })])).toMatchObject({ key_figures: false, key_figure_traits: false });
  });
});
