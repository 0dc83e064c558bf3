// Closed vocabularies of the domain, shared by the API contract, the services and the web app's
// selects and labels (locales). Plain constants, so the browser bundle can import them as values.
export const clientStatuses = ['prospect', 'active', 'lost'] as const;
export const significances = ['key', 'major', 'medium', 'minor'] as const;
export const financialConditions = ['stable', 'moderate', 'weak', 'critical', 'unknown'] as const;
export const deliveryMethods = ['pickup', 'delivery'] as const;
export const categoryOverrides = [
  'productive',
  'loss_making',
  'insignificant',
  'image',
  'perspective',
  'average',
] as const;
export const decisionRoles = [
  'first_contact',
  'decision_maker',
  'influencer',
  'technical',
  'payment_decider',
  'payment_influencer',
] as const;
export const influenceLevels = ['low', 'medium', 'high'] as const;
export const attitudes = ['ally', 'neutral', 'opponent'] as const;
export const orderStatuses = ['draft', 'confirmed', 'shipped', 'completed', 'cancelled'] as const;
/** Where an order line's cost came from: the document, the product's purchase price, or nowhere. */
export const costBases = ['document', 'catalogue', 'unknown'] as const;
export const interactionKinds = [
  'call',
  'meeting',
  'visit',
  'email',
  'reception',
  'gift',
  'congratulation',
  'training',
] as const;
export const relationKinds = [
  'holding',
  'subsidiary',
  'partner',
  'supplier',
  'customer',
  'competitor',
  'other',
] as const;
// The people and the voice of the client (docs/domain.md §4–5 and §9).
export const contactLinkKinds = ['reports_to', 'influences'] as const;
export const familyRelations = ['spouse', 'child', 'parent', 'sibling', 'grandchild', 'other'] as const;
/** Dates kept in useful_dates; birthdays live on the contact and family member rows. */
export const usefulDateKinds = ['name_day', 'company_anniversary', 'hobby', 'custom'] as const;
/** Every kind of event the calendar shows and a congratulation task can be for. */
export const calendarEventKinds = [
  'birthday',
  'family_birthday',
  'name_day',
  'company_anniversary',
  'hobby',
  'custom',
  'public_holiday',
  'professional_holiday',
] as const;
export const taskKinds = ['congratulation', 'other'] as const;
export const taskStatuses = ['open', 'done', 'dismissed'] as const;
export const claimTypes = ['claim', 'wish', 'suggestion'] as const;
export const claimCategories = [
  'quality',
  'delivery',
  'documents',
  'staff',
  'price',
  'assortment',
  'payment',
  'other',
] as const;
export const claimSeverities = ['low', 'medium', 'high', 'critical'] as const;
export const claimStatuses = ['new', 'in_progress', 'resolved', 'rejected'] as const;
/** The six dimensions of satisfaction (docs/domain.md §3), each scored 1–5; NPS is asked apart, 0–10. */
export const surveyDimensions = ['goods', 'staff', 'prices', 'logistics', 'service', 'company'] as const;
export const surveyChannels = ['manager', 'link'] as const;
export const lossReasons = [
  'competitor',
  'price',
  'quality',
  'service',
  'logistics',
  'credit_terms',
  'client_crisis',
  'no_longer_needs',
  'relocation',
  'other',
] as const;

/**
 * Contact fields that are personal data (152-ФЗ, GDPR): hidden from roles that may not see personal
 * data, exported and erased on a person's request. Family members and useful dates of a contact are
 * personal data as whole tables (personalDataTables).
 */
export const contactPersonalFields = [
  'phones',
  'emails',
  'birthday',
  'personalTraits',
  'professionalTraits',
  'hobbies',
  'congratulationPreferences',
  'giftIdeas',
  'notes',
] as const;
export const personalDataTables = ['family_members', 'useful_dates'] as const;

export const roles = ['owner', 'head_of_sales', 'manager', 'analyst', 'read_only'] as const;
export const locales = ['ru', 'en'] as const;
export type Role = (typeof roles)[number];

/** Roles that may change records; analysts and read-only users look only (enforced in services). */
export const writerRoles: readonly Role[] = ['owner', 'head_of_sales', 'manager'];
