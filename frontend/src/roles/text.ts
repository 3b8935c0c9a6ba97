// A text the format gives in several languages ({"en": …, "da": …}): the page's language, else English.

import { language } from "../shared/i18n";

export function text(value: Record<string, string> | null | undefined): string {
  if (!value) return "";
  return value[language()] || value.en || "";
}
