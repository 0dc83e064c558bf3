// Closed vocabularies of the domain, shared by the API contract, the services and the web app's
// selects and labels (locales). Plain constants, so the browser bundle can import them as values.
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
export const locales = ['ru', 'en'] as const;
export type Role = (typeof roles)[number];

/** Roles that may change records; analysts and read-only users look only (enforced in services). */
export const writerRoles: readonly Role[] = ['owner', 'head_of_sales', 'manager'];
