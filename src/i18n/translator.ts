/**
 * A small translator for Daifuku's two languages, in place of i18next + react-i18next.
 *
 * Why not the library: measured in the production build, i18next and its React binding were
 * 15 KB of the first screen's 150 KB gzip budget, for the handful of features used here:
 * nested keys, {{placeholders}}, plurals by Intl.PluralRules (key_one / key_other), arrays with
 * `returnObjects`, and adding strings as lazy screens load. Those fit in this file, with tests
 * (translator.test.ts), and keys stay typed against the English resources.
 */
import type { Resources } from './resources';

export type Language = 'ja' | 'en';

type Tree = { [key: string]: string | readonly string[] | Tree };

/** "a.b.c" for every leaf of the resources, with plural suffixes folded into their base key. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string | readonly string[]
    ? `${Prefix}${K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K}`
    : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type TranslationKey = Leaves<Resources>;

export interface TOptions {
  /** Chooses the plural form and fills {{count}}. */
  count?: number;
  /** Returns the array or object at the key instead of a string. */
  returnObjects?: boolean;
  [placeholder: string]: unknown;
}

export interface TFunction {
  (key: TranslationKey, options?: TOptions & { returnObjects?: false }): string;
  (key: TranslationKey, options: TOptions & { returnObjects: true }): unknown;
}

function lookup(tree: Tree | undefined, key: string): Tree[string] | undefined {
  let node: Tree[string] | undefined = tree;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Tree)[part];
  }
  return node;
}

function deepMerge(target: Tree, source: Tree): Tree {
  const merged: Tree = { ...target };
  for (const [key, value] of Object.entries(source)) {
    const existing = merged[key];
    merged[key] =
      existing && typeof existing === 'object' && !Array.isArray(existing) && typeof value === 'object' && !Array.isArray(value)
        ? deepMerge(existing as Tree, value as Tree)
        : value;
  }
  return merged;
}

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralOf(language: Language, count: number): string {
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  return rules.select(count);
}

function interpolate(text: string, options: TOptions | undefined): string {
  if (!options || !text.includes('{{')) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    options[name] === undefined ? whole : String(options[name]),
  );
}

export class Translator {
  language: Language;
  /** Bumped whenever what `t` returns may change (a language switch, strings added). */
  revision = 0;
  private readonly bundles = new Map<Language, Tree>();
  private readonly listeners = new Set<() => void>();
  /** Called with a key no loaded bundle has; tests make it fail loudly. */
  onMissingKey: (key: string, language: Language) => void = () => {};

  constructor(language: Language) {
    this.language = language;
  }

  hasBundle(language: Language): boolean {
    return this.bundles.has(language);
  }

  /** Adds strings for a language, merged into what it already has (lazy screens add their own). */
  addBundle(language: Language, bundle: object): void {
    this.bundles.set(language, deepMerge(this.bundles.get(language) ?? {}, bundle as Tree));
    if (language === this.language) this.notify();
  }

  changeLanguage(language: Language): void {
    if (language === this.language) return;
    this.language = language;
    this.notify();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly t: TFunction = ((key: string, options?: TOptions): unknown => {
    const language = this.language;
    const bundle = this.bundles.get(language);
    let value: Tree[string] | undefined;
    if (typeof options?.count === 'number') {
      value = lookup(bundle, `${key}_${pluralOf(language, options.count)}`) ?? lookup(bundle, `${key}_other`);
    }
    value ??= lookup(bundle, key);
    if (value === undefined) {
      this.onMissingKey(key, language);
      return key;
    }
    if (options?.returnObjects) return value;
    if (typeof value !== 'string') {
      this.onMissingKey(key, language);
      return key;
    }
    return interpolate(value, options);
  }) as TFunction;

  /** A new `t` function for a revision, so React sees a change when the strings change. */
  bound(_revision: number): TFunction {
    return ((key: TranslationKey, options?: TOptions) => this.t(key, options as never)) as TFunction;
  }

  private notify(): void {
    this.revision++;
    for (const listener of this.listeners) listener();
  }
}
