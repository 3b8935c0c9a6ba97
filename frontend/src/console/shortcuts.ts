// Keyboard shortcuts for the moderator's loop: N gives the floor to the next, E ends the turn, Q puts
// the next question on the table, T starts the next turn. They press the same buttons a click would,
// never while typing in a field, and can be switched off (single-key shortcuts, WCAG 2.1.4).
// Physical keys (event.code), so they sit in the same place on a Danish or an Arabic keyboard.

import "./strings";
import { h } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { checkbox } from "../shared/ui";

const STORAGE_KEY = "roundtable.shortcuts";
export const SHORTCUTS: { code: string; key: string; testid: string; label: string }[] = [
  { code: "KeyN", key: "N", testid: "give-next", label: "console.key.next" },
  { code: "KeyE", key: "E", testid: "finish-speaking", label: "console.key.end" },
  { code: "KeyQ", key: "Q", testid: "next-question", label: "console.key.question" },
  { code: "KeyT", key: "T", testid: "turn-next", label: "console.key.turn" },
];

function enabled(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== "off";
  } catch {
    return true;
  }
}

function setEnabled(on: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, on ? "on" : "off");
  } catch {
    // storage refused: the choice lasts while the page is open
  }
  active = on;
}

let active = enabled();

document.addEventListener("keydown", (event) => {
  if (!active || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.repeat || event.isComposing) return;
  const target = event.target as Element | null;
  if (target?.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])")) return;
  const shortcut = SHORTCUTS.find((s) => s.code === event.code);
  if (!shortcut) return;
  const control = document.querySelector<HTMLButtonElement>(`[data-testid="${shortcut.testid}"]`);
  if (!control || control.getAttribute("aria-disabled") === "true" || control.closest("[hidden]")) return;
  event.preventDefault();
  control.click();
});

registerPanel({
  id: "shortcuts",
  roles: ["moderator"],
  area: "live",
  order: 9,
  mount(section) {
    section.setAttribute("aria-label", t("console.shortcuts"));
    const toggle = checkbox(t("console.shortcuts_on"), { "data-testid": "shortcuts-on" });
    toggle.control.checked = active;
    toggle.control.addEventListener("change", () => setEnabled(toggle.control.checked));
    section.append(
      h(
        "p",
        { class: "shortcuts", "data-testid": "shortcuts" },
        h("span", { class: "shortcuts-title" }, t("console.shortcuts"), ": "),
        ...SHORTCUTS.flatMap((s, i) => [i ? " · " : "", h("kbd", {}, s.key), " ", t(s.label)]),
      ),
      toggle.wrap,
    );
    return { update() {} };
  },
});
