// Who has the floor and for how long; an unmistakable, announced "you have the floor".

import { h, replaceChildren, setText } from "../shared/dom";
import { duration } from "../shared/format";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import type { State } from "../shared/store";
import { button, once, panelHeading } from "../shared/ui";

registerPanel({
  id: "floor",
  roles: ["participant", "moderator"],
  area: "top",
  order: 1,
  place: { moderator: { area: "live", order: 1 } },
  mount(section, ctx) {
    panelHeading(section, "floor.heading");
    const body = h("div", { class: "floor-body", "data-testid": "floor" });
    section.appendChild(body);
    let speakerId: string | null | undefined;
    let sinceMs = 0;
    let offset = 0;
    const timer = h("span", { class: "floor-timer", role: "timer", "aria-live": "off", "data-testid": "floor-timer" });
    window.setInterval(() => {
      if (speakerId) setText(timer, duration(Date.now() + offset - sinceMs));
    }, 1000);

    function render(state: State): void {
      const speaker = state.meeting.speaker;
      const mine = speaker?.participant_id === state.you.participant_id;
      section.classList.toggle("floor-mine", mine);
      if (!speaker) {
        replaceChildren(body, h("p", { class: "floor-none" }, state.meeting.status === "live" ? t("floor.nobody") : t(`floor.${state.meeting.status}`)));
        return;
      }
      sinceMs = Date.parse(speaker.since);
      offset = state.clockOffset;
      setText(timer, duration(Date.now() + offset - sinceMs));
      if (mine) {
        replaceChildren(
          body,
          h("p", { class: "floor-you", "data-testid": "floor-you" }, t("floor.you")),
          h("p", { class: "floor-for" }, t("floor.for"), " ", timer),
          button(t("floor.finish"), () => void once("finish", () => ctx.send("hand.finish_speaking")), { class: "primary", "data-focus-key": "finish" }),
        );
      } else {
        replaceChildren(
          body,
          h("p", { class: "floor-speaker" }, h("span", { class: "floor-name", "data-testid": "floor-name" }, speaker.display_name), " ", t("floor.speaking")),
          h("p", { class: "floor-for" }, t("floor.for"), " ", timer),
        );
      }
    }

    return {
      update(state, cause) {
        const now = state.meeting.speaker?.participant_id ?? null;
        const changed = now !== speakerId;
        speakerId = now;
        render(state);
        if (cause.kind !== "event" || !changed) return;
        if (now === state.you.participant_id) ctx.announce(t("floor.you"), "assertive");
        else if (now && state.meeting.speaker) ctx.announce(t("floor.announce", { name: state.meeting.speaker.display_name }));
      },
    };
  },
});
