// A failed command or request, in plain words in the person's language.

import { has, language, t } from "./i18n";
import type { AckError } from "./types";

export function errorText(error: AckError): string {
  const key = `error.${error.code}`;
  // The server's own text is English and often names the exact field; keep it in English.
  if (error.code === "invalid_input" && language() === "en" && error.message) return error.message;
  if (has(key)) return t(key);
  return language() === "en" && error.message ? error.message : t("error.generic");
}
