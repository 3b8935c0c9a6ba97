// The hand button, in the thumb bar on phones: raise or lower, and "you are 3rd in line".

import { h, replaceChildren } from "../shared/dom";
import { ordinal, t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import type { State } from "../shared/store";
import { once } from "../shared/ui";

export function queuePosition(state: State): number {
  return state.meeting.hands.entries.findIndex((e) => e.participant_id === state.you.participant_id) + 1;
}

registerPanel({
  id: "hand",
  roles: ["participant"],
  area: "dock",
  order: 10,
  mount(section, ctx) {
    section.setAttribute("aria-label", t("hand.region"));
    const position = h("p", { class: "hand-position", "data-testid": "hand-position" });
    const action = h("button", { type: "button", class: "hand-button", "data-testid": "hand-button", "data-focus-key": "hand" });
    section.append(position, action);
    let raised = false;
    let lastPosition = -1;
    action.addEventListener("click", () => void once("hand", () => ctx.send(raised ? "hand.lower" : "hand.raise")));

    return {
      update(state, cause) {
        const live = state.meeting.status === "live";
        const at = queuePosition(state);
        raised = at > 0;
        const speaking = state.meeting.speaker?.participant_id === state.you.participant_id;
        action.textContent = raised ? t("hand.lower") : t("hand.raise");
        action.setAttribute("aria-pressed", String(raised));
        action.classList.toggle("raised", raised);
        action.hidden = !live;
        let text: string;
        if (!live) text = state.meeting.status === "ended" ? t("hand.ended") : t("hand.not_live");
        else if (speaking) text = t("hand.speaking");
        else if (raised) text = at === 1 ? t("hand.next") : t("hand.position", { ordinal: ordinal(at), count: state.meeting.hands.entries.length });
        else text = t("hand.down");
        replaceChildren(position, text);
        if (cause.kind === "event" && at !== lastPosition && raised && !speaking) ctx.announce(text);
        lastPosition = at;
      },
    };
  },
});
