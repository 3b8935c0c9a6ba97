// The queue with the moderator's controls: who is next, give the floor (next or a chosen person),
// finish speaking, lower a hand, clear the queue. (The fairness switch is in the console's settings.)

import "./strings";
import { h, KeptRows, patchChildren, redrawWhenChanged, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import type { State } from "../shared/store";
import { badge, button, emptyNote, once, panelHeading } from "../shared/ui";

registerPanel({
  id: "floor-controls",
  roles: ["moderator"],
  area: "live",
  order: 3,
  mount(section, ctx) {
    panelHeading(section, "queue.heading");
    const rule = h("p", { class: "hint", "data-testid": "queue-rule" });
    const next = h("p", { class: "next-speaker", "data-testid": "next-speaker" });
    const actions = h("div", { class: "actions" });
    const list = h("ol", { class: "queue queue-scroll", "data-testid": "queue" });
    const empty = emptyNote("queue.empty");
    const footer = h("div", { class: "queue-footer" }, rule);
    section.append(next, actions, list, empty, footer);
    // Up to hundreds of hands in a large meeting: rows are kept while they show the same (see participant/people.ts).
    const rows = new KeptRows();

    type Entry = State["meeting"]["hands"]["entries"][number];
    function entry(e: Entry): HTMLElement {
      return h(
        "li",
        { "data-participant": e.participant_id, "data-focus-item": e.participant_id },
        h("span", { class: "name" }, e.display_name),
        e.reason ? h("span", { class: "badge badge-first", "data-testid": "queue-reason" }, t(`queue.reason.${e.reason}`)) : null,
        e.away ? badge(t("people.away"), "badge-away") : null,
        e.note ? h("span", { class: "note" }, e.note) : null,
        h(
          "span",
          { class: "row-actions" },
          button(t("console.give"), () => void once(`give-${e.participant_id}`, () => ctx.send("hand.give_floor", { participant_id: e.participant_id })), {
            "aria-label": t("console.give_label", { name: e.display_name }),
            "data-focus-key": `give-${e.participant_id}`,
            class: "small",
          }),
          button(t("console.lower"), () => void once(`lower-${e.participant_id}`, () => ctx.send("hand.lower", { participant_id: e.participant_id })), {
            "aria-label": t("console.lower_label", { name: e.display_name }),
            "data-focus-key": `lower-${e.participant_id}`,
            class: "small",
          }),
        ),
      );
    }

    return {
      update(state) {
        const q = state.meeting.hands;
        const live = state.meeting.status === "live";
        rule.textContent = t(`queue.rule.${q.rule}`);
        const first = q.entries[0];
        next.hidden = !first;
        replaceChildren(next, first ? t("console.next_is", { name: first.display_name }) : "");
        redrawWhenChanged(footer, JSON.stringify([q.rule, q.entries.length > 0]), () => [rule, q.entries.length
            ? button(
                t("console.clear"),
                () => {
                  if (window.confirm(t("console.clear_confirm"))) void once("clear", () => ctx.send("hand.clear"));
                },
                { class: "link-button danger", "data-testid": "clear-queue", "data-focus-key": "clear" },
              )
            : null]);
        const speaker = state.meeting.speaker;
        redrawWhenChanged(actions, JSON.stringify([live && q.entries.length > 0, speaker?.display_name ?? null]), () => [
          button(t("console.next"), () => void once(`next-${ctx.state().meeting.hands.entries[0]?.participant_id}`, () => ctx.send("hand.give_floor")), {
            class: "primary",
            "data-testid": "give-next",
            "data-focus-key": "next",
            "aria-keyshortcuts": "N",
            "aria-disabled": live && q.entries.length ? null : "true",
          }),
          speaker
            ? button(t("console.finish", { name: speaker.display_name }), () => void once(`finish-${ctx.state().meeting.speaker?.participant_id}`, () => ctx.send("hand.finish_speaking")), {
                "data-testid": "finish-speaking",
                "data-focus-key": "finish",
                "aria-keyshortcuts": "E",
              })
            : null,
        ]);
        empty.hidden = q.entries.length > 0;
        list.hidden = !q.entries.length;
        patchChildren(
          list,
          q.entries.map((e) =>
            rows.row(e.participant_id, JSON.stringify([e.display_name, e.reason, e.away, e.note]), () => entry(e)),
          ),
        );
        rows.sweep();
      },
    };
  },
});
