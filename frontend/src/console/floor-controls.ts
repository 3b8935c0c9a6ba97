// The queue with the moderator's controls: give the floor (next or a chosen person), finish
// speaking, lower a hand, clear the queue, and the fairness switch.

import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { badge, button, checkbox, emptyNote, once, panelHeading } from "../shared/ui";

registerPanel({
  id: "floor-controls",
  roles: ["moderator"],
  area: "main",
  order: 10,
  mount(section, ctx) {
    panelHeading(section, "queue.heading");
    const fairness = checkbox(t("console.fairness"), { "data-testid": "fairness" });
    const fairnessHint = h("p", { class: "hint", "data-testid": "queue-rule" });
    fairness.control.addEventListener("change", () => void once("fairness", async () => {
      const ack = await ctx.send("meeting.configure", { fairness: fairness.control.checked });
      if (!ack.ok) fairness.control.checked = !fairness.control.checked;
    }));
    const actions = h("div", { class: "actions" });
    const list = h("ol", { class: "queue", "data-testid": "queue" });
    const empty = emptyNote("queue.empty");
    section.append(fairness.wrap, fairnessHint, actions, list, empty);

    return {
      update(state) {
        const q = state.meeting.hands;
        const live = state.meeting.status === "live";
        fairness.control.checked = state.meeting.settings.fairness;
        fairnessHint.textContent = t(`queue.rule.${q.rule}`);
        replaceChildren(
          actions,
          button(t("console.next"), () => void once("next", () => ctx.send("hand.give_floor")), {
            class: "primary",
            "data-testid": "give-next",
            "data-focus-key": "next",
            "aria-disabled": live && q.entries.length ? null : "true",
          }),
          state.meeting.speaker
            ? button(t("console.finish", { name: state.meeting.speaker.display_name }), () => void once("finish", () => ctx.send("hand.finish_speaking")), {
                "data-testid": "finish-speaking",
                "data-focus-key": "finish",
              })
            : null,
          q.entries.length
            ? button(
                t("console.clear"),
                () => {
                  if (window.confirm(t("console.clear_confirm"))) void once("clear", () => ctx.send("hand.clear"));
                },
                { class: "danger", "data-testid": "clear-queue", "data-focus-key": "clear" },
              )
            : null,
        );
        empty.hidden = q.entries.length > 0;
        list.hidden = !q.entries.length;
        replaceChildren(
          list,
          ...q.entries.map((e) =>
            h(
              "li",
              { "data-participant": e.participant_id, "data-focus-item": e.participant_id },
              h("span", { class: "name" }, e.display_name),
              !e.has_spoken && q.rule === "fairness" ? badge(t("queue.first_time"), "badge-first") : null,
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
            ),
          ),
        );
      },
    };
  },
});
