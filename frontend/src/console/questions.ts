// Question moderation: approve, dismiss, reorder (buttons for the keyboard, drag for the mouse),
// circulate ahead of the meeting, set current, mark answered.

import "./strings";
import { h, KeptRows, keepingFocus, patchChildren, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel, type PanelContext } from "../shared/panels";
import { short } from "../shared/text";
import type { Question } from "../shared/types";
import { badge, button, once, panelHeading } from "../shared/ui";
import { questionForm } from "../participant/questions";

function act(ctx: PanelContext, type: string, q: Question, data: Record<string, unknown> = { question_id: q.id }): () => void {
  return () => void once(`${type}-${q.id}`, () => ctx.send(type, data));
}

function actionButton(ctx: PanelContext, key: string, type: string, q: Question, data?: Record<string, unknown>, cls = "small"): HTMLButtonElement {
  return button(t(key), act(ctx, type, q, data), {
    class: cls,
    "aria-label": `${t(key)}: ${short(q.text, 50)}`,
    "data-focus-key": `${type}-${q.id}`,
    "data-action": type,
  });
}

/** Marks or unmarks a keynote question (a toggle button: aria-pressed says which). */
function keynoteToggle(ctx: PanelContext, q: Question): HTMLButtonElement {
  return button(t("console.q.keynote"), act(ctx, "question.mark_keynote", q, { question_id: q.id, keynote: !q.keynote }), {
    class: "small",
    "aria-pressed": String(q.keynote),
    "aria-label": t("console.q.keynote_label", { text: short(q.text, 50) }),
    "data-focus-key": `keynote-${q.id}`,
    "data-action": "question.mark_keynote",
  });
}

function item(q: Question, currentId: string | null, actions: (HTMLElement | null)[], extra: Record<string, string> = {}): HTMLElement {
  return h(
    "li",
    { "data-question": q.id, "data-focus-item": q.id, class: `question status-${q.status}${q.id === currentId ? " current" : ""}`, ...extra },
    h("p", { class: "text" }, q.text),
    h(
      "p",
      { class: "meta" },
      q.author ? t("questions.by", { name: q.author.display_name }) : t("questions.anonymous"),
      q.keynote ? badge(t("questions.keynote")) : null,
      q.circulated ? badge(t("questions.circulated")) : null,
      q.id === currentId ? badge(t("questions.current"), "badge-current") : null,
      q.status !== "submitted" ? badge(t("questions.votes", { count: q.upvotes })) : null,
    ),
    h("div", { class: "row-actions" }, ...actions),
  );
}

registerPanel({
  id: "question-moderation",
  roles: ["moderator"],
  area: "main",
  order: 20,
  mount(section, ctx) {
    panelHeading(section, "questions.heading");
    const pendingHeading = h("h3", {}, t("console.q.pending"));
    const pending = h("ol", { class: "questions", "data-testid": "questions-pending" });
    const approvedHeading = h("h3", {}, t("console.q.approved"));
    const approvedHint = h("p", { class: "hint" }, t("console.q.reorder_hint"));
    const approved = h("ol", { class: "questions", "data-testid": "questions-approved" });
    const doneSummary = h("summary", {});
    const done = h("ol", { class: "questions", "data-testid": "questions-done" });
    const circulateAll = button(t("console.q.circulate_all"), () => void once("circulate", () => ctx.send("question.circulate", {})), { "data-testid": "circulate-all" });
    const askHeading = h("h3", {}, t("questions.ask"));
    section.append(
      pendingHeading,
      pending,
      approvedHeading,
      approvedHint,
      approved,
      h("div", { class: "actions" }, circulateAll),
      h("details", { class: "done" }, doneSummary, done),
      askHeading,
      questionForm(ctx.send),
    );

    let dragged: string | null = null;
    function reorder(order: string[]): void {
      // Keyed by the order sent: a second Up, pressed once the first shows, is a new order and counts.
      void once(`reorder-${order.join()}`, () => ctx.send("question.reorder", { order }));
    }
    // The approved questions' order as it is when a button is pressed or a question dropped (rows are kept between
    // updates: an order remembered when a row was drawn may have changed since).
    const readyIds = (): string[] => ctx.state().meeting.questions.filter((q) => q.status === "approved").map((q) => q.id);
    const move = (id: string, by: number): void => {
      const order = readyIds();
      const index = order.indexOf(id);
      if (index < 0) return;
      order.splice(index, 1);
      order.splice(index + by, 0, id);
      reorder(order);
    };

    function pendingRow(q: Question, current: string | null): HTMLElement {
      return item(q, current, [
        actionButton(ctx, "console.q.approve", "question.approve", q, undefined, "small primary"),
        actionButton(ctx, "console.q.circulate", "question.circulate", q, { question_ids: [q.id] }),
        keynoteToggle(ctx, q),
        actionButton(ctx, "console.q.dismiss", "question.dismiss", q),
      ]);
    }

    function approvedRow(q: Question, current: string | null, first: boolean, last: boolean): HTMLElement {
      const li = item(
        q,
        current,
        [
          q.id === current
            ? actionButton(ctx, "console.q.clear_current", "question.set_current", q, { question_id: null })
            : actionButton(ctx, "console.q.set_current", "question.set_current", q, undefined, "small primary"),
          actionButton(ctx, "console.q.answered", "question.mark_answered", q),
          first ? null : button(t("console.q.up"), () => move(q.id, -1), { class: "small", "aria-label": `${t("console.q.up")}: ${short(q.text, 50)}`, "data-focus-key": `up-${q.id}` }),
          last ? null : button(t("console.q.down"), () => move(q.id, 1), { class: "small", "aria-label": `${t("console.q.down")}: ${short(q.text, 50)}`, "data-focus-key": `down-${q.id}` }),
          q.circulated ? null : actionButton(ctx, "console.q.circulate", "question.circulate", q, { question_ids: [q.id] }),
          keynoteToggle(ctx, q),
          actionButton(ctx, "console.q.dismiss", "question.dismiss", q),
        ],
        { draggable: "true" },
      );
      li.addEventListener("dragstart", (e) => {
        dragged = q.id;
        e.dataTransfer?.setData("text/plain", q.id);
      });
      li.addEventListener("dragover", (e) => e.preventDefault());
      li.addEventListener("drop", (e) => {
        e.preventDefault();
        if (!dragged || dragged === q.id) return;
        const ids = readyIds();
        const order = ids.filter((id) => id !== dragged);
        order.splice(order.indexOf(q.id) + (ids.indexOf(dragged) < ids.indexOf(q.id) ? 1 : 0), 0, dragged);
        dragged = null;
        reorder(order);
      });
      return li;
    }

    function doneRow(q: Question, current: string | null): HTMLElement {
      return item(q, current, [badge(t(`questions.status.${q.status}`)), actionButton(ctx, "console.q.reopen", "question.approve", q)]);
    }

    // Each list's rows, kept while a question shows the same: a large meeting's 200 questions, each with its
    // buttons, rebuilt on every event made the console slower with every question asked.
    const pendingRows = new KeptRows();
    const approvedRows = new KeptRows();
    const doneRows = new KeptRows();
    const shows = (q: Question, current: string | null, ...more: unknown[]): string =>
      JSON.stringify([q.text, q.status, q.author?.display_name, q.keynote, q.circulated, q.upvotes, q.id === current, ...more]);

    function fill(list: HTMLElement, rows: KeptRows, children: HTMLElement[], none: string): void {
      if (children.length) patchChildren(list, children);
      else replaceChildren(list, ...(none ? [h("li", { class: "empty" }, t(none))] : []));
      rows.sweep();
    }

    return {
      update(state) {
        const qs = state.meeting.questions;
        const current = state.meeting.current_question_id;
        const waiting = qs.filter((q) => q.status === "submitted");
        const ready = qs.filter((q) => q.status === "approved");
        const finished = qs.filter((q) => q.status === "answered" || q.status === "dismissed");
        keepingFocus(section, () => {
          fill(pending, pendingRows, waiting.map((q) => pendingRows.row(q.id, shows(q, current), () => pendingRow(q, current))), "console.q.none_pending");
          fill(
            approved,
            approvedRows,
            ready.map((q, i) => {
              const first = i === 0;
              const last = i === ready.length - 1;
              return approvedRows.row(q.id, shows(q, current, first, last), () => approvedRow(q, current, first, last));
            }),
            "console.q.none_approved",
          );
          doneSummary.textContent = t("console.q.done", { count: finished.length });
          fill(done, doneRows, finished.map((q) => doneRows.row(q.id, shows(q, current), () => doneRow(q, current))), "");
        });
      },
    };
  },
});
