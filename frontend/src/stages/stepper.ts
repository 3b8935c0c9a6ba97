// The format's stages as a stepper (the current one highlighted, the next one click away for the
// moderator) and the turn order: who has the turn, who has not had one yet, pass and next turn.

import "./strings";
import { h, replaceChildren, setText } from "../shared/dom";
import { errorText } from "../shared/errors";
import { duration } from "../shared/format";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import type { State } from "../shared/store";
import { badge, button, once, panelHeading } from "../shared/ui";
import { stageGuidance } from "./prompts";
import { stageName, stageOf, type StageView, type Turn } from "./state";

/** Who has not had a turn yet, in turn order. */
function waitingNames(view: StageView | null): string[] {
  return (view?.turns?.order ?? []).filter((x) => x.status === "pending").map((x) => x.display_name);
}

/** Moves to a stage; a Tour de table with turns remaining asks the moderator to confirm first. */
async function goTo(ctx: PanelContext, stage: string): Promise<void> {
  const ack = await ctx.conn.command("stage.set", { stage });
  if (ack.ok) return;
  if (ack.error.code === "turns_remaining") {
    // Name who is waiting, in the person's language, from the turn order this page shows.
    const waiting = waitingNames(stageOf(ctx.state()));
    const why = waiting.length ? t("turns.remaining", { names: waiting.join(", ") }) : t("error.turns_remaining");
    if (window.confirm(`${why}\n\n${t("stages.confirm_close")}`)) await ctx.send("stage.set", { stage, confirm: true });
    return;
  }
  showNotice(errorText(ack.error));
}

/** Whose turn it is: a press of "Next turn" acts on that turn, and a second press on it while the first is on its way is
 * the same press. */
function currentTurn(state: State): string | null {
  return stageOf(state)?.turns?.order.find((x) => x.status === "current")?.participant_id ?? null;
}

function stepList(ctx: PanelContext, view: StageView): HTMLElement {
  return h(
    "ol",
    { class: "stepper", "data-testid": "stepper", "aria-label": t("stages.steps") },
    ...view.steps.map((step) => {
      const current = step === view.current;
      const label = stageName(view, step);
      const content =
        ctx.role === "moderator" && !current
          ? button(label, () => void once(`stage-${step}`, () => goTo(ctx, step)), { class: "link-button", "aria-label": t("stages.go_to", { stage: label }), "data-focus-key": `stage-${step}` })
          : h("span", { class: "name" }, label);
      return h("li", { "data-step": step, "aria-current": current ? "step" : null, class: current ? "current" : null }, content, current ? badge(t("stages.now"), "badge-current") : null);
    }),
  );
}

function turnItem(ctx: PanelContext, turn: Turn): HTMLElement {
  const actions =
    ctx.role === "moderator" && turn.status === "pending"
      ? h(
          "span",
          { class: "row-actions" },
          button(t("turns.give"), () => void once(`give-${turn.participant_id}`, () => ctx.send("turn.next", { participant_id: turn.participant_id })), { class: "link-button" }),
          button(t("turns.pass"), () => void once(`pass-${turn.participant_id}`, () => ctx.send("turn.pass", { participant_id: turn.participant_id })), { class: "link-button" }),
        )
      : null;
  return h(
    "li",
    { "data-focus-item": turn.participant_id, "data-turn": turn.participant_id, class: turn.status === "current" ? "me" : null },
    h("span", { class: "name" }, turn.display_name),
    badge(t(`turns.status.${turn.status}`), turn.status === "current" ? "badge-current" : ""),
    actions,
  );
}

/** The current turn's countdown on the server's clock, or what happened at zero. */
function timeBoxText(ctx: PanelContext, state: State, view: StageView): { text: string; warned: boolean; up: boolean } | null {
  const box = view.turns?.time_box;
  if (!box) return null;
  if (box.time_up) {
    // "Nothing" at zero tells only the moderator; a gentle notice tells everyone.
    const told = box.action === "notice" || ctx.role === "moderator";
    const yours = box.participant_id === state.you.participant_id;
    return { text: told ? t(yours ? "turns.time_up_yours" : "turns.time_up") : duration(0), warned: true, up: true };
  }
  const left = Date.parse(box.deadline) - (Date.now() + state.clockOffset);
  return { text: `${duration(Math.max(0, left) + 999)} ${t("turns.time_left")}`, warned: box.warned, up: false };
}

function renderTimeBox(ctx: PanelContext, state: State, view: StageView | null, countdown: HTMLElement, timer: HTMLElement): void {
  const shown = view ? timeBoxText(ctx, state, view) : null;
  countdown.hidden = shown === null;
  if (!shown) return;
  setText(timer, shown.text);
  countdown.classList.toggle("countdown-warning", shown.warned);
}

function turnsView(ctx: PanelContext, state: State, view: StageView, countdown: HTMLElement): HTMLElement | null {
  const turns = view.turns;
  if (!turns) return null;
  const me = state.you.participant_id;
  const mine = turns.order.find((x) => x.participant_id === me);
  const names = waitingNames(view);
  const inTurnStage = view.current === turns.stage;
  return h(
    "div",
    { class: "turns" },
    h("h3", {}, t("turns.heading"), " · ", stageName(view, turns.stage)),
    h("p", { class: "meta", "data-testid": "turns-remaining" }, names.length ? t("turns.remaining", { names: names.join(", ") }) : t("turns.all_done")),
    mine?.status === "current" ? h("p", { class: "floor-you", "data-testid": "turn-yours" }, t("turns.yours")) : null,
    turns.time_box ? countdown : null,
    ctx.role !== "moderator" && inTurnStage && mine && (mine.status === "pending" || mine.status === "current")
      ? button(t("turns.pass_mine"), () => void once("pass-mine", () => ctx.send("turn.pass")), { "data-testid": "turn-pass", "data-focus-key": "pass-mine" })
      : null,
    ctx.role === "moderator" && inTurnStage
      ? button(t("turns.next"), () => void once(`turn-next-${currentTurn(ctx.state())}`, () => ctx.send("turn.next")), { class: "primary", "data-testid": "turn-next", "data-focus-key": "turn-next", "aria-keyshortcuts": "T" })
      : null,
    h("ol", { class: "queue", "data-testid": "turn-order" }, ...turns.order.map((turn) => turnItem(ctx, turn))),
  );
}

registerPanel({
  id: "stages",
  roles: ["participant", "moderator"],
  area: "top",
  order: 5,
  place: { moderator: { area: "live2", order: 3 } },
  mount(section, ctx) {
    panelHeading(section, "stages.heading");
    const body = h("div", { "data-testid": "stages" });
    section.appendChild(body);
    const timer = h("span", { class: "floor-timer", role: "timer", "aria-live": "off", "data-testid": "turn-countdown" });
    const countdown = h("p", { class: "countdown", "data-testid": "turn-time-box" }, h("span", { class: "visually-hidden" }, t("turns.time_label"), " "), timer);
    window.setInterval(() => renderTimeBox(ctx, ctx.state(), stageOf(ctx.state()), countdown, timer), 250);
    return {
      update(state, cause) {
        const view = stageOf(state);
        section.hidden = view === null;
        if (!view) return;
        const next = view.next;
        replaceChildren(
          body,
          stepList(ctx, view),
          // The turn order first: in a turn-taking stage "Next turn" is the moderator's loop and stays on a laptop's
          // first screen; the stage's guidance and prompts follow.
          turnsView(ctx, state, view, countdown),
          stageGuidance(ctx, state, view),
          ctx.role === "moderator"
            ? next
              ? button(t("stages.next", { stage: stageName(view, next) }), () => void once(`stage-${next}`, () => goTo(ctx, next)), { class: "primary", "data-testid": "stage-next", "data-focus-key": "stage-next" })
              : h("p", { class: "meta" }, t("stages.last"))
            : null,
        );
        renderTimeBox(ctx, state, view, countdown, timer);
        if (cause.kind !== "event") return;
        if (cause.event.type === "stage.changed" && view.current) ctx.announce(t("stages.changed", { stage: stageName(view, view.current) }));
        const box = view.turns?.time_box;
        const yours = box?.participant_id === state.you.participant_id;
        if (cause.event.type === "turn.time_warned" && box) ctx.announce(t("turns.time_warned", { seconds: Math.round(cause.event.data.seconds_left) }), yours ? "assertive" : "polite");
        if (cause.event.type === "turn.time_up" && box && (box.action === "notice" || ctx.role === "moderator")) ctx.announce(t(yours ? "turns.time_up_yours" : "turns.time_up"), yours ? "assertive" : "polite");
        if (cause.event.type === "turn.started") {
          const turn = view.turns?.order.find((x) => x.status === "current");
          if (turn) ctx.announce(turn.participant_id === state.you.participant_id ? t("turns.yours") : t("turns.started", { name: turn.display_name }), turn.participant_id === state.you.participant_id ? "assertive" : "polite");
        }
      },
    };
  },
});
