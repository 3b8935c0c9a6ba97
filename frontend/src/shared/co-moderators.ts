// Adding a co-moderator (POST /api/v1/meetings/{id}/moderators with a moderator's token): used on
// /organise right after the meeting is created and in the console's settings. The new console link
// is shown to copy and send; links made on this page stay listed while the page is open.

import "../console/strings";
import { apiFetch, ApiError } from "./api";
import { copyField } from "./copy";
import { h, replaceChildren } from "./dom";
import { errorText } from "./errors";
import { t } from "./i18n";
import { showNotice } from "./page";
import { field, once } from "./ui";

interface Added {
  participant_id: string;
  token: string;
  links: { console: string };
}

const made = new Map<string, { name: string; link: string }[]>();

export function coModeratorForm(meetingId: string, token: string): HTMLElement {
  const links = h("div", { class: "co-moderator-links", "data-testid": "co-moderator-links" });
  const list = made.get(meetingId) ?? [];
  made.set(meetingId, list);
  const draw = (): void => replaceChildren(links, ...list.map((m, i) => copyField(t("console.comod.link", { name: m.name }), m.link, `co-moderator-link-${i}`, t("console.comod.hint", { name: m.name }))));
  const name = field(t("console.comod.name"), h("input", { type: "text", maxlength: 80, autocomplete: "off", "data-testid": "co-moderator-name" }));
  const form = h(
    "form",
    { class: "co-moderator-form" },
    h("h3", {}, t("console.comod.heading")),
    name.wrap,
    h("button", { type: "submit", "data-testid": "co-moderator-add" }, t("console.comod.add")),
    links,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = name.control.value.trim();
    if (!value) {
      name.control.focus();
      return;
    }
    void once("co-moderator", async () => {
      try {
        const added = await apiFetch<Added>(`/api/v1/meetings/${encodeURIComponent(meetingId)}/moderators`, { method: "POST", token, json: { display_name: value } });
        list.push({ name: value, link: added.links.console });
        name.control.value = "";
        draw();
        const inputs = links.querySelectorAll<HTMLInputElement>("input");
        inputs[inputs.length - 1]?.focus();
      } catch (error) {
        showNotice(errorText(error as ApiError));
      }
    });
  });
  draw();
  return form;
}
