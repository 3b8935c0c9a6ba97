// The console's forms: make one from a template and open it, open and close forms, and each form's results —
// the 0–10 distribution as a chart, choice counts, the written answers — with CSV and JSON downloads.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { language, t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import { button, field, once, panelHeading } from "../shared/ui";
import { download, questionResult, textIn } from "./results-view";
import type { FormResults, FormView, Template } from "./types";

const REFRESH_MS = 30_000;

function base(ctx: PanelContext): string {
  return `/api/v1/meetings/${encodeURIComponent(ctx.state().meeting.id)}/forms`;
}

async function call<T>(ctx: PanelContext, path: string, init: RequestInit & { json?: unknown } = {}): Promise<T | null> {
  try {
    return await apiFetch<T>(path, { ...init, token: ctx.token });
  } catch (error) {
    showNotice(errorText(error as ApiError));
    return null;
  }
}

function resultsBlock(results: FormResults): HTMLElement {
  if (!results.shown) return h("p", { class: "hint", "data-testid": "results-hidden" }, t("results.hidden"));
  return h(
    "div",
    { class: "form-results", "data-testid": "form-results" },
    h("p", { "data-testid": "results-count" }, t("results.count", { n: results.count ?? 0 })),
    ...results.questions.map(questionResult),
  );
}

/** A draft's texts in the page's language: the title and each question, saved as the meeting's own copy. */
function editor(form: FormView, ctx: PanelContext, path: string, refresh: () => Promise<void>): HTMLElement {
  const lang = language();
  const definition = structuredClone(form.definition);
  const title = field(t("forms.edit_title"), h("input", { type: "text", maxlength: 2000, value: textIn(definition.title), "data-testid": "edit-title" }));
  const questions = definition.questions.map((q, i) => ({ q, input: field(t("forms.edit_question", { n: i + 1 }), h("textarea", { rows: 2, maxlength: 2000, "data-question": q.id }, textIn(q.text))) }));
  const element = h("form", { class: "form-editor", "data-testid": "form-editor" }, title.wrap, ...questions.map((x) => x.input.wrap), h("button", { type: "submit" }, t("forms.save")));
  element.addEventListener("submit", (event) => {
    event.preventDefault();
    void once(`edit-${form.id}`, async () => {
      definition.title = { ...definition.title, [lang]: title.control.value.trim() || textIn(definition.title) };
      for (const { q, input } of questions) q.text = { ...q.text, [lang]: input.control.value.trim() || textIn(q.text) };
      if (await call(ctx, path, { method: "PATCH", json: { definition } })) {
        ctx.announce(t("forms.saved"));
        await refresh();
      }
    });
  });
  return h("details", {}, h("summary", {}, t("forms.edit")), element);
}

function formRow(form: FormView, ctx: PanelContext, refresh: () => Promise<void>): HTMLElement {
  const path = `${base(ctx)}/${encodeURIComponent(form.id)}`;
  const results = h("div", { class: "results-slot" });
  const showResults = async (): Promise<void> => {
    const found = await call<FormResults>(ctx, `${path}/results`);
    if (found) replaceChildren(results, resultsBlock(found));
  };
  const exportAs = async (kind: "csv" | "json"): Promise<void> => {
    const body = await call<unknown>(ctx, `${path}/results?export=${kind}`);
    if (body === null) return;
    const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
    download(text, `form-${form.id.slice(0, 8)}.${kind}`, kind === "csv" ? "text/csv" : "application/json");
  };
  const actions = h("div", { class: "actions" });
  if (form.state === "draft" || form.state === "scheduled")
    actions.append(button(t("results.open"), () => void once(`open-${form.id}`, async () => (await call(ctx, `${path}/open`, { method: "POST" })) && refresh())));
  if (form.state === "open")
    actions.append(button(t("results.close"), () => void once(`close-${form.id}`, async () => (await call(ctx, `${path}/close`, { method: "POST" })) && refresh())));
  actions.append(
    button(t("results.heading"), () => void once(`results-${form.id}`, showResults), { "data-testid": "show-results" }),
    button(t("results.download_csv"), () => void once(`csv-${form.id}`, () => exportAs("csv"))),
    button(t("results.download_json"), () => void once(`json-${form.id}`, () => exportAs("json"))),
  );
  return h(
    "li",
    { class: "form-row", "data-form": form.id, "data-focus-item": form.id },
    h("strong", {}, textIn(form.definition.title)),
    h("span", { class: "hint" }, ` · ${t(`forms.state.${form.state}`)} · ${t("results.count", { n: form.answers ?? 0 })}`),
    actions,
    form.state === "draft" || form.state === "scheduled" ? editor(form, ctx, path, refresh) : null,
    results,
  );
}

registerPanel({
  id: "forms-console",
  roles: ["moderator"],
  area: "side",
  order: 45,
  mount(section, ctx) {
    panelHeading(section, "forms.heading");
    const list = h("ul", { class: "form-rows", "data-testid": "console-forms" });
    const choose = field(t("results.template"), h("select", { "data-testid": "form-template" }));
    const draft = h("button", { type: "button", "data-testid": "form-draft" }, t("forms.create_draft"));
    const create = h(
      "form",
      { class: "new-form" },
      h("h3", {}, t("results.new")),
      choose.wrap,
      h("div", { class: "actions" }, h("button", { type: "submit" }, t("results.create")), draft),
    );
    section.append(list, create);
    let signature = "";

    const refresh = async (): Promise<void> => {
      const forms = await call<FormView[]>(ctx, base(ctx));
      if (!forms) return;
      const next = JSON.stringify(forms.map((f) => [f.id, f.state, f.answers, f.definition]));
      if (next === signature) return;
      signature = next;
      if (!forms.length) replaceChildren(list, h("li", { class: "empty" }, t("results.none")));
      else replaceChildren(list, ...forms.map((f) => formRow(f, ctx, refresh)));
    };

    void (async () => {
      const found = await call<{ templates: Template[] }>(ctx, "/api/v1/form-templates");
      if (found) replaceChildren(choose.control, ...found.templates.map((tpl) => h("option", { value: tpl.id }, textIn(tpl.name))));
    })();
    draft.addEventListener("click", () => {
      void once("form-draft", async () => {
        await call<FormView>(ctx, base(ctx), { method: "POST", json: { template: choose.control.value } });
        await refresh();
      });
    });
    create.addEventListener("submit", (event) => {
      event.preventDefault();
      void once("form-create", async () => {
        const made = await call<FormView>(ctx, base(ctx), { method: "POST", json: { template: choose.control.value } });
        if (made) await call(ctx, `${base(ctx)}/${encodeURIComponent(made.id)}/open`, { method: "POST" });
        await refresh();
      });
    });
    const timer = window.setInterval(() => {
      if (!section.isConnected) window.clearInterval(timer);
      else void refresh();
    }, REFRESH_MS);
    return {
      update(_state, cause) {
        if (cause.kind === "snapshot" || (cause.kind === "event" && cause.event.type === "meeting.ended")) void refresh();
      },
    };
  },
});
