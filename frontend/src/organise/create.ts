// Creating a meeting from the desk: title, format, date, language, the moderator's name and topic tags; then
// its two links and co-moderators' links. The desk's list is told to show it.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { coModeratorForm } from "../shared/co-moderators";
import { copyField } from "../shared/copy";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { language, languages, t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { field, once } from "../shared/ui";
import { formatPicker, loadFormats } from "./formats";
import { organiserKey } from "./key";

interface Created {
  id: string;
  title: string;
  join_code: string;
  moderator_token: string;
  links: { console: string; join: string };
}

let created: Created | null = null;

export function tagList(text: string): string[] {
  return text.split(",").map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}

function result(section: HTMLElement, meeting: Created, again: () => void): void {
  const heading = h("h3", { tabindex: "-1", "data-testid": "created" }, t("organise.created", { title: meeting.title }));
  replaceChildren(
    section,
    h("h2", {}, t("desk.create_heading")),
    heading,
    copyField(t("organise.console_link"), meeting.links.console, "console-link", t("organise.console_hint")),
    h("p", {}, h("a", { href: meeting.links.console, class: "button primary", "data-testid": "open-console" }, t("organise.open_console"))),
    copyField(t("organise.invite_link"), meeting.links.join, "join-link", t("organise.invite_hint")),
    coModeratorForm(meeting.id, meeting.moderator_token),
    h("p", {}, h("button", { type: "button", "data-testid": "create-another", onclick: () => { created = null; again(); } }, t("organise.another"))),
  );
  heading.focus();
}

/** The new-meeting section; `made` runs after a meeting is created (the desk reloads its list). */
export function createSection(made: () => void): HTMLElement {
  const section = h("section", { class: "card", "data-testid": "create-section" });
  const draw = (): void => {
    if (created) {
      result(section, created, draw);
      return;
    }
    const title = field(t("organise.meeting_title"), h("input", { type: "text", required: true, maxlength: 200, "data-testid": "meeting-title-input" }));
    // Every format this organiser may use, built-in and their own (./formats.ts).
    const format = formatPicker();
    void loadFormats(organiserKey());
    const when = field(t("organise.when"), h("input", { type: "datetime-local", "data-testid": "meeting-when" }));
    const lang = field(
      t("organise.language"),
      h("select", { "data-testid": "meeting-language" }, ...languages().map((l) => h("option", { value: l.code, selected: language() === l.code, lang: l.code }, l.name))),
      t("organise.language_hint"),
    );
    const moderator = field(t("organise.moderator_name"), h("input", { type: "text", maxlength: 80, value: t("role.moderator"), "data-testid": "moderator-name" }));
    const tags = field(t("desk.tags_field"), h("input", { type: "text", maxlength: 400, autocomplete: "off", "data-testid": "meeting-tags" }));
    const form = h(
      "form",
      { "data-testid": "organise-form" },
      title.wrap,
      format.wrap,
      when.wrap,
      lang.wrap,
      moderator.wrap,
      tags.wrap,
      h("button", { type: "submit", class: "primary", "data-testid": "create-meeting" }, t("organise.create")),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void once("create", async () => {
        const body: Record<string, unknown> = {
          title: title.control.value.trim(),
          format: format.control.value,
          language: lang.control.value,
          moderator_name: moderator.control.value.trim() || t("role.moderator"),
          tags: tagList(tags.control.value),
        };
        if (when.control.value) body.scheduled_for = new Date(when.control.value).toISOString();
        try {
          created = await apiFetch<Created>("/api/v1/meetings", { method: "POST", token: organiserKey(), json: body });
          result(section, created, draw);
          made();
        } catch (error) {
          showNotice(errorText(error as ApiError));
        }
      });
    });
    replaceChildren(section, h("h2", {}, t("desk.create_heading")), h("p", { class: "lead" }, t("organise.lead")), form);
  };
  draw();
  return section;
}
