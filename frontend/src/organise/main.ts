// The organiser page: the organiser key, a new meeting, its two links, and co-moderators' links.

import { apiFetch, ApiError } from "../shared/api";
import { coModeratorForm } from "../shared/co-moderators";
import { copyField } from "../shared/copy";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { language, languages, t } from "../shared/i18n";
import { showNotice, startPage } from "../shared/page";
import { checkbox, field, once } from "../shared/ui";
import { resultsCard } from "./results";
import { renderSeries } from "./series";

interface Created {
  id: string;
  title: string;
  join_code: string;
  moderator_token: string;
  links: { console: string; join: string };
}

const KEY_STORAGE = "roundtable.organiser_key";
let created: Created | null = null;

function storedKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? localStorage.getItem(KEY_STORAGE) ?? "";
  } catch {
    return "";
  }
}

function result(main: HTMLElement, meeting: Created): void {
  const heading = h("h2", { tabindex: "-1", "data-testid": "created" }, t("organise.created", { title: meeting.title }));
  replaceChildren(
    main,
    h("h1", {}, t("organise.title")),
    h(
      "div",
      { class: "card" },
      heading,
      copyField(t("organise.console_link"), meeting.links.console, "console-link", t("organise.console_hint")),
      h("p", {}, h("a", { href: meeting.links.console, class: "button primary", "data-testid": "open-console" }, t("organise.open_console"))),
      copyField(t("organise.invite_link"), meeting.links.join, "join-link", t("organise.invite_hint")),
      coModeratorForm(meeting.id, meeting.moderator_token),
      h("p", {}, h("button", { type: "button", onclick: () => { created = null; window.location.reload(); } }, t("organise.another"))),
    ),
  );
  heading.focus();
}

document.body.classList.add("page-narrow");
// /organise and /organise#series are two views of one page.
window.addEventListener("hashchange", () => window.location.reload());
startPage({
  render({ main }) {
    document.title = `${t("organise.title")} · Roundtable`;
    if (created) {
      result(main, created);
      return;
    }
    const key = field(t("organise.key"), h("input", { type: "password", autocomplete: "off", required: true, value: storedKey(), "data-testid": "organiser-key" }), t("organise.key_hint"));
    // Series of meetings live in their own module (frontend/src/organise/series.ts), at /organise#series.
    if (window.location.hash === "#series") {
      renderSeries(main, key.wrap, () => key.control.value.trim());
      return;
    }
    const remember = checkbox(t("organise.remember"));
    const title = field(t("organise.meeting_title"), h("input", { type: "text", required: true, maxlength: 200, "data-testid": "meeting-title-input" }));
    const format = field(
      t("organise.format"),
      h("select", { "data-testid": "meeting-format" }, ...["ask_the_audience", "tour_de_table", "open"].map((f) => h("option", { value: f }, t(`format.${f}`)))),
      t("organise.format_hint"),
    );
    const when = field(t("organise.when"), h("input", { type: "datetime-local", "data-testid": "meeting-when" }));
    const lang = field(
      t("organise.language"),
      h("select", { "data-testid": "meeting-language" }, ...languages().map((l) => h("option", { value: l.code, selected: language() === l.code, lang: l.code }, l.name))),
      t("organise.language_hint"),
    );
    const moderator = field(t("organise.moderator_name"), h("input", { type: "text", maxlength: 80, value: t("role.moderator"), "data-testid": "moderator-name" }));
    const form = h(
      "form",
      { class: "card", "data-testid": "organise-form" },
      key.wrap,
      remember.wrap,
      title.wrap,
      format.wrap,
      when.wrap,
      lang.wrap,
      moderator.wrap,
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
        };
        if (when.control.value) body.scheduled_for = new Date(when.control.value).toISOString();
        try {
          created = await apiFetch<Created>("/api/v1/meetings", { method: "POST", token: key.control.value.trim(), json: body });
          try {
            sessionStorage.setItem(KEY_STORAGE, key.control.value.trim());
            if (remember.control.checked) localStorage.setItem(KEY_STORAGE, key.control.value.trim());
          } catch {
            // storage refused: the key is simply asked for again next time
          }
          result(main, created);
        } catch (error) {
          const err = error as ApiError;
          showNotice(err.status === 401 ? t("organise.bad_key") : errorText(err));
          if (err.status === 401) key.control.focus();
        }
      });
    });
    replaceChildren(
      main,
      h("h1", {}, t("organise.title")),
      h("p", { class: "lead" }, t("organise.lead")),
      h("p", {}, h("a", { href: "#series", "data-testid": "open-series" }, t("series.open"))),
      form,
      resultsCard(() => key.control.value.trim()),
    );
  },
});
