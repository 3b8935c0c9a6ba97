// The moderator's role picker beside each person in the people list (participant.set_role).

import "./strings";
import { h } from "../shared/dom";
import { t } from "../shared/i18n";
import type { PanelContext } from "../shared/panels";
import type { State } from "../shared/store";
import type { Participant } from "../shared/types";
import { once } from "../shared/ui";
import { roleOf } from "./state";
import { text } from "./text";

/** The role a person holds: their format role, else the format's default for their base. */
function currentRole(state: State, p: Participant): string {
  if (p.format_role && roleOf(state, p.format_role)) return p.format_role;
  return p.role === "moderator" ? "moderator" : (state.meeting.roles.find((r) => r.id !== "moderator" && r.base === "participant")?.id ?? "participant");
}

export function roleSelect(ctx: PanelContext, state: State, p: Participant): HTMLElement {
  const id = `role-${p.participant_id}`;
  const select = h(
    "select",
    { id, "data-testid": "role-select", "data-focus-key": id, "aria-label": t("roles.role_of", { name: p.display_name }) },
    ...state.meeting.roles.map((r) => h("option", { value: r.id }, text(r.name))),
  ) as HTMLSelectElement;
  select.value = currentRole(state, p);
  select.addEventListener("change", () => {
    const role = select.value;
    void once(`role-${p.participant_id}`, async () => {
      const ack = await ctx.send("participant.set_role", { participant_id: p.participant_id, role });
      if (!ack.ok) select.value = currentRole(ctx.state(), p);
    });
  });
  return h("span", { class: "role-picker" }, select);
}
