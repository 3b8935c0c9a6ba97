// The organiser's series of meetings (/organise#series): make a series with its schedule and roster, make its
// next meeting with one action (inviting everyone back), see who answered, remind, copy personal links, post updates.

import "../series/organise-strings";
import { apiFetch, ApiError } from "../shared/api";
import { copyField } from "../shared/copy";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { language, languages, t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { badge, button, checkbox, field, once } from "../shared/ui";
import { BUILTIN, formatPicker, loadFormats } from "./formats";

interface Contact {
  id?: string;
  name: string;
  email: string;
  language: string;
  role?: string | null;
}
interface Entry {
  id?: string;
  name: string;
  kind: string;
  required: boolean;
  contacts: Contact[];
}
interface SeriesMeeting {
  meeting_id: string;
  number: number;
  starts_at: string;
  local: string;
  status: string;
  join_code: string;
}
interface Series {
  id: string;
  name: string;
  format: string;
  language: string;
  coordinator_name: string;
  time_zone: string;
  rule: string;
  roster: Entry[];
  meetings: SeriesMeeting[];
  upcoming: { starts_at: string; local: string }[];
}
interface Made {
  meeting_id: string;
  number: number;
  local: string;
  links: { console: string; join: string };
  carried_followups: number;
  carried_questions: number;
  invited: number;
}
interface InvitationRow {
  id: string;
  entry: string;
  name: string;
  email: string;
  answer: string | null;
  mailed_at: string | null;
  reminders: number;
  joined: boolean;
  link: string;
}

const KINDS = ["municipality", "school", "health", "police_ssp", "parents", "organisation", "other"];
const ZONES = ["Europe/Copenhagen", "Europe/London", "Europe/Berlin", "Europe/Stockholm", "Europe/Oslo", "UTC"];

const local = (value: string): string => value.replace("T", " ");

function fail(error: unknown): void {
  const err = error as ApiError;
  showNotice(err.status === 401 ? t("organise.bad_key") : errorText(err));
}

function rosterRow(): { row: HTMLElement; read: () => Entry | null } {
  const name = field(t("series.org"), h("input", { type: "text", maxlength: 120, "data-testid": "roster-name" }));
  const kind = field(t("series.kind"), h("select", { "data-testid": "roster-kind" }, ...KINDS.map((k) => h("option", { value: k }, t(`series.kind.${k}`)))));
  const required = checkbox(t("series.required"), { checked: true, "data-testid": "roster-required" });
  const person = field(t("series.contact"), h("input", { type: "text", maxlength: 80, "data-testid": "roster-contact" }));
  const email = field(t("series.email"), h("input", { type: "email", maxlength: 254, "data-testid": "roster-email" }));
  const lang = field(t("series.contact_language"), h("select", { "data-testid": "roster-language" }, ...languages().map((l) => h("option", { value: l.code, lang: l.code, selected: l.code === language() }, l.name))));
  const row = h("fieldset", { class: "roster-row" }, h("legend", {}, t("series.org")), name.wrap, kind.wrap, required.wrap, person.wrap, email.wrap, lang.wrap);
  return {
    row,
    read: () => {
      if (!name.control.value.trim()) return null;
      const contacts = person.control.value.trim() && email.control.value.trim() ? [{ name: person.control.value.trim(), email: email.control.value.trim(), language: lang.control.value }] : [];
      return { name: name.control.value.trim(), kind: kind.control.value, required: required.control.checked, contacts };
    },
  };
}

function createForm(key: () => string, done: () => void): HTMLElement {
  const name = field(t("series.name"), h("input", { type: "text", required: true, maxlength: 200, "data-testid": "series-name" }));
  // Every format the organiser may use, built-in and their own, as for a single meeting (./formats.ts).
  const format = formatPicker("series-format", BUILTIN);
  const lang = field(t("organise.language"), h("select", { "data-testid": "series-language" }, ...languages().map((l) => h("option", { value: l.code, lang: l.code, selected: l.code === language() }, l.name))));
  const coordinator = field(t("series.coordinator"), h("input", { type: "text", required: true, maxlength: 80, "data-testid": "series-coordinator" }));
  const email = field(t("series.coordinator_email"), h("input", { type: "email", required: true, maxlength: 254, "data-testid": "series-coordinator-email" }));
  const zone = field(t("series.zone"), h("select", { "data-testid": "series-zone" }, ...ZONES.map((z) => h("option", { value: z }, z))));
  const start = field(t("series.start"), h("input", { type: "datetime-local", required: true, "data-testid": "series-start" }), t("series.start_hint"));
  const every = field(
    t("series.every"),
    h("select", { "data-testid": "series-every" }, ...[1, 2, 3, 4].map((n) => h("option", { value: String(n), selected: n === 2 }, t("series.every_weeks", { n })))),
  );
  const rule = field(t("series.rule"), h("input", { type: "text", maxlength: 300, placeholder: "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "data-testid": "series-rule" }), t("series.rule_hint"));
  const duration = field(t("series.duration"), h("input", { type: "number", min: 10, max: 720, value: 90, "data-testid": "series-duration" }));
  const context = field(t("series.context"), h("textarea", { maxlength: 4000, rows: 3, "data-testid": "series-context" }));
  const rows = [rosterRow()];
  const roster = h("div", { class: "roster-rows" }, rows[0].row);
  const add = button(t("series.add_org"), () => {
    const next = rosterRow();
    rows.push(next);
    roster.appendChild(next.row);
    next.row.querySelector("input")?.focus();
  }, { "data-testid": "roster-add" });
  const form = h(
    "form",
    { class: "card", "data-testid": "series-form" },
    h("h2", {}, t("series.new")),
    name.wrap, format.wrap, lang.wrap, coordinator.wrap, email.wrap, zone.wrap, start.wrap, every.wrap, rule.wrap, duration.wrap, context.wrap,
    h("h3", {}, t("series.roster")),
    roster,
    add,
    h("button", { type: "submit", class: "primary", "data-testid": "series-create" }, t("series.create")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void once("series-create", async () => {
      const body = {
        name: name.control.value.trim(),
        format: format.control.value,
        language: lang.control.value,
        coordinator_name: coordinator.control.value.trim(),
        coordinator_email: email.control.value.trim(),
        time_zone: zone.control.value,
        start: start.control.value,
        rule: rule.control.value.trim() || `FREQ=WEEKLY;INTERVAL=${every.control.value}`,
        duration_minutes: Number(duration.control.value) || 90,
        context: context.control.value,
        roster: rows.map((r) => r.read()).filter((r): r is Entry => r !== null),
      };
      try {
        await apiFetch("/api/v1/series", { method: "POST", token: key(), json: body });
        showNotice(t("series.created", { name: body.name }), "info");
        done();
      } catch (error) {
        fail(error);
      }
    });
  });
  return form;
}

function invitationTable(rows: InvitationRow[]): HTMLElement {
  if (!rows.length) return h("p", { class: "empty" }, t("series.no_invitations"));
  return h(
    "table",
    { class: "invitations", "data-testid": "invitations" },
    h("caption", {}, t("series.invitations")),
    h("thead", {}, h("tr", {}, ...["series.org", "series.contact", "series.answer", "series.link"].map((k) => h("th", { scope: "col" }, t(k))))),
    h(
      "tbody",
      {},
      ...rows.map((r) =>
        h(
          "tr",
          { "data-testid": "invitation-row" },
          h("td", {}, r.entry),
          h("td", {}, r.name, h("br"), h("span", { class: "meta" }, r.email)),
          h(
            "td",
            { "data-testid": "invitation-answer" },
            badge(r.answer ? t(`series.answer.${r.answer}`) : t("series.answer.none"), r.answer === "yes" ? "badge-first" : r.answer ? "" : "badge-away"),
            r.reminders ? h("span", { class: "meta" }, ` ${t("series.reminded", { n: r.reminders })}`) : null,
          ),
          h("td", {}, copyField(t("series.personal_link", { name: r.name }), r.link, "invitation-link")),
        ),
      ),
    ),
  );
}

function seriesCard(series: Series, key: () => string, reload: () => void): HTMLElement {
  const made = h("div", { "aria-live": "polite" });
  const invitations = h("div", {});
  const invite = checkbox(t("series.invite_everyone"), { checked: true, "data-testid": "series-invite" });
  const show = async (meetingId: string, action: "" | "invite" | "remind") => {
    const path = `/api/v1/series/${encodeURIComponent(series.id)}/meetings/${encodeURIComponent(meetingId)}/invitations${action === "remind" ? "/remind" : ""}`;
    try {
      const answer = await apiFetch<{ invitations: InvitationRow[] }>(path, { method: action ? "POST" : "GET", token: key() });
      if (action === "remind") showNotice(t("series.reminders_sent", { n: answer.invitations.length }), "info");
      const all = action === "remind" ? await apiFetch<{ invitations: InvitationRow[] }>(path.replace(/\/remind$/, ""), { token: key() }) : answer;
      replaceChildren(
        invitations,
        invitationTable(all.invitations),
        h(
          "div",
          { class: "actions" },
          button(t("series.invite_roster"), () => void once(`invite-${meetingId}`, () => show(meetingId, "invite")), { "data-testid": "series-invite-roster" }),
          button(t("series.remind"), () => void once(`remind-${meetingId}`, () => show(meetingId, "remind")), { "data-testid": "series-remind" }),
        ),
      );
    } catch (error) {
      fail(error);
    }
  };
  const next = button(t("series.next_meeting"), () =>
    void once(`next-${series.id}`, async () => {
      try {
        const m = await apiFetch<Made>(`/api/v1/series/${encodeURIComponent(series.id)}/meetings`, {
          method: "POST", token: key(), json: { moderator_name: series.coordinator_name, invite: invite.control.checked },
        });
        const heading = h("h3", { tabindex: "-1", "data-testid": "series-made" }, t("series.made", { number: m.number, when: local(m.local) }));
        replaceChildren(
          made,
          heading,
          h("p", {}, t("series.carried", { items: m.carried_followups, questions: m.carried_questions })),
          copyField(t("organise.console_link"), m.links.console, "console-link", t("organise.console_hint")),
          h("p", {}, h("a", { href: m.links.console, class: "button primary", "data-testid": "open-console" }, t("organise.open_console"))),
          copyField(t("organise.invite_link"), m.links.join, "join-link"),
        );
        heading.focus();
        await show(m.meeting_id, "");
      } catch (error) {
        fail(error);
      }
    }), { class: "primary", "data-testid": "series-next" });
  const updateText = field(t("series.update"), h("textarea", { maxlength: 1000, rows: 2, "data-testid": "series-update-text" }));
  const updateLink = field(t("series.update_link"), h("input", { type: "url", maxlength: 2000, "data-testid": "series-update-url" }));
  const updateForm = h("form", { class: "update-form" }, updateText.wrap, updateLink.wrap, h("button", { type: "submit", "data-testid": "series-update-post" }, t("series.post_update")));
  updateForm.addEventListener("submit", (e) => {
    e.preventDefault();
    void once(`update-${series.id}`, async () => {
      try {
        const body: Record<string, string> = { text: updateText.control.value };
        if (updateLink.control.value.trim()) body.url = updateLink.control.value.trim();
        await apiFetch(`/api/v1/series/${encodeURIComponent(series.id)}/updates`, { method: "POST", token: key(), json: body });
        updateText.control.value = "";
        updateLink.control.value = "";
        showNotice(t("series.update_posted"), "info");
      } catch (error) {
        fail(error);
      }
    });
  });
  return h(
    "article",
    { class: "card", "data-testid": "series-card" },
    h("h2", {}, series.name),
    h("p", { class: "meta" }, `${series.rule} · ${series.time_zone}`),
    h("h3", {}, t("series.upcoming")),
    h("ul", { "data-testid": "series-upcoming" }, ...series.upcoming.map((o) => h("li", {}, local(o.local)))),
    h("h3", {}, t("series.meetings")),
    series.meetings.length
      ? h(
          "ul",
          { "data-testid": "series-meetings" },
          ...series.meetings.map((m) =>
            h("li", {}, t("series.meeting_line", { number: m.number, when: local(m.local), status: t(`series.status.${m.status}`) }), " ",
              button(t("series.answers"), () => void once(`answers-${m.meeting_id}`, () => show(m.meeting_id, "")), { class: "link-button", "data-testid": "series-answers" })),
          ),
        )
      : h("p", { class: "empty" }, t("series.no_meetings")),
    h("h3", {}, t("series.roster")),
    h("ul", { "data-testid": "series-roster" }, ...series.roster.map((e) => h("li", {}, e.name, " ", badge(t(`series.kind.${e.kind}`)), e.required ? badge(t("series.required"), "badge-away") : null))),
    invite.wrap,
    h("div", { class: "actions" }, next),
    made,
    invitations,
    h("h3", {}, t("series.updates_heading")),
    updateForm,
    h("p", {}, h("button", { type: "button", class: "link-button", onclick: reload }, t("series.refresh"))),
  );
}

/** The series view of the organise page, rendered into `main`; `key` reads the organiser key field. */
export function renderSeries(main: HTMLElement, keyField: HTMLElement, key: () => string): void {
  const list = h("div", { "data-testid": "series-list" });
  const load = async () => {
    if (!key()) {
      replaceChildren(list, h("p", { class: "hint" }, t("series.key_first")));
      return;
    }
    try {
      const { series } = await apiFetch<{ series: Series[] }>("/api/v1/series", { token: key() });
      replaceChildren(list, ...(series.length ? series.map((s) => seriesCard(s, key, () => void load())) : [h("p", { class: "empty" }, t("series.none"))]));
    } catch (error) {
      fail(error);
    }
  };
  const show = button(t("series.show"), () => void once("series-load", load), { "data-testid": "series-load" });
  // The format picker lists the organiser's own formats once the key is known (typed here, or kept from before).
  let typing = 0;
  const formatsOf = (): void => void loadFormats(key());
  keyField.querySelector("input")?.addEventListener("input", () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(formatsOf, 400);
  });
  replaceChildren(
    main,
    h("h1", {}, t("series.title")),
    h("p", { class: "lead" }, t("series.lead")),
    h("p", {}, h("a", { href: "/organise" }, t("series.back"))),
    h("div", { class: "card" }, keyField, show),
    list,
    createForm(key, () => void load()),
  );
  void load();
  formatsOf();
}
