// Screen-reader announcements through two visually hidden live regions: polite for queue
// positions and chat, assertive only for "you have the floor".

import { h } from "./dom";

let polite: HTMLElement | null = null;
let assertive: HTMLElement | null = null;

export function announcers(): HTMLElement[] {
  polite = h("div", { class: "visually-hidden", "aria-live": "polite", "aria-atomic": "false", "data-testid": "announce-polite" });
  assertive = h("div", { class: "visually-hidden", "aria-live": "assertive", "aria-atomic": "true", "data-testid": "announce-assertive" });
  return [polite, assertive];
}

export function announce(text: string, urgency: "polite" | "assertive" = "polite"): void {
  const region = urgency === "assertive" ? assertive : polite;
  if (!region) return;
  // A new node is read out; old ones are trimmed so the region stays small.
  region.appendChild(h("p", {}, text));
  while (region.childNodes.length > 3) region.firstChild?.remove();
}
