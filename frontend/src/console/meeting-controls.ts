// Start and end the meeting, beside the meeting's title. (The invite link is in the console's settings.)

import { h, redrawWhenChanged } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { button, once } from "../shared/ui";

registerPanel({
  id: "meeting-controls",
  roles: ["moderator"],
  area: "head",
  order: 1,
  mount(section, ctx) {
    section.setAttribute("aria-label", t("console.meeting"));
    const actions = h("div", { class: "actions" });
    section.append(actions);
    return {
      update(state) {
        const status = state.meeting.status;
        // Drawn again only when the status changes (see redrawWhenChanged).
        redrawWhenChanged(actions, status, () => [
          status === "scheduled"
            ? button(t("console.start"), () => void once("start", () => ctx.send("meeting.start")), { class: "primary", "data-testid": "start-meeting", "data-focus-key": "start" })
            : null,
          status === "live"
            ? button(
                t("console.end"),
                () => {
                  if (window.confirm(t("console.end_confirm"))) void once("end", () => ctx.send("meeting.end"));
                },
                { class: "danger", "data-testid": "end-meeting", "data-focus-key": "end" },
              )
            : null,
          status === "ended" ? h("p", {}, t("console.ended")) : null,
        ]);
      },
    };
  },
});
