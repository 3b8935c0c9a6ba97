// The question list with upvotes, and the form to submit a question (before or during the meeting).

import { h, KeptRows, patchChildren, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { showNotice } from "../shared/page";
import type { State } from "../shared/store";
import type { Question } from "../shared/types";
import { badge, checkbox, field, once, panelHeading } from "../shared/ui";
import { can } from "../roles/state";
import "../roles/strings";

export function questionForm(send: (type: string, data: Record<string, unknown>) => Promise<{ ok: boolean }>): HTMLFormElement {
  const text = field(t("questions.your_question"), h("textarea", { rows: 3, maxlength: 1000, required: true, "data-testid": "question-text" }));
  const anonymous = checkbox(t("questions.anonymous_label"), { "data-testid": "question-anonymous" });
  const submit = h("button", { type: "submit", class: "primary", "data-testid": "question-submit" }, t("questions.submit"));
  const form = h("form", { class: "question-form" }, text.wrap, anonymous.wrap, submit);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = text.control.value.trim();
    if (!value) return;
    void once(`question-${value}`, async () => {
      const ack = await send("question.submit", { text: value, anonymous: anonymous.control.checked });
      if (ack.ok) {
        text.control.value = "";
        showNotice(anonymous.control.checked ? t("questions.sent_anonymous") : t("questions.sent"), "info");
      }
    });
  });
  return form;
}

function statusBadge(q: Question, currentId: string | null): HTMLElement | null {
  if (q.id === currentId) return badge(t("questions.current"), "badge-current");
  if (q.status === "answered") return badge(t("questions.answered"), "badge-done");
  if (q.status === "submitted") return badge(t("questions.pending"), "badge-pending");
  return null;
}

registerPanel({
  id: "questions",
  roles: ["participant"],
  area: "main",
  order: 20,
  mount(section, ctx) {
    panelHeading(section, "questions.heading");
    const list = h("ol", { class: "questions", "data-testid": "questions" });
    const formHeading = h("h3", {}, t("questions.ask"));
    const form = questionForm(ctx.send);
    section.append(list, formHeading, form);
    // Each question's row, kept while it shows the same: a large meeting's list of 200 questions rebuilt on every
    // event cost a participant's page 40 ms of every event, more than everything else on it.
    const rows = new KeptRows();

    function row(q: Question, state: State, voted: boolean, canVote: boolean): HTMLElement {
      return h(
        "li",
        { "data-question": q.id, "data-focus-item": q.id, class: `question status-${q.status}${q.id === state.meeting.current_question_id ? " current" : ""}` },
        h("p", { class: "text" }, q.text),
        h(
          "p",
          { class: "meta" },
          q.author ? t("questions.by", { name: q.author.display_name }) : t("questions.anonymous"),
          q.keynote ? badge(t("questions.keynote")) : null,
          statusBadge(q, state.meeting.current_question_id),
        ),
        q.status === "submitted"
          ? null
          : h(
              "button",
              {
                type: "button",
                class: "upvote",
                "aria-pressed": String(voted),
                "aria-label": t(voted ? "questions.upvoted_label" : "questions.upvote_label", { count: q.upvotes, text: q.text.slice(0, 60) }),
                "aria-disabled": canVote ? null : "true",
                "data-focus-key": `upvote-${q.id}`,
                onclick: () => {
                  if (!canVote) return;
                  void once(`upvote-${q.id}`, async () => {
                    const ack = await ctx.send("question.upvote", { question_id: q.id });
                    if (ack.ok || ("error" in ack && ack.error.code === "already_upvoted")) {
                      const s = ctx.state();
                      if (!s.meeting.my_upvotes.includes(q.id)) s.meeting.my_upvotes.push(q.id);
                      panel.update(s);
                    }
                  });
                },
              },
              h("span", { "aria-hidden": "true" }, "▲ "),
              String(q.upvotes),
            ),
      );
    }

    const panel = {
      update(state: State): void {
        const ended = state.meeting.status === "ended";
        // A stage of the format may close questions (its `questions: false`); a role may not ask at all.
        formHeading.hidden = form.hidden = ended || state.meeting.stage?.current_stage.questions === false || !can(state, "ask_question");
        formHeading.textContent = state.you.view === "simple" ? t("simple.questions.ask") : t("questions.ask");
        const mine = new Set(state.meeting.my_upvotes);
        const shown = state.meeting.questions.filter((q) => q.status === "approved" || q.status === "answered" || (q.status === "submitted" && q.author?.participant_id === state.you.participant_id));
        if (!shown.length) {
          replaceChildren(list, h("li", { class: "empty" }, t("questions.none")));
          rows.sweep();
          return;
        }
        const current = state.meeting.current_question_id;
        patchChildren(
          list,
          shown.map((q) => {
            const voted = mine.has(q.id);
            const canVote = q.status === "approved" && !voted && !ended && can(state, "ask_question");
            const shows = JSON.stringify([q.text, q.status, q.author?.display_name, q.keynote, q.id === current, q.upvotes, voted, canVote]);
            return rows.row(q.id, shows, () => row(q, state, voted, canVote));
          }),
        );
        rows.sweep();
      },
    };
    return panel;
  },
});
