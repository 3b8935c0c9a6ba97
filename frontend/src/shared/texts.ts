// Texts that come with a format's definition ({"en", "da", "ar"}; English always there): the page's
// language, else English.

import { language } from "./i18n";

export type Texts = Record<string, string>;

export function textIn(texts: Texts | null | undefined): string {
  if (!texts) return "";
  return texts[language()] || texts.en || Object.values(texts)[0] || "";
}
