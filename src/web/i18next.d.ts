import type ru from './locales/ru.json' with { type: 'json' };

// Translation keys are checked at compile time against the Russian catalogue (the test checks
// that the English one has the same keys).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ru };
  }
}
