// Strings come from one catalogue per language (en.ts, da.ts, ar.ts). Panels added later register
// their own strings with registerStrings(); t() falls back to English, then to the key.

import { en } from "./en";
import { da } from "./da";
import { ar } from "./ar";

export interface Catalogue {
  code: string;
  /** The language's name in itself, for the language switch. */
  name: string;
  /** "rtl" for a language written right to left (Arabic): the page mirrors. */
  dir?: "ltr" | "rtl";
  ordinal: (n: number) => string;
  messages: Record<string, string>;
}

const catalogues: Record<string, Catalogue> = { en, da, ar };
const STORAGE_KEY = "roundtable.language";
let current: Catalogue = en;
const listeners = new Set<() => void>();

export const languages = (): Catalogue[] => Object.values(catalogues);
export const language = (): string => current.code;
export const direction = (): "ltr" | "rtl" => current.dir ?? "ltr";

/** Every catalogue's messages by language code (for the check that no catalogue misses a key). */
export const allMessages = (): Record<string, Record<string, string>> =>
  Object.fromEntries(Object.values(catalogues).map((c) => [c.code, c.messages]));

export function registerStrings(code: string, messages: Record<string, string>): void {
  const catalogue = catalogues[code];
  if (!catalogue) throw new Error(`unknown language ${code}`);
  for (const [key, value] of Object.entries(messages)) catalogue.messages[key] = value;
}

export function has(key: string): boolean {
  return key in current.messages || key in en.messages;
}

/** The string for key in the current language, with {name} placeholders filled in. */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const template = current.messages[key] ?? en.messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const ordinal = (n: number): string => current.ordinal(n);

/** The person's own choice wins; otherwise the meeting's language; otherwise the browser's. */
export function chooseLanguage(meetingLanguage?: string | null): void {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  const browser = (navigator.language || "en").slice(0, 2);
  const code = [stored, meetingLanguage, browser].find((c) => c && c in catalogues) ?? "en";
  apply(code);
}

export function setLanguage(code: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
  apply(code);
}

function apply(code: string): void {
  const next = catalogues[code] ?? en;
  const changed = next !== current;
  current = next;
  document.documentElement.lang = current.code;
  document.documentElement.dir = current.dir ?? "ltr";
  if (changed) for (const listener of listeners) listener();
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}
