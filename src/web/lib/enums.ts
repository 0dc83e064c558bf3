/**
 * The closed vocabularies of the API, as values the web app can iterate (selects, labels).
 * The contract is imported for its types only; the assertions below fail to compile when the
 * two lists drift apart, so a new status in src/contract/enums.ts cannot go unlabelled.
 */
import type * as C from '../../contract/enums.js';

export const clientStatuses = ['prospect', 'active', 'lost'] as const;
export const significances = ['key', 'major', 'medium', 'minor'] as const;
export const financialConditions = ['stable', 'moderate', 'weak', 'critical', 'unknown'] as const;
export const deliveryMethods = ['pickup', 'delivery'] as const;
export const categoryOverrides = ['productive', 'loss_making', 'insignificant', 'image', 'perspective', 'average'] as const;
export const decisionRoles = ['first_contact', 'decision_maker', 'influencer', 'technical', 'payment_decider', 'payment_influencer'] as const;
export const influenceLevels = ['low', 'medium', 'high'] as const;
export const attitudes = ['ally', 'neutral', 'opponent'] as const;
export const orderStatuses = ['draft', 'confirmed', 'shipped', 'completed', 'cancelled'] as const;
export const interactionKinds = ['call', 'meeting', 'visit', 'email', 'reception', 'gift', 'congratulation', 'training'] as const;
export const relationKinds = ['holding', 'subsidiary', 'partner', 'supplier', 'customer', 'competitor', 'other'] as const;
export const roles = ['owner', 'head_of_sales', 'manager', 'analyst', 'read_only'] as const;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Member<T extends readonly string[]> = T[number];
export type ContractEnumsInSync = [
  Assert<Same<Member<typeof clientStatuses>, Member<typeof C.clientStatuses>>>,
  Assert<Same<Member<typeof significances>, Member<typeof C.significances>>>,
  Assert<Same<Member<typeof financialConditions>, Member<typeof C.financialConditions>>>,
  Assert<Same<Member<typeof deliveryMethods>, Member<typeof C.deliveryMethods>>>,
  Assert<Same<Member<typeof categoryOverrides>, Member<typeof C.categoryOverrides>>>,
  Assert<Same<Member<typeof decisionRoles>, Member<typeof C.decisionRoles>>>,
  Assert<Same<Member<typeof influenceLevels>, Member<typeof C.influenceLevels>>>,
  Assert<Same<Member<typeof attitudes>, Member<typeof C.attitudes>>>,
  Assert<Same<Member<typeof orderStatuses>, Member<typeof C.orderStatuses>>>,
  Assert<Same<Member<typeof interactionKinds>, Member<typeof C.interactionKinds>>>,
  Assert<Same<Member<typeof relationKinds>, Member<typeof C.relationKinds>>>,
  Assert<Same<Member<typeof roles>, Member<typeof C.roles>>>,
];

/** Each vocabulary under the name of its label group in the locales (`enums.<group>.<value>`). */
export const enumGroups = {
  clientStatus: clientStatuses,
  significance: significances,
  financialCondition: financialConditions,
  deliveryMethod: deliveryMethods,
  categoryOverride: categoryOverrides,
  decisionRole: decisionRoles,
  influence: influenceLevels,
  attitude: attitudes,
  orderStatus: orderStatuses,
  interactionKind: interactionKinds,
  relationKind: relationKinds,
  role: roles,
} as const;
export type EnumGroup = keyof typeof enumGroups;
export type EnumValue<G extends EnumGroup> = (typeof enumGroups)[G][number];
export type ClientStatus = EnumValue<'clientStatus'>;

export function isEnumValue<G extends EnumGroup>(group: G, value: unknown): value is EnumValue<G> {
  return typeof value === 'string' && (enumGroups[group] as readonly string[]).includes(value);
}

/** Roles that may change records; analysts and read-only users look only. */
export function canWrite(role: string | undefined): boolean {
  return role === 'owner' || role === 'head_of_sales' || role === 'manager';
}
