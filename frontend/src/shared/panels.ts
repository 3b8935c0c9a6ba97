// The extension point for the meeting pages: a panel is a section of the participant page,
// the moderator console or both. Areas (consent, breakouts, stages) add theirs with
// registerPanel() from their own folder; see frontend/README.md.

import type { Connection } from "./connection";
import type { Cause, State } from "./store";
import type { Ack, Role } from "./types";

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

export interface Panel {
  id: string;
  /** Which pages show it. */
  roles: Role[];
  /** "top": full width above the columns; "main"/"side": the two columns; "dock": the thumb bar on phones. */
  area: "top" | "main" | "side" | "dock";
  /** Lower first within an area. */
  order: number;
  /** Builds the panel inside its section (called again when the language changes). */
  mount(section: HTMLElement, ctx: PanelContext): PanelInstance;
}

const panels: Panel[] = [];

export function registerPanel(panel: Panel): void {
  if (panels.some((p) => p.id === panel.id)) throw new Error(`panel ${panel.id} is already registered`);
  panels.push(panel);
}

export function panelsFor(role: Role): Panel[] {
  return panels.filter((p) => p.roles.includes(role)).sort((a, b) => a.order - b.order);
}
