/**
 * The types of the message catalogue, derived from the English one (`en.ts`), which is the reference:
 * a code is a key of `en` without its plural suffix, its parameters are the `{{names}}` its templates
 * use, and the Russian catalogue must have exactly the same codes (with Russian plural forms where
 * English has `_one`/`_other`), so a missing translation is a compile error.
 */
import type { en } from './en.js';

export const languages = ['ru', 'en'] as const;
/** A language the product speaks. */
export type Lang = (typeof languages)[number];

type En = typeof en;
type EnKey = keyof En & string;

/** The CLDR plural categories i18next appends as `_<category>`; English uses one/other, Russian one/few/many/other. */
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type EnglishPlural = 'one' | 'other';
type RussianPlural = 'one' | 'few' | 'many' | 'other';

/** Codes whose text depends on a count (`{{count}}`): English has `<code>_one` and `<code>_other`. */
export type PluralCode = EnKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;
type SingularKey = Exclude<EnKey, `${PluralCode}_${EnglishPlural}`>;

/** A stable message code, e.g. `order.productMissing`. */
export type MessageCode = SingularKey | PluralCode;

/** The Russian catalogue: every code of the English one, the plural ones in Russia's four forms. */
export type RussianCatalogue = { readonly [K in SingularKey]: string } & {
  readonly [K in `${PluralCode}_${RussianPlural}`]: string;
};

/** The value a template puts in place of `{{name}}`. */
export type ParamValue = string | number;
export type MessageParams = Readonly<Record<string, ParamValue>>;

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;
/** `{{name}}` or `{{name, format}}` → name. */
type VarName<V extends string> = V extends `${infer N},${string}` ? Trim<N> : Trim<V>;
type VarsOf<S> = S extends `${string}{{${infer V}}}${infer Rest}` ? VarName<V> | VarsOf<Rest> : never;

type TemplateOf<C extends MessageCode> = C extends SingularKey
  ? En[C]
  : En[`${C}_one` & EnKey] | En[`${C}_other` & EnKey];

/** The parameters a code needs: every `{{name}}` of its templates, and a numeric `count` for plural codes. */
export type ParamsOf<C extends MessageCode> = {
  readonly [K in VarsOf<TemplateOf<C>> | (C extends PluralCode ? 'count' : never)]: C extends PluralCode
    ? K extends 'count'
      ? number
      : ParamValue
    : ParamValue;
};

/**
 * The parameter argument of a code: the ones its templates name are required (more may be given, for
 * the messages a template nests with `$t(…)`); optional when it names none; any for the codes whose
 * templates are built in code (their text is not known to the compiler).
 */
export type ParamsArg<C extends MessageCode> =
  string extends TemplateOf<C>
    ? [params?: MessageParams]
    : [keyof ParamsOf<C>] extends [never]
      ? [params?: MessageParams]
      : [params: ParamsOf<C> & MessageParams];

/** The codes whose templates need no parameters. */
export type PlainCode = { [C in MessageCode]: [keyof ParamsOf<C>] extends [never] ? C : never }[MessageCode];

/** A message as data: what a service throws and the server, the CLI and the web app translate. */
export type Message = { readonly code: MessageCode; readonly params: MessageParams };
