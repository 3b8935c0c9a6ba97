// The console's record panel: once the meeting has ended, the moderator chooses which form results go into the
// take-home record and which sections, then publishes it to everyone — or, where the format says so, gives it
// to the lead worker first. Everything is read and sent over HTTP with the moderator's token.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren, uid } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import { button, panelHeading } from "../shared/ui";
import { textIn } from "../forms/results-view";
import type { FormView } from "../forms/types";

interface RecordState {
  record: { published_at: string | null; lead_released_at: string | null; lead_first: boolean };
}

const SECTIONS = ["boards", "resources", "followups"] as const;

function base(ctx: PanelContext): string {
  return `/api/v1/meetings/${encodeURIComponent(ctx.state().meeting.id)}`;
}

function check(label: string, value: string, checked: boolean): { wrap: HTMLElement; input: HTMLInputElement } {
  const id = uid("record-choice");
  const input = h("input", { type: "checkbox", id, value, checked });
  return { wrap: h("span", { class: "choice" }, input, h("label", { for: id }, label)), input };
}

registerPanel({
  id: "record-console",
  roles: ["moderator"],
  area: "side",
  order: 46,
  mount(section, ctx) {
    // Shown once there is a record to show; the page sets `hidden` from the role's rights at every update, so the
    // panel applies its own condition again after it (update below).
    let visible = false;
    section.hidden = true;
    section.dataset.testid = "record-console";
    panelHeading(section, "record.heading");
    const body = h("div", { class: "record" });
    section.append(body);

    const refresh = async (): Promise<void> => {
      if (ctx.state().meeting.status !== "ended") return;
      let state: RecordState;
      let forms: FormView[];
      try {
        [state, forms] = await Promise.all([
          apiFetch<RecordState>(`${base(ctx)}/record`, { token: ctx.token }),
          apiFetch<FormView[]>(`${base(ctx)}/forms`, { token: ctx.token }),
        ]);
      } catch {
        return;
      }
      visible = true;
      section.hidden = false;
      const { published_at, lead_released_at, lead_first } = state.record;
      if (published_at) {
        replaceChildren(body, h("p", { "data-testid": "record-state" }, t("record.published", { when: new Date(published_at).toLocaleString() })));
        return;
      }
      const formChecks = forms.map((f) => check(textIn(f.definition.title), f.id, false));
      const sectionChecks = SECTIONS.map((s) => check(t(`record.include.${s}`), s, true));
      const choices = (): Record<string, unknown> => ({
        forms: formChecks.filter((c) => c.input.checked).map((c) => c.input.value),
        include: Object.fromEntries(sectionChecks.map((c) => [c.input.value, c.input.checked])),
      });
      const send = async (step: "publish" | "release"): Promise<void> => {
        try {
          await apiFetch(`${base(ctx)}/record/${step}`, { method: "POST", token: ctx.token, json: choices() });
          ctx.announce(t(step === "publish" ? "record.done_publish" : "record.done_release"));
          await refresh();
        } catch (error) {
          showNotice(errorText(error as ApiError));
        }
      };
      replaceChildren(
        body,
        h("p", {}, t("record.choose")),
        formChecks.length ? h("fieldset", {}, h("legend", {}, t("record.choose_forms")), ...formChecks.map((c) => c.wrap)) : null,
        h("fieldset", {}, h("legend", {}, t("record.choose_sections")), ...sectionChecks.map((c) => c.wrap)),
        lead_released_at ? h("p", { class: "hint" }, t("record.released", { when: new Date(lead_released_at).toLocaleString() })) : null,
        h(
          "div",
          { class: "actions" },
          lead_first && !lead_released_at ? button(t("record.release"), () => void send("release"), { "data-testid": "record-release" }) : null,
          button(t("record.publish"), () => void send("publish"), { "data-testid": "record-publish" }),
        ),
      );
    };

    void refresh();
    return {
      update(_state, cause) {
        if (!visible) section.hidden = true;
        if (cause.kind === "snapshot" || cause.event.type === "meeting.ended") void refresh();
      },
    };
  },
});
