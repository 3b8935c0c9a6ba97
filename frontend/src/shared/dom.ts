// Safe DOM helpers. User text only ever reaches the page through textContent or through
// attribute values set one by one; nothing here parses HTML.

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction"]);

/** Only http(s) links (and same-site paths) may become an href. */
export function safeUrl(value: string): string | null {
  try {
    const url = new URL(value, window.location.origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
      continue;
    }
    if (typeof value === "function") continue;
    if (name === "class") {
      el.className = String(value);
      continue;
    }
    if (URL_ATTRIBUTES.has(name)) {
      const safe = safeUrl(String(value));
      if (safe === null) continue;
      el.setAttribute(name, safe);
      continue;
    }
    el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Where keyboard focus is inside `parent`, to find it again once the children have changed. */
interface FocusMark {
  active: HTMLElement;
  key: string | null;
  item: string | null;
}

function markFocus(parent: Element): FocusMark | null {
  const active = document.activeElement as HTMLElement | null;
  if (active === null || !parent.contains(active)) return null;
  return { active, key: active.getAttribute("data-focus-key"), item: active.closest("[data-focus-item]")?.getAttribute("data-focus-item") ?? null };
}

function restoreFocus(parent: Element, mark: FocusMark): void {
  if (document.activeElement === mark.active) return;
  const { key, item } = mark;
  const again =
    (parent.contains(mark.active) && mark.active) ||
    (key && parent.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)) ||
    (item && parent.querySelector<HTMLElement>(`[data-focus-item="${CSS.escape(item)}"] button, [data-focus-item="${CSS.escape(item)}"] a`)) ||
    parent.querySelector<HTMLElement>("button, a[href], input, select, textarea");
  if (again) {
    again.focus();
    return;
  }
  // The item went away (e.g. the person got the floor): focus the panel's heading instead.
  const heading = parent.closest("section")?.querySelector<HTMLElement>("h2, h3");
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

/**
 * Replace an element's children, keeping keyboard focus where it was: on the element with the
 * same data-focus-key, else on the first control of the same data-focus-item (lists are rebuilt
 * on every change; focus must not jump to the top of the page).
 */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  keepingFocus(parent, () => {
    const fragment = document.createDocumentFragment();
    append(fragment, ...children);
    parent.replaceChildren(fragment);
  });
}

const drawnAs = new WeakMap<Element, string>();

/**
 * replaceChildren, only when `shows` (a string of all that the children show) differs from the last call's for this
 * parent. A control drawn again with every event, with the focus on it, is read out again by a screen reader each
 * time: in a large meeting several times a second.
 */
export function redrawWhenChanged(parent: Element, shows: string, children: () => Child[]): void {
  if (drawnAs.get(parent) === shows) return;
  drawnAs.set(parent, shows);
  replaceChildren(parent, ...children());
}

/**
 * Make `parent`'s children exactly `children`, elements the caller keeps from one call to the next:
 * only what differs is removed, inserted or moved, and focus is kept as by replaceChildren. A list of a
 * thousand people rebuilt on every event cost the moderator's console a quarter of a second of work
 * per event (styles and layout of 8,000 new elements); patched, an event that changes nobody costs nothing,
 * and a screen reader's place in the list stays.
 */
export function patchChildren(parent: Element, children: readonly Element[]): void {
  keepingFocus(parent, () => {
    const keep = new Set(children);
    for (const node of [...parent.childNodes]) if (!(node instanceof Element && keep.has(node))) node.remove();
    let at = parent.firstElementChild;
    for (const child of children) {
      if (child === at) at = at.nextElementSibling;
      else parent.insertBefore(child, at);
    }
  });
}

/**
 * A list's rows kept between updates, each under a key (a person's id) with a string of what it shows: `row()`
 * gives the kept row while that string is the same, else a new one from `make`. `sweep()` then forgets the rows
 * not asked for since the last sweep. Give the rows to `patchChildren`.
 */
export class KeptRows {
  private readonly kept = new Map<string, { shows: string; el: HTMLElement }>();
  private readonly asked = new Set<string>();

  row(key: string, shows: string, make: () => HTMLElement): HTMLElement {
    this.asked.add(key);
    let kept = this.kept.get(key);
    if (kept?.shows !== shows) {
      kept = { shows, el: make() };
      this.kept.set(key, kept);
    }
    return kept.el;
  }

  sweep(): void {
    for (const key of [...this.kept.keys()]) if (!this.asked.has(key)) this.kept.delete(key);
    this.asked.clear();
  }
}

let keeping = 0;

/**
 * Runs `change` and then puts keyboard focus back as replaceChildren does, looking in all of `parent`. Changes
 * nested inside leave the focus to this one: a person moved from one room's list to another's keeps the focus on
 * their new picker, which the first list alone would not find.
 */
export function keepingFocus(parent: Element, change: () => void): void {
  const mark = keeping ? null : markFocus(parent);
  keeping += 1;
  try {
    change();
  } finally {
    keeping -= 1;
  }
  if (mark) restoreFocus(parent, mark);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

let nextId = 0;
export function uid(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
