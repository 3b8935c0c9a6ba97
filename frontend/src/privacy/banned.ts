// The console's list of people removed from the meeting: they cannot join again (same browser or name)
// until a moderator lets them back in.

import "./state";
import "./strings";
import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { button, once, panelHeading } from "../shared/ui";
import { bannedOf } from "./state";

registerPanel({
  id: "banned",
  roles: ["moderator"],
  area: "side",
  order: 80,
  mount(section, ctx) {
    panelHeading(section, "privacy.banned_heading");
    const list = h("ul", { "data-testid": "banned-list" });
    section.append(list);
    return {
      update(state) {
        const banned = bannedOf(state);
        section.hidden = banned.length === 0;
        replaceChildren(
          list,
          ...banned.map((b) =>
            h(
              "li",
              {},
              b.display_name,
              " ",
              button(t("privacy.lift_ban"), () => void once(`lift-${b.participant_id}`, () => ctx.send("participant.lift_ban", { participant_id: b.participant_id })), {
                "data-testid": "lift-ban",
              }),
            ),
          ),
        );
      },
    };
  },
});
