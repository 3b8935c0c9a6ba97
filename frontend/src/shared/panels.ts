// The extension point for the meeting pages: a panel is a section of the participant page,
// the moderator console or both. Areas (consent, breakouts, stages) add theirs with
// registerPanel() from their own folder; see frontend/README.md.

import type { Connection } from "./connection";
import type { Cause, State } from "./store";
import type { Ack, Role } from "./types";
import type { Right } from "./wire";

export interface PanelContext {
  conn: Connection;
  role: Role;
  /** The current state (the same object that update() receives). */
  state(): State;
  /** Sends a command; a failure is shown to the person in plain words. Resolves with the ack. */
  send(type: string, data?: Record<string, unknown>): Promise<Ack>;
  announce(text: string, urgency?: "polite" | "assertive"): void;
  /** The meeting's token (for REST calls such as downloads). */
  token: string;
}

export interface PanelInstance {
  /** Called after the snapshot and after every applied event. */
  update(state: State, cause: Cause): void;
}

/**
 * Where a panel goes. Participant page: "top" full width above the columns, "main"/"side" the two
 * columns, "dock" the thumb bar on phones. Console (a dashboard): "head" beside the title, "live" and
 * "live2" the two columns of the moderator's loop that stay in view, "main"/"side" the column of the rest.
 */
export type Area = "top" | "main" | "side" | "dock" | "head" | "live" | "live2";

export interface Panel {
  id: string;
  /** Which pages show it. */
  roles: Role[];
  area: Area;
  /** Lower first within an area. */
  order: number;
  /** Another area or order on one page (a shared panel sits elsewhere on the console). */
  place?: Partial<Record<Role, { area?: Area; order?: number }>>;
  /** Shown only to people whose role of the format has this right (app/formats/definition.py Right). */
  needs?: Right;
  /** A professional-only part: hidden in the simple view (a family member, the focal person). */
  professional?: boolean;
  /** Builds the panel inside its section (called again when the language changes). */
  mount(section: HTMLElement, ctx: PanelContext): PanelInstance;
}

const panels: Panel[] = [];

export function registerPanel(panel: Panel): void {
  if (panels.some((p) => p.id === panel.id)) throw new Error(`panel ${panel.id} is already registered`);
  panels.push(panel);
}

/** Whether this person's role and view show the panel. */
export function panelShown(panel: Panel, state: State): boolean {
  if (panel.needs && !state.you.rights.includes(panel.needs)) return false;
  return !(panel.professional && state.you.view === "simple");
}

/** The panels of a page, each with its area and order on that page, lowest order first. */
export function panelsFor(role: Role): Panel[] {
  return panels
    .filter((p) => p.roles.includes(role))
    .map((p) => ({ ...p, ...p.place?.[role] }))
    .sort((a, b) => a.order - b.order);
}
