// The frame every page shares: a header with the language switch, a notice area, main.

import { h, replaceChildren, type Child } from "./dom";
import { chooseLanguage, language, languages, onLanguageChange, setLanguage, t } from "./i18n";
import { announcers } from "./announce";

export function languageSwitch(): HTMLElement {
  const select = h(
    "select",
    { id: "language", "data-testid": "language", onchange: (e: Event) => setLanguage((e.target as HTMLSelectElement).value) },
    ...languages().map((l) => h("option", { value: l.code, selected: l.code === language(), lang: l.code }, l.name)),
  );
  return h("div", { class: "language" }, h("label", { for: "language" }, t("common.language")), select);
}

export interface Frame {
  main: HTMLElement;
  header: HTMLElement;
  notice: HTMLElement;
}

/** Builds the page frame; render() is called now and again whenever the language changes. */
export function startPage(options: { meetingLanguage?: string | null; render: (frame: Frame) => void; headerExtra?: () => Child }): Frame {
  chooseLanguage(options.meetingLanguage);
  const app = document.getElementById("app") ?? document.body;
  const header = h("header", { class: "topbar" });
  const notice = h("div", { class: "notice", role: "alert", "data-testid": "notice" });
  const main = h("main", { id: "main", tabindex: "-1" });
  replaceChildren(app, header, notice, main, ...announcers());
  const frame = { main, header, notice };
  const draw = (): void => {
    const skip = document.querySelector(".skip-link");
    if (skip) skip.textContent = t("common.skip");
    const switching = document.activeElement?.id === "language";
    replaceChildren(header, h("a", { class: "brand", href: "/" }, "Roundtable"), options.headerExtra?.() ?? null, languageSwitch());
    options.render(frame);
    // The switch was rebuilt in the new language; keyboard focus stays on it.
    if (switching) document.getElementById("language")?.focus();
  };
  draw();
  onLanguageChange(draw);
  return frame;
}

let noticeTimer: number | undefined;

/** Shows a short message in the notice area (role=alert: read out at once). */
export function showNotice(text: string, kind: "error" | "info" = "error"): void {
  const notice = document.querySelector<HTMLElement>(".notice");
  if (!notice) return;
  notice.className = `notice notice-${kind} shown`;
  replaceChildren(
    notice,
    h("p", {}, text),
    h("button", { type: "button", class: "link-button", onclick: () => clearNotice() }, t("common.dismiss")),
  );
  window.clearTimeout(noticeTimer);
  noticeTimer = window.setTimeout(clearNotice, 8000);
}

export function clearNotice(): void {
  const notice = document.querySelector<HTMLElement>(".notice");
  if (!notice) return;
  notice.className = "notice";
  notice.replaceChildren();
}
