// The forms panel of the participant page: the forms addressed to this person, each answerable with the keyboard
// and a screen reader, on a 360-pixel phone, in every page language. It works after the meeting has ended: the
// token keeps working for the meeting's forms. The list is read over HTTP when the page opens, when the meeting
// ends (a learning conversation opens its feedback then) and every minute.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren, uid } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import { once, panelHeading } from "../shared/ui";
import { textIn } from "./results-view";
import type { FormView, Question } from "./types";

const REFRESH_MS = 60_000;
const LIMITS: Record<string, number> = { short_text: 200, long_text: 4000 };

function when(iso: string): string {
  return new Date(iso).toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
}

function textControl(q: Question, id: string, value: string): HTMLElement {
  const limit = LIMITS[q.kind];
  const counter = h("p", { class: "hint", id: `${id}-left`, "aria-live": "polite" });
  const attrs = { id, name: q.id, maxlength: limit, required: q.required ?? false, "aria-describedby": `${id}-left`, dir: "auto" };
  const control = q.kind === "short_text" ? h("input", { type: "text", ...attrs }) : h("textarea", { rows: 4, ...attrs });
  control.value = value;
  const left = (): void => {
    const n = limit - control.value.length;
    // Said only near the limit: a counter read out at every key would drown the person's own typing.
    counter.textContent = n <= Math.min(100, limit / 5) ? t("forms.chars_left", { n }) : "";
  };
  control.addEventListener("input", left);
  left();
  return h("div", { class: "field" }, h("label", { for: id }, textIn(q.text), q.required ? ` ${t("forms.required")}` : ""), control, counter);
}

function choiceGroup(q: Question, id: string, options: { value: string; label: string }[], multiple: boolean, describedBy?: string): HTMLElement {
  const legend = h("legend", {}, textIn(q.text), q.required ? ` ${t("forms.required")}` : "");
  const items = options.map((option) => {
    const inputId = uid(id);
    return h(
      "span",
      { class: "choice" },
      h("input", { type: multiple ? "checkbox" : "radio", id: inputId, name: q.id, value: option.value, required: !multiple && (q.required ?? false) }),
      h("label", { for: inputId }, option.label),
    );
  });
  return h("fieldset", { class: `choices kind-${q.kind}`, "aria-describedby": describedBy ?? null }, legend, h("div", { class: "choice-row" }, ...items));
}

function questionField(q: Question, form: FormView, prefix: string): HTMLElement {
  const id = `${prefix}-${q.id}`;
  if (q.kind === "short_text" || q.kind === "long_text") return textControl(q, id, form.prefill[q.id] ?? "");
  if (q.kind === "scale_0_10") {
    const anchors = h("p", { class: "hint scale-anchors", id: `${id}-anchors` }, t("forms.scale_low", { text: textIn(q.low) }), h("br"), t("forms.scale_high", { text: textIn(q.high) }));
    const points = Array.from({ length: 11 }, (_, n) => ({ value: String(n), label: String(n) }));
    const group = choiceGroup(q, id, points, false, `${id}-anchors`);
    group.insertBefore(anchors, group.children[1]);
    group.classList.add("scale");
    return group;
  }
  if (q.kind === "yes_no") return choiceGroup(q, id, [{ value: "true", label: t("forms.yes") }, { value: "false", label: t("forms.no") }], false);
  const choices = (q.choices ?? []).map((c) => ({ value: c.id, label: textIn(c.label) }));
  return choiceGroup(q, id, choices, q.kind === "multiple_choice");
}

function collect(form: FormView, element: HTMLFormElement): Record<string, unknown> {
  const data = new FormData(element);
  const answers: Record<string, unknown> = {};
  for (const q of form.definition.questions) {
    if (q.kind === "multiple_choice") {
      const chosen = data.getAll(q.id).map(String);
      if (chosen.length) answers[q.id] = chosen;
      continue;
    }
    const value = data.get(q.id);
    if (value === null || String(value).trim() === "") continue;
    if (q.kind === "scale_0_10") answers[q.id] = Number(value);
    else if (q.kind === "yes_no") answers[q.id] = value === "true";
    else answers[q.id] = String(value);
  }
  return answers;
}

function formCard(form: FormView, ctx: PanelContext, refresh: () => Promise<void>): HTMLElement {
  const prefix = uid("form");
  const headingId = `${prefix}-title`;
  const state =
    form.state === "open" ? t("forms.open_until", { deadline: when(form.deadline) }) : form.state === "closed" ? t("forms.closed") : t("forms.not_open");
  const card = h(
    "article",
    { class: "form-card card", "aria-labelledby": headingId, "data-form": form.id, "data-testid": "form-card" },
    h("h3", { id: headingId }, textIn(form.definition.title)),
    h("p", { class: "hint", "data-testid": "form-state" }, state),
  );
  if (form.answered) {
    card.append(h("p", { class: "answered", "data-testid": "form-answered" }, t("forms.answered")));
    return card;
  }
  if (form.state !== "open" || !form.for_me) return card;
  if (form.definition.intro) card.append(h("p", {}, textIn(form.definition.intro)));
  card.append(h("p", { class: "hint" }, form.anonymous ? t("forms.anonymous") : t("forms.named")));
  const element = h("form", { class: "form-answers", "data-testid": "form-answers" });
  let section = "";
  for (const q of form.definition.questions) {
    const hint = textIn(q.hint);
    if (hint && hint !== section) element.append(h("h4", {}, hint));
    section = hint;
    element.append(questionField(q, form, prefix));
  }
  const submit = h("button", { type: "submit", class: "primary", "data-testid": "form-submit" }, t("forms.submit"));
  element.append(submit);
  element.addEventListener("submit", (event) => {
    event.preventDefault();
    void once(`form-${form.id}`, async () => {
      submit.textContent = t("forms.sending");
      try {
        await apiFetch(`/api/v1/meetings/${encodeURIComponent(form.meeting_id)}/forms/${encodeURIComponent(form.id)}/answers`, {
          method: "POST",
          token: ctx.token,
          json: { answers: collect(form, element) },
        });
        ctx.announce(t("forms.sent"), "assertive");
        await refresh();
      } catch (error) {
        const err = error as ApiError;
        showNotice(errorText(err));
        submit.textContent = t("forms.submit");
        if (err.code === "already_answered" || err.code === "form_closed") await refresh();
      }
    });
  });
  card.append(element);
  return card;
}

registerPanel({
  id: "forms",
  roles: ["participant"],
  area: "top",
  order: 5,
  mount(section, ctx) {
    // Shown while there are forms for the person; the page sets `hidden` from the role's rights at every update, so
    // the panel applies its own condition again after it (update below): an empty "Forms" heading tells nobody anything.
    let any = false;
    section.hidden = true;
    panelHeading(section, "forms.heading");
    const list = h("div", { class: "form-list", "data-testid": "forms" });
    section.append(list);
    let signature = "";
    let announced = new Set<string>();

    const refresh = async (): Promise<void> => {
      let forms: FormView[];
      try {
        forms = await apiFetch<FormView[]>(`/api/v1/meetings/${encodeURIComponent(ctx.state().meeting.id)}/forms`, { token: ctx.token });
      } catch {
        return; // offline or the link gone: the connection banner says so
      }
      const next = JSON.stringify(forms.map((f) => [f.id, f.state, f.answered, f.for_me]));
      if (next === signature) return;
      signature = next;
      any = forms.length > 0;
      section.hidden = !any;
      // Forms being answered keep what was typed: only a change of the list rebuilds it.
      replaceChildren(list, ...forms.map((f) => formCard(f, ctx, refresh)));
      const waiting = forms.filter((f) => f.state === "open" && f.for_me && !f.answered);
      for (const f of waiting) if (!announced.has(f.id)) ctx.announce(t("forms.new", { title: textIn(f.definition.title) }));
      announced = new Set(waiting.map((f) => f.id));
    };

    const timer = window.setInterval(() => {
      if (!section.isConnected) window.clearInterval(timer);
      else void refresh();
    }, REFRESH_MS);
    void refresh();
    return {
      update(_state, cause) {
        if (!any) section.hidden = true;
        if (cause.kind === "snapshot" || (cause.kind === "event" && cause.event.type === "meeting.ended")) void refresh();
      },
    };
  },
});
