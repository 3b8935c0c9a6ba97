// The live meeting page, shared by the participant page and the moderator console:
// connect, keep the state, show the connection's condition, and run the registered panels.

import "./handlers";
import { announce } from "./announce";
import { Connection, type Status } from "./connection";
import { h, replaceChildren } from "./dom";
import { errorText } from "./errors";
import { chooseLanguage, t } from "./i18n";
import { showNotice, startPage, type Frame } from "./page";
import { panelShown, panelsFor, type Area, type Panel, type PanelContext, type PanelInstance } from "./panels";
import { afterPress, holdChangesWhilePressed } from "./press";
import { saveToken } from "./tokens";
import type { Cause, State } from "./store";
import { textIn } from "./texts";
import type { Role } from "./types";

export interface MeetingPageOptions {
  role: Role;
  token: string | null;
  meetingId: string;
  /** What to show when there is no token in this browser. */
  missingToken: () => HTMLElement;
}

export function startMeetingPage(options: MeetingPageOptions): void {
  let frame: Frame;
  let conn: Connection | null = null;
  let instances: PanelInstance[] = [];
  // Each mounted panel with its section: a role without the panel's right, or the simple view, hides it.
  let mounted: { panel: Panel; section: HTMLElement }[] = [];
  let languageChosen = false;
  const banner = (): HTMLElement => h("div", { class: "connection", role: "status", "data-testid": "connection" });
  let connectionBanner = banner();
  let titleEl = h("h1", { class: "meeting-title" });
  let statusEl = h("p", { class: "meeting-status", "data-testid": "meeting-status" });

  const render = (f: Frame): void => {
    frame = f;
    if (!options.token) {
      replaceChildren(f.main, options.missingToken());
      return;
    }
    if (!conn) return;
    mountPanels(conn);
  };

  const ctxFor = (c: Connection): PanelContext => ({
    conn: c,
    role: options.role,
    token: options.token ?? "",
    state: () => c.state as State,
    announce,
    send: async (type, data = {}) => {
      const ack = await c.command(type, data);
      if (!ack.ok) showNotice(errorText(ack.error));
      return ack;
    },
  });

  function mountPanels(c: Connection): void {
    connectionBanner = banner();
    titleEl = h("h1", { class: "meeting-title", "data-testid": "meeting-title" });
    statusEl = h("p", { class: "meeting-status", "data-testid": "meeting-status" });
    showStatus(c.status);
    if (!c.state) {
      replaceChildren(frame.main, connectionBanner, h("p", { class: "loading" }, t("common.connecting")));
      instances = [];
      return;
    }
    if (c.status === "removed" || c.status === "refused") return;
    const areas: Record<Area, HTMLElement> = {
      top: h("div", { class: "area-top" }),
      main: h("div", { class: "area-main" }),
      side: h("div", { class: "area-side" }),
      dock: h("div", { class: "area-dock" }),
      head: h("div", { class: "area-head" }),
      live: h("div", { class: "area-live" }),
      live2: h("div", { class: "area-live2" }),
    };
    const drafts = saveDrafts(frame.main);
    const ctx = ctxFor(c);
    mounted = [];
    instances = panelsFor(options.role).map((panel) => {
      const section = h("section", { class: `panel panel-${panel.id}`, "data-panel": panel.id });
      areas[panel.area].appendChild(section);
      mounted.push({ panel, section });
      return panel.mount(section, ctx);
    });
    const head = h("div", { class: "meeting-head" }, h("div", { class: "meeting-name" }, titleEl, statusEl), areas.head);
    if (options.role === "moderator") {
      // The console is a dashboard: the moderator's loop in two columns that stay in view, the rest beside them.
      replaceChildren(
        frame.main,
        head,
        connectionBanner,
        h(
          "div",
          { class: "dashboard" },
          h("div", { class: "live-columns" }, areas.live, areas.live2, areas.top),
          h("div", { class: "rest" }, areas.main, areas.side),
        ),
      );
    } else {
      replaceChildren(
        frame.main,
        head,
        connectionBanner,
        areas.top,
        h("div", { class: `columns role-${options.role}` }, areas.main, areas.side),
        areas.dock,
      );
    }
    document.body.classList.toggle("console", options.role === "moderator");
    document.body.classList.toggle("view-simple", c.state.you.view === "simple");
    document.body.classList.toggle("has-dock", areas.dock.childElementCount > 0);
    update(c.state, { kind: "snapshot" });
    restoreDrafts(frame.main, drafts);
  }

  function update(state: State, cause: Cause): void {
    titleEl.textContent = state.meeting.title;
    document.title = `${state.meeting.title} · Roundtable`;
    statusEl.textContent = [t(`status.${state.meeting.status}`), textIn(state.meeting.format_name), t(`role.${state.you.role}`) + ": " + state.you.display_name].join(" · ");
    for (const { panel, section } of mounted) section.hidden = !panelShown(panel, state);
    document.body.classList.toggle("view-simple", state.you.view === "simple");
    for (const instance of instances) instance.update(state, cause);
  }

  function showStatus(status: Status): void {
    connectionBanner.className = `connection connection-${status}`;
    // Moderators cannot be removed: a moderator's link stops working when the organiser made a new one.
    const key = status === "removed" && options.role === "moderator" ? "replaced" : status;
    const text = status === "live" ? "" : t(`connection.${key}`);
    if (connectionBanner.textContent !== text) connectionBanner.textContent = text;
    if (status === "removed" || status === "refused") {
      replaceChildren(
        frame.main,
        h("div", { class: "gone" }, h("h1", {}, t(`connection.${key}.title`)), connectionBanner, h("p", {}, h("a", { href: "/" }, t("common.home")))),
      );
      instances = [];
    }
  }

  startPage({ render });
  if (!options.token) return;
  holdChangesWhilePressed();

  conn = new Connection({
    token: options.token,
    // The banner is a role="status" region: screen readers read the change out by themselves.
    onStatus: (status) => showStatus(status),
    onState: (state, cause) => afterPress(() => showState(state, cause)),
  });
  mountPanels(conn);

  function showState(state: State, cause: Cause): void {
    if (!languageChosen) {
      languageChosen = true;
      chooseLanguage(state.meeting.language);
    }
    if (cause.kind === "snapshot") {
      // A role of the format that changed the person's base (participant.set_role, a role link): the page
      // of the new role takes over with the same token.
      const page = state.you.role === "moderator" ? "console" : "participant";
      if (page !== (options.role === "moderator" ? "console" : "participant")) {
        saveToken(page, options.meetingId, { token: options.token ?? "", name: state.you.display_name });
        window.location.replace(`/${page === "console" ? "console" : "meeting"}/${encodeURIComponent(options.meetingId)}`);
        return;
      }
      mountPanels(conn as Connection);
      return;
    }
    const event = cause.event;
    if (event.type === "participant.removed" && (event.data as { participant_id: string }).participant_id === state.you.participant_id) {
      conn?.markRemoved();
      return;
    }
    update(state, cause);
  }
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
interface Drafts {
  values: Map<string, { value: string; checked: boolean }>;
  focused: string | null;
}

const controlKey = (el: Element): string | null => {
  const panel = el.closest("[data-panel]")?.getAttribute("data-panel");
  const testid = el.getAttribute("data-testid");
  return panel && testid ? `${panel}/${testid}` : null;
};

/**
 * Panels are rebuilt after every snapshot (a reconnect) and language change: what a person was
 * typing, and where they were typing it, must survive that.
 */
function saveDrafts(root: HTMLElement): Drafts {
  const values = new Map<string, { value: string; checked: boolean }>();
  for (const el of root.querySelectorAll<Control>("[data-panel] input[data-testid], [data-panel] textarea[data-testid], [data-panel] select[data-testid]")) {
    const key = controlKey(el);
    if (key && !(el instanceof HTMLInputElement && el.readOnly)) values.set(key, { value: el.value, checked: el instanceof HTMLInputElement && el.checked });
  }
  const active = document.activeElement;
  return { values, focused: active && root.contains(active) ? controlKey(active) : null };
}

function restoreDrafts(root: HTMLElement, drafts: Drafts): void {
  for (const el of root.querySelectorAll<Control>("[data-panel] input[data-testid], [data-panel] textarea[data-testid], [data-panel] select[data-testid]")) {
    const key = controlKey(el);
    const saved = key ? drafts.values.get(key) : undefined;
    if (!saved || (el instanceof HTMLInputElement && el.readOnly)) continue;
    // Only typed text comes back: selects and checkboxes may mirror the meeting's state, which
    // the new snapshot has just set.
    if (el instanceof HTMLSelectElement || (el instanceof HTMLInputElement && !["text", "url", "search", "email"].includes(el.type))) continue;
    if (saved.value && saved.value !== el.value) el.value = saved.value;
  }
  if (drafts.focused) {
    for (const el of root.querySelectorAll<HTMLElement>("[data-panel] [data-testid]")) {
      if (controlKey(el) === drafts.focused) {
        el.focus();
        break;
      }
    }
  }
}
