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
    // An optional short note goes with the hand ("I have a tool for this"): the moderator sees it in the queue.
    const note = h("input", {
      type: "text",
      id: "hand-note",
      class: "hand-note",
      maxlength: 140,
      autocomplete: "off",
      placeholder: t("hand.note_placeholder"),
      "data-testid": "hand-note",
      "data-focus-key": "hand-note",
    });
    const noteField = h("div", { class: "hand-note-field" }, h("label", { for: "hand-note" }, t("hand.note_label")), note);
    const action = h("button", { type: "button", class: "hand-button", "data-testid": "hand-button", "data-focus-key": "hand" });
    section.append(position, noteField, action);
    let raised = false;
    let lastPosition = -1;
    action.addEventListener("click", () =>
      void once("hand", async () => {
        if (raised) return ctx.send("hand.lower");
        const text = note.value.trim();
        const answer = await ctx.send("hand.raise", text ? { note: text } : {});
        if (answer?.ok) note.value = "";
        return answer;
      }),
    );

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
        noteField.hidden = !live || raised || speaking;
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
