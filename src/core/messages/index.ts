/** The product's one message catalogue (English and Russian) and the pure functions that translate it. */
export { en } from './en.js';
export { ru } from './ru.js';
export { formats } from './formats.js';
export {
  acceptedLanguage,
  bilingual,
  isMessageCode,
  message,
  translate,
  translateCode,
  translateMessage,
} from './translate.js';
export {
  languages,
  type Lang,
  type Message,
  type MessageCode,
  type MessageParams,
  type ParamsArg,
  type ParamsOf,
  type ParamValue,
  type PlainCode,
  type PluralCode,
  type RussianCatalogue,
} from './types.js';
