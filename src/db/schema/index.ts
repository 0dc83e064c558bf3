export * from './organizations.js';
export * from './clients.js';
export * from './sales.js';
export * from './analytics.js';
export * from './imports.js';
export * from './people.js';
export * from './voice.js';
export * from './access.js';
