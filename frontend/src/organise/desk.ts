// The organiser's meetings: upcoming, live and ended, searched by title or topic tag, a page at a time
// (GET /api/v1/meetings). Each meeting's actions are in ./meeting-actions.ts.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren, uid } from "../shared/dom";
import { errorText } from "../shared/errors";
import { dateTime } from "../shared/format";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { badge, field } from "../shared/ui";
import { formatLabel } from "./formats";
import { organiser, organiserKey } from "./key";
import { meetingActions } from "./meeting-actions";

export type Status = "scheduled" | "live" | "ended";

export interface DeskMeeting {
  id: string;
  title: string;
  format: string;
  language: string;
  status: Status;
  scheduled_for: string | null;
  started_at: string | null;
  ended_at: string | null;
  created_at: string;
  join_code: string;
  join_link: string;
  tags: string[];
  organiser: { id: string; name: string };
  shared: boolean;
}

interface DeskPage {
  meetings: DeskMeeting[];
  total: number;
  limit: number;
  offset: number;
  next_offset: number | null;
}

const PAGE_SIZE = 10;
const TABS: Status[] = ["scheduled", "live", "ended"];

// Kept across re-renders (a language switch draws the page again) and across reloads of the list.
const view = { tab: "scheduled" as Status, query: "", offset: 0 };
let reloadList: (() => Promise<void>) | null = null;

/** Shows the upcoming meetings from the first page again (after a meeting was created or duplicated). */
export function showUpcoming(): void {
  view.tab = "scheduled";
  view.offset = 0;
  void reloadList?.();
}

function when(meeting: DeskMeeting): string {
  if (meeting.status === "live" && meeting.started_at) return t("desk.live_since", { when: dateTime(meeting.started_at) });
  if (meeting.status === "ended" && meeting.ended_at) return t("desk.ended_at", { when: dateTime(meeting.ended_at) });
  return meeting.scheduled_for ? t("desk.planned", { when: dateTime(meeting.scheduled_for) }) : t("desk.unplanned");
}

function meetingItem(meeting: DeskMeeting): HTMLElement {
  const headingId = uid("meeting");
  const me = organiser();
  return h(
    "li",
    { class: "desk-meeting", "data-testid": "desk-meeting", "data-focus-item": meeting.id, "aria-labelledby": headingId },
    h("h3", { id: headingId, dir: "auto", "data-testid": "desk-meeting-title" }, meeting.title),
    h("p", { class: "meta" }, when(meeting), " · ", formatLabel(meeting.format)),
    meeting.tags.length
      ? h("ul", { class: "desk-tags", "aria-label": t("desk.tags"), "data-testid": "desk-tags" }, ...meeting.tags.map((tag) => h("li", { dir: "auto" }, badge(tag))))
      : null,
    meeting.shared && me && meeting.organiser.id !== me.id ? h("p", { class: "hint" }, t("desk.shared_by", { name: meeting.organiser.name })) : null,
    meetingActions(meeting, headingId, { duplicated: showUpcoming }),
  );
}

export function deskSection(): HTMLElement {
  const section = h("section", { class: "card desk", "data-testid": "desk" });
  const headingId = uid("heading");
  section.setAttribute("aria-labelledby", headingId);
  const status = h("p", { class: "desk-status", role: "status", "data-testid": "desk-status" });
  const list = h("ul", { class: "desk-list", "data-testid": "desk-list" });
  const pager = h("div", { class: "row desk-pager" });
  const search = field(t("desk.search"), h("input", { type: "search", maxlength: 100, value: view.query, "data-testid": "desk-search" }));
  const tabs = h("div", { class: "row desk-tabs", role: "group", "aria-label": t("desk.tabs") });

  const drawTabs = (): void => {
    replaceChildren(
      tabs,
      ...TABS.map((tab) =>
        h(
          "button",
          {
            type: "button",
            "aria-pressed": view.tab === tab ? "true" : "false",
            "data-testid": `desk-tab-${tab}`,
            "data-focus-key": `tab-${tab}`,
            class: view.tab === tab ? "primary" : "",
            onclick: () => {
              view.tab = tab;
              view.offset = 0;
              drawTabs();
              void load();
            },
          },
          t(`desk.tab.${tab}`),
        ),
      ),
    );
  };

  const load = async (): Promise<void> => {
    status.textContent = t("desk.loading");
    const params = new URLSearchParams({ status: view.tab, limit: String(PAGE_SIZE), offset: String(view.offset) });
    if (view.query) params.set("q", view.query);
    let page: DeskPage;
    try {
      page = await apiFetch<DeskPage>(`/api/v1/meetings?${params.toString()}`, { token: organiserKey() });
    } catch (error) {
      status.textContent = "";
      showNotice(errorText(error as ApiError));
      return;
    }
    if (page.meetings.length === 0 && page.total > 0 && view.offset > 0) {
      // The last page emptied (a meeting started or ended meanwhile): go back to the first.
      view.offset = 0;
      await load();
      return;
    }
    replaceChildren(list, ...page.meetings.map(meetingItem));
    status.textContent = page.total === 0
      ? (view.query ? t("desk.none_found", { query: view.query }) : t("desk.none"))
      : t("desk.showing", { from: page.offset + 1, to: page.offset + page.meetings.length, total: page.total });
    const previous = page.offset > 0
      ? h("button", { type: "button", "data-testid": "desk-previous", "data-focus-key": "previous", onclick: () => { view.offset = Math.max(0, page.offset - PAGE_SIZE); void load(); } }, t("desk.previous"))
      : null;
    const next = page.next_offset !== null
      ? h("button", { type: "button", "data-testid": "desk-next", "data-focus-key": "next", onclick: () => { view.offset = page.next_offset ?? 0; void load(); } }, t("desk.next"))
      : null;
    replaceChildren(pager, previous, next);
  };
  reloadList = load;

  const form = h(
    "form",
    { class: "desk-search", role: "search", "data-testid": "desk-search-form" },
    search.wrap,
    h(
      "div",
      { class: "row" },
      h("button", { type: "submit", "data-testid": "desk-search-button" }, t("desk.search_button")),
      h("button", {
        type: "button",
        class: "link-button",
        "data-testid": "desk-search-clear",
        onclick: () => {
          search.control.value = "";
          view.query = "";
          view.offset = 0;
          void load();
          search.control.focus();
        },
      }, t("desk.clear")),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    view.query = search.control.value.trim();
    view.offset = 0;
    void load();
  });

  drawTabs();
  replaceChildren(section, h("h2", { id: headingId }, t("desk.meetings_heading")), form, tabs, status, list, pager);
  void load();
  return section;
}
