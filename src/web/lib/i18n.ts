/**
 * Interface language: Russian by default and bundled; English is loaded on demand. The choice is
 * remembered in localStorage and applied before the first render.
 */
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import ru from '../locales/ru.json' with { type: 'json' };
import { setApiLanguage } from './api.js';
import { addMessageFormats, bundledMessages, messageCatalogue, MESSAGES_NS } from './messages.js';

export const languages = ['ru', 'en'] as const;
export type Language = (typeof languages)[number];
export const DEFAULT_LANGUAGE: Language = 'ru';
const STORAGE_KEY = 'rapport.language';

export const isLanguage = (value: unknown): value is Language => (languages as readonly unknown[]).includes(value);

function readStored(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** Whether the person picked a language themselves (then the account's locale does not override it). */
export const hasStoredLanguage = (): boolean => readStored() !== null;

async function loadCatalogue(language: Language): Promise<typeof ru> {
  if (language === 'ru') return ru;
  const module = await import('../locales/en.json', { with: { type: 'json' } });
  return module.default;
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  setApiLanguage(language);
  document.title = i18n.t('app.name');
}

export async function initI18n(): Promise<void> {
  await i18n.use(initReactI18next).init({
    resources: { ru: { translation: ru, [MESSAGES_NS]: bundledMessages } },
    defaultNS: 'translation',
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
  });
  addMessageFormats(i18n);
  const stored = readStored();
  if (stored && stored !== DEFAULT_LANGUAGE) await changeLanguage(stored, { remember: false });
  applyToDocument(stored ?? DEFAULT_LANGUAGE);
}

export async function changeLanguage(language: Language, options: { remember?: boolean } = {}): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation')) {
    i18n.addResourceBundle(language, 'translation', await loadCatalogue(language));
  }
  if (!i18n.hasResourceBundle(language, MESSAGES_NS)) {
    i18n.addResourceBundle(language, MESSAGES_NS, await messageCatalogue(language));
  }
  await i18n.changeLanguage(language);
  if (options.remember !== false) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }
  applyToDocument(language);
}

/** The current UI language, re-rendering the caller when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  const current = instance.resolvedLanguage ?? instance.language;
  return isLanguage(current) ? current : DEFAULT_LANGUAGE;
}

export { i18n };
