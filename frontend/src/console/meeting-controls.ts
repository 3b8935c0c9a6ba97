// Start and end the meeting; the invite link to share.

import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { copyField } from "../shared/copy";
import { button, once, panelHeading } from "../shared/ui";

registerPanel({
  id: "meeting-controls",
  roles: ["moderator"],
  area: "top",
  order: 1,
  mount(section, ctx) {
    panelHeading(section, "console.meeting");
    const actions = h("div", { class: "actions" });
    const invite = h("div", { class: "invite" });
    section.append(actions, invite);
    let inviteUrl = "";
    return {
      update(state) {
        const status = state.meeting.status;
        replaceChildren(
          actions,
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
        );
        const url = state.meeting.join_url ?? "";
        if (url !== inviteUrl) {
          inviteUrl = url;
          replaceChildren(invite, url ? copyField(t("console.invite"), url, "invite-link", t("console.invite_hint")) : null);
        }
      },
    };
  },
});
