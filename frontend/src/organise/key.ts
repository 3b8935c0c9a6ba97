// The organiser's key: asked for once, checked with GET /api/v1/organiser, kept for the tab (and on the device
// if the organiser asks). Every desk request sends it as a bearer token.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { h } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { checkbox, field, once } from "../shared/ui";

export interface Organiser {
  id: string;
  name: string;
}

const KEY_STORAGE = "roundtable.organiser_key";
let key = "";
let me: Organiser | null = null;

export const organiserKey = (): string => key;
export const organiser = (): Organiser | null => me;

function storedKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? localStorage.getItem(KEY_STORAGE) ?? "";
  } catch {
    return "";
  }
}

async function signIn(candidate: string): Promise<Organiser> {
  const found = await apiFetch<Organiser>("/api/v1/organiser", { token: candidate });
  key = candidate;
  me = found;
  return found;
}

/** Signs in with a key kept from before, if there is one that still works. */
export async function resume(): Promise<boolean> {
  const kept = storedKey();
  if (!kept) return false;
  try {
    await signIn(kept);
    return true;
  } catch (error) {
    if ((error as ApiError).status === 401) forget();
    return false;
  }
}

export function forget(): void {
  key = "";
  me = null;
  try {
    sessionStorage.removeItem(KEY_STORAGE);
    localStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage refused: nothing was kept
  }
}

export function keyForm(signedIn: () => void): HTMLElement {
  const input = field(t("organise.key"), h("input", { type: "password", autocomplete: "off", required: true, "data-testid": "organiser-key" }), t("organise.key_hint"));
  const remember = checkbox(t("organise.remember"));
  const form = h(
    "form",
    { class: "card", "data-testid": "key-form" },
    h("h2", {}, t("desk.sign_in")),
    h("p", {}, t("desk.sign_in_lead")),
    input.wrap,
    remember.wrap,
    h("button", { type: "submit", class: "primary", "data-testid": "sign-in" }, t("desk.sign_in")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = input.control.value.trim();
    if (!value) {
      input.control.focus();
      return;
    }
    void once("sign-in", async () => {
      try {
        await signIn(value);
        try {
          sessionStorage.setItem(KEY_STORAGE, value);
          if (remember.control.checked) localStorage.setItem(KEY_STORAGE, value);
        } catch {
          // storage refused: the key is simply asked for again next time
        }
        signedIn();
      } catch (error) {
        const err = error as ApiError;
        showNotice(err.status === 401 ? t("organise.bad_key") : errorText(err));
        input.control.focus();
      }
    });
  });
  return form;
}
