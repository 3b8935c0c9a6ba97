// The hand button, in the thumb bar on phones: raise or lower, and "you are 3rd in line". The optional
// note stays folded away until asked for, so the bar takes little of a phone's screen.

import "./strings";
import "../stages/strings";
import "../roles/strings";
import { h, replaceChildren } from "../shared/dom";
import { ordinal, t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import type { State } from "../shared/store";
import { once } from "../shared/ui";

// Open or folded, kept across the panel's rebuilds (reconnect, language change).
let noteOpen = false;

export function queuePosition(state: State): number {
  return state.meeting.hands.entries.findIndex((e) => e.participant_id === state.you.participant_id) + 1;
}

registerPanel({
  id: "hand",
  roles: ["participant"],
  needs: "raise_hand",
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
    const noteField = h("div", { class: "hand-note-field", id: "hand-note-field" }, h("label", { for: "hand-note" }, t("hand.note_label")), note);
    const noteToggle = h("button", {
      type: "button",
      class: "link-button hand-note-toggle",
      "aria-controls": "hand-note-field",
      "data-testid": "hand-note-toggle",
      "data-focus-key": "hand-note-toggle",
    });
    const action = h("button", { type: "button", class: "hand-button", "data-testid": "hand-button", "data-focus-key": "hand" });
    section.append(h("div", { class: "hand-line" }, position, noteToggle), noteField, action);
    const showNote = (state: State): void => {
      const live = state.meeting.status === "live";
      const speaking = state.meeting.speaker?.participant_id === state.you.participant_id;
      const canNote = live && !raised && !speaking;
      noteToggle.hidden = !canNote;
      noteToggle.textContent = noteOpen ? t("hand.hide_note") : t("hand.add_note");
      noteToggle.setAttribute("aria-expanded", String(noteOpen));
      noteField.hidden = !canNote || !noteOpen;
    };
    noteToggle.addEventListener("click", () => {
      noteOpen = !noteOpen;
      if (!noteOpen) note.value = "";
      showNote(ctx.state());
      if (noteOpen) note.focus();
    });
    let raised = false;
    let lastPosition = -1;
    action.addEventListener("click", () =>
      // Keyed by what the button shows: lowering a hand seen raised counts before the raise is answered.
      void once(raised ? "hand-lower" : "hand-raise", async () => {
        if (raised) return ctx.send("hand.lower");
        const text = note.value.trim();
        const answer = await ctx.send("hand.raise", text ? { note: text } : {});
        if (answer?.ok) {
          note.value = "";
          noteOpen = false;
        }
        return answer;
      }),
    );

    return {
      update(state, cause) {
        const live = state.meeting.status === "live";
        // A stage of the format may close the floor (its `floor: false`): no hand is raised then.
        const floorOpen = state.meeting.stage?.current_stage.floor !== false;
        const at = queuePosition(state);
        raised = at > 0;
        const speaking = state.meeting.speaker?.participant_id === state.you.participant_id;
        action.textContent = raised ? t("hand.lower") : state.you.view === "simple" ? t("simple.hand.raise") : t("hand.raise");
        action.setAttribute("aria-pressed", String(raised));
        action.classList.toggle("raised", raised);
        action.hidden = !live || (!floorOpen && !raised);
        showNote(state);
        let text: string;
        if (!live) text = state.meeting.status === "ended" ? t("hand.ended") : t("hand.not_live");
        else if (speaking) text = t("hand.speaking");
        else if (!floorOpen && !raised) text = t("stages.no_floor");
        else if (raised) text = at === 1 ? t("hand.next") : t("hand.position", { ordinal: ordinal(at), count: state.meeting.hands.entries.length });
        else text = state.you.view === "simple" ? t("simple.hand.down") : t("hand.down");
        replaceChildren(position, text);
        if (cause.kind === "event" && at !== lastPosition && raised && !speaking) ctx.announce(text);
        lastPosition = at;
      },
    };
  },
});
