// The question on the table now; on the console also the moderator's "Next question" (the current one
// is marked answered and the next approved question in the moderator's order goes on the table).

import { h, redrawWhenChanged, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel, type PanelContext } from "../shared/panels";
import type { State } from "../shared/store";
import type { Question } from "../shared/types";
import { badge, button, once, panelHeading } from "../shared/ui";

/** The approved question after the current one in the moderator's order (or the first one, with none current). */
export function nextQuestion(state: State): Question | null {
  const approved = state.meeting.questions.filter((q) => q.status === "approved");
  const current = state.meeting.current_question_id;
  const at = approved.findIndex((q) => q.id === current);
  const rest = at >= 0 ? [...approved.slice(at + 1), ...approved.slice(0, at)] : approved;
  return rest[0] ?? null;
}

async function goToNext(ctx: PanelContext): Promise<void> {
  const state = ctx.state();
  const next = nextQuestion(state);
  const current = state.meeting.current_question_id;
  if (current) {
    const ack = await ctx.send("question.mark_answered", { question_id: current });
    if (!ack.ok) return;
  }
  if (next) await ctx.send("question.set_current", { question_id: next.id });
}

registerPanel({
  id: "current-question",
  roles: ["participant", "moderator"],
  area: "top",
  order: 2,
  place: { moderator: { area: "live", order: 2 } },
  mount(section, ctx) {
    panelHeading(section, "current.heading");
    const body = h("div", { "data-testid": "current-question" });
    const controls = h("div", { class: "actions" });
    section.append(body, controls);
    controls.hidden = ctx.role !== "moderator";
    let currentId: string | null | undefined;
    return {
      update(state, cause) {
        const q = state.meeting.questions.find((x) => x.id === state.meeting.current_question_id);
        if (!q) replaceChildren(body, h("p", { class: "empty" }, t("current.none")));
        else
          replaceChildren(
            body,
            h("blockquote", { class: "current-text" }, q.text),
            h("p", { class: "meta" }, q.author ? t("questions.by", { name: q.author.display_name }) : t("questions.anonymous"), q.keynote ? badge(t("questions.keynote")) : null),
          );
        if (ctx.role === "moderator") {
          const next = nextQuestion(state);
          redrawWhenChanged(controls, JSON.stringify([next?.text ?? null, Boolean(q)]), () => [
            next || q
              ? button(next ? t("console.next_question") : t("console.q.answered"), () => void once(`next-question-${ctx.state().meeting.current_question_id}`, () => goToNext(ctx)), {
                  class: "primary",
                  "data-testid": "next-question",
                  "data-focus-key": "next-question",
                  "aria-keyshortcuts": "Q",
                })
              : null,
            next ? h("p", { class: "meta next-question-text", "data-testid": "next-question-text" }, t("console.next_question_is", { text: next.text })) : null,
          ]);
        }
        if (cause.kind === "event" && q && q.id !== currentId) ctx.announce(t("current.announce", { text: q.text }));
        currentId = q?.id ?? null;
      },
    };
  },
});
