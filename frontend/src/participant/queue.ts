// The queue of raised hands as everyone sees it, with the rule that orders it.

import { h, KeptRows, patchChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { badge, emptyNote, panelHeading } from "../shared/ui";

registerPanel({
  id: "queue",
  roles: ["participant"],
  // Who waits and why is the professionals' detail; the simple view keeps the person's own place (the hand panel).
  professional: true,
  area: "main",
  order: 10,
  mount(section) {
    panelHeading(section, "queue.heading");
    const rule = h("p", { class: "hint", "data-testid": "queue-rule" });
    const list = h("ol", { class: "queue", "data-testid": "queue" });
    section.append(rule, list);
    // Up to hundreds of hands in a large meeting: rows are kept while they show the same (see people.ts).
    const rows = new KeptRows();
    return {
      update(state) {
        const q = state.meeting.hands;
        rule.textContent = t(`queue.rule.${q.rule}`);
        if (!q.entries.length) {
          patchChildren(list, []);
          rows.sweep();
          list.hidden = true;
          if (!section.querySelector(".empty")) section.appendChild(emptyNote("queue.empty"));
          return;
        }
        section.querySelector(".empty")?.remove();
        list.hidden = false;
        const you = state.you.participant_id;
        patchChildren(
          list,
          q.entries.map((e) =>
            rows.row(e.participant_id, JSON.stringify([e.display_name, e.participant_id === you, e.reason, e.away, e.note]), () =>
              h(
                "li",
                { "data-participant": e.participant_id, class: e.participant_id === you ? "me" : "" },
                h("span", { class: "name" }, e.display_name),
                e.participant_id === you ? badge(t("common.you"), "badge-me") : null,
                e.reason ? h("span", { class: "badge badge-first", "data-testid": "queue-reason" }, t(`queue.reason.${e.reason}`)) : null,
                e.away ? badge(t("people.away"), "badge-away") : null,
                e.note ? h("span", { class: "note" }, e.note) : null,
              ),
            ),
          ),
        );
        rows.sweep();
      },
    };
  },
});
