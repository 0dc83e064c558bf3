/** The closed vocabularies of the domain (core), grouped as the web app labels them. */
import {
  attitudes,
  categoryOverrides,
  clientStatuses,
  decisionRoles,
  deliveryMethods,
  financialConditions,
  influenceLevels,
  interactionKinds,
  orderStatuses,
  relationKinds,
  roles,
  significances,
  writerRoles,
  contactLinkKinds,
  familyRelations,
  usefulDateKinds,
  calendarEventKinds,
  taskKinds,
  taskStatuses,
  claimTypes,
  claimCategories,
  claimSeverities,
  claimStatuses,
  surveyDimensions,
  surveyChannels,
  lossReasons,
} from '../../core/vocabulary.js';

export {
  attitudes,
  categoryOverrides,
  clientStatuses,
  decisionRoles,
  deliveryMethods,
  financialConditions,
  influenceLevels,
  interactionKinds,
  orderStatuses,
  relationKinds,
  roles,
  significances,
  contactLinkKinds,
  familyRelations,
  usefulDateKinds,
  calendarEventKinds,
  taskKinds,
  taskStatuses,
  claimTypes,
  claimCategories,
  claimSeverities,
  claimStatuses,
  surveyDimensions,
  surveyChannels,
  lossReasons,
};

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
  contactLinkKind: contactLinkKinds,
  familyRelation: familyRelations,
  usefulDateKind: usefulDateKinds,
  calendarEventKind: calendarEventKinds,
  taskKind: taskKinds,
  taskStatus: taskStatuses,
  claimType: claimTypes,
  claimCategory: claimCategories,
  claimSeverity: claimSeverities,
  claimStatus: claimStatuses,
  surveyDimension: surveyDimensions,
  surveyChannel: surveyChannels,
  lossReason: lossReasons,
} as const;
export type EnumGroup = keyof typeof enumGroups;
export type EnumValue<G extends EnumGroup> = (typeof enumGroups)[G][number];
export type ClientStatus = EnumValue<'clientStatus'>;

export function isEnumValue<G extends EnumGroup>(group: G, value: unknown): value is EnumValue<G> {
  return typeof value === 'string' && (enumGroups[group] as readonly string[]).includes(value);
}

/** Roles that may change records; analysts and read-only users look only. */
export function canWrite(role: string | undefined): boolean {
  return (writerRoles as readonly string[]).includes(role ?? '');
}
