// Small building blocks the panels share.

import { h, uid, type Attrs, type Child } from "./dom";
import { t } from "./i18n";

/** A panel's heading; the section is labelled by it. */
export function panelHeading(section: HTMLElement, key: string, level: "h2" | "h3" = "h2"): HTMLElement {
  const id = uid("heading");
  section.setAttribute("aria-labelledby", id);
  const heading = h(level, { id }, t(key));
  section.appendChild(heading);
  return heading;
}

export function button(label: string, onclick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  return h("button", { type: "button", ...attrs, onclick: () => onclick() }, label);
}

/** A labelled form field; returns the wrapper and the control. */
export function field<T extends HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
  label: string,
  control: T,
  hint?: string,
): { wrap: HTMLElement; control: T } {
  control.id ||= uid("field");
  let hintEl: Child = null;
  if (hint) {
    const hintId = uid("hint");
    control.setAttribute("aria-describedby", hintId);
    hintEl = h("p", { class: "hint", id: hintId }, hint);
  }
  return { wrap: h("div", { class: "field" }, h("label", { for: control.id }, label), hintEl, control), control };
}

export function checkbox(label: string, attrs: Attrs = {}): { wrap: HTMLElement; control: HTMLInputElement } {
  const control = h("input", { type: "checkbox", id: uid("check"), ...attrs });
  return { wrap: h("div", { class: "check" }, control, h("label", { for: control.id }, label)), control };
}

export function badge(text: string, kind = ""): HTMLElement {
  return h("span", { class: `badge ${kind}`.trim() }, text);
}

export function emptyNote(key: string): HTMLElement {
  return h("p", { class: "empty" }, t(key));
}

const inFlight = new Set<string>();

/**
 * Runs one command per key at a time, so a double tap sends one command. Controls stay enabled:
 * disabling the focused button would throw keyboard focus back to the top of the page. The key names what the
 * press acts on (the stage, the turn, the person given the floor): the server sends a command's events before
 * its answer, so a press on what the page now shows can come while the last press is still unanswered, and it
 * must count.
 */
export async function once(key: string, work: () => Promise<unknown>): Promise<void> {
  if (inFlight.has(key)) return;
  inFlight.add(key);
  try {
    await work();
  } finally {
    inFlight.delete(key);
  }
}
