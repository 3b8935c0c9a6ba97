// What the current stage is for (its guidance, for everyone) and what it suggests to the moderator:
// each prompt of the format's stage is an action in the console (a button) or a line of guidance.

import "./strings";
import "../roles/strings";
import { h } from "../shared/dom";
import { t } from "../shared/i18n";
import type { PanelContext } from "../shared/panels";
import type { State } from "../shared/store";
import { textIn } from "../shared/texts";
import { button, once } from "../shared/ui";
import type { StageView } from "./state";

type Prompt = StageView["current_stage"]["prompts"][number];

/** Moves focus to a control of another panel of the console (and scrolls it into view). */
function focusPanel(panel: string, selector: string): void {
  const control = document.querySelector<HTMLElement>(`[data-panel="${panel}"] ${selector}`);
  if (!control) return;
  control.scrollIntoView({ block: "center" });
  control.focus();
}

/** The breakout panel, set to the kind of break the stage suggests. */
function openBreakoutPanel(kind: "thinking" | "rooms"): void {
  const select = document.querySelector<HTMLSelectElement>('[data-panel="breakout-controls"] [data-testid="breakout-kind"]');
  if (select && select.value !== kind) {
    select.value = kind;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  }
  focusPanel("breakout-controls", '[data-testid="breakout-kind"]');
}

function promptAction(ctx: PanelContext, state: State, prompt: Prompt): HTMLElement | null {
  const consent = state.meeting.consent.state;
  const action = (label: string, run: () => void) =>
    button(label, run, { "data-testid": `prompt-${prompt}`, "data-focus-key": `prompt-${prompt}` });
  switch (prompt) {
    case "open_opening_ballot":
      // Once a ballot was held (or the meeting went private), the prompt has done its work.
      if (consent !== "undecided" || state.meeting.consent.ballot) return null;
      return action(t("prompt.open_opening_ballot"), () => void once("prompt-opening", () => ctx.send("consent.open_ballot", { phase: "opening" })));
    case "open_closing_ballot":
      // As the consent panel offers it: only once something was recorded, and not while a ballot runs.
      if ((consent !== "recording_allowed" && consent !== "recording") || state.meeting.consent.recordings === 0 || state.meeting.consent.ballot) return null;
      return action(t("prompt.open_closing_ballot"), () => void once("prompt-closing", () => ctx.send("consent.open_ballot", { phase: "closing" })));
    case "review_carried_actions":
      // The carried items' panel (src/series/panels.ts), when the previous meeting of the series left any open.
      if (!(state.meeting.followups ?? []).some((f) => f.carried && f.review === null)) return null;
      return action(t("prompt.review_carried_actions"), () => focusPanel("carried", '[data-testid="review-done"]'));
    case "record_follow_ups":
      return action(t("prompt.record_follow_ups"), () => focusPanel("followups", '[data-testid="followup-text"]'));
    case "thinking_break":
      return action(t("prompt.thinking_break"), () => openBreakoutPanel("thinking"));
    case "breakouts":
      return action(t("prompt.breakouts"), () => openBreakoutPanel("rooms"));
    default:
      return h("li", { class: "prompt-line", "data-testid": `prompt-${prompt}` }, t(`prompt.${prompt}`));
  }
}

/** A stage for some roles only (the network's own time): the others are told to wait, and for whom it is. */
function waiting(ctx: PanelContext, state: State, only: string[]): HTMLElement | null {
  if (ctx.role === "moderator" || only.length === 0 || only.includes(state.you.format_role)) return null;
  const names = only.map((id) => state.meeting.roles.find((r) => r.id === id)).map((r) => (r ? textIn(r.name) : "")).filter(Boolean);
  return h("p", { class: "meta", role: "status", "data-testid": "stage-waiting" }, t("roles.waiting", { roles: names.join(", ") }));
}

/** The stage's guidance, its suggested length and, for moderators, its prompts. */
export function stageGuidance(ctx: PanelContext, state: State, view: StageView): HTMLElement {
  const stage = view.current_stage;
  const guidance = textIn(stage.guidance);
  const lines: HTMLElement[] = [];
  const buttons: HTMLElement[] = [];
  if (ctx.role === "moderator") {
    for (const prompt of stage.prompts) {
      const made = promptAction(ctx, state, prompt);
      if (!made) continue;
      (made.tagName === "LI" ? lines : buttons).push(made);
    }
  }
  return h(
    "div",
    { class: "stage-guidance", "data-testid": "stage-guidance" },
    h("h3", { "data-testid": "stage-name" }, textIn(stage.name)),
    guidance ? h("p", { "data-testid": "stage-guidance-text" }, guidance) : null,
    stage.minutes ? h("p", { class: "meta" }, t("stages.minutes", { minutes: stage.minutes })) : null,
    !stage.floor ? h("p", { class: "meta", "data-testid": "stage-no-floor" }, t("stages.no_floor")) : null,
    waiting(ctx, state, stage.only_roles),
    lines.length ? h("ul", { class: "prompt-lines", "aria-label": t("stages.prompts") }, ...lines) : null,
    buttons.length ? h("div", { class: "actions", "data-testid": "stage-prompts" }, ...buttons) : null,
  );
}
