// Who is here, with presence. Moderators may mark a keynote speaker and remove a participant.

import "../console/strings";
import { h, KeptRows, patchChildren, setText } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import type { Participant } from "../shared/types";
import { badge, once, panelHeading } from "../shared/ui";
import { roleSelect } from "../roles/people";
import { hasFormatRoles, roleName } from "../roles/state";
import type { State } from "../shared/store";

registerPanel({
  id: "people",
  roles: ["participant", "moderator"],
  area: "side",
  order: 20,
  mount(section, ctx) {
    const heading = panelHeading(section, "people.heading");
    const list = h("ul", { class: "people", "data-testid": "people" });
    section.appendChild(list);

    function row(p: Participant, you: string, state: State): HTMLElement {
      const named = hasFormatRoles(state) && p.format_role;
      return h(
        "li",
        { "data-participant": p.participant_id, class: p.online ? "online" : "offline" },
        h("span", { class: `presence ${p.online ? "on" : "off"}`, "aria-hidden": "true" }),
        h("span", { class: "name" }, p.display_name),
        p.organisation ? h("span", { class: "org" }, p.organisation) : null,
        h("span", { class: "visually-hidden" }, ", "),
        badge(p.online ? t("people.online") : t("people.away"), p.online ? "badge-online" : "badge-away"),
        named ? badge(roleName(state, p.format_role), "badge-role") : p.role === "moderator" ? badge(t("role.moderator")) : null,
        p.keynote ? badge(t("questions.keynote")) : null,
        p.participant_id === you ? badge(t("common.you"), "badge-me") : null,
        ctx.role === "moderator" && p.role !== "moderator"
          ? h(
              "button",
              {
                type: "button",
                class: "link-button keynote-toggle",
                "aria-pressed": String(p.keynote),
                "data-focus-key": `keynote-${p.participant_id}`,
                "data-testid": "keynote-person",
                "aria-label": t("console.keynote_person_label", { name: p.display_name }),
                onclick: () => void once(`keynote-${p.participant_id}`, () => ctx.send("participant.set_keynote", { participant_id: p.participant_id, keynote: !p.keynote })),
              },
              t("console.keynote_person"),
            )
          : null,
        ctx.role === "moderator" && hasFormatRoles(state) && p.participant_id !== you ? roleSelect(ctx, state, p) : null,
        ctx.role === "moderator" && p.role !== "moderator"
          ? h(
              "button",
              {
                type: "button",
                class: "link-button danger",
                "data-focus-key": `remove-${p.participant_id}`,
                "aria-label": t("people.remove_label", { name: p.display_name }),
                onclick: () => {
                  if (window.confirm(t("people.remove_confirm", { name: p.display_name }))) {
                    void once(`remove-${p.participant_id}`, () => ctx.send("participant.remove", { participant_id: p.participant_id }));
                  }
                },
              },
              t("people.remove"),
            )
          : null,
      );
    }

    // In a large meeting the list names only those with a part to play: a line counts everyone else.
    const others = h("p", { class: "hint", "data-testid": "people-others", hidden: true });
    section.appendChild(others);

    // Each person's row, kept while what it shows stays the same: most events change nobody in the list.
    const rows = new KeptRows();

    return {
      update(state) {
        const listed = state.meeting.participants;
        const { online, total, complete } = state.meeting.people;
        setText(heading, t("people.heading_count", { online, total }));
        const you = state.you.participant_id;
        // The format's roles name a row's role and fill its role picker.
        const roles = hasFormatRoles(state) ? JSON.stringify(state.meeting.roles) : "";
        const shows = (p: Participant): string =>
          JSON.stringify([p.online, p.display_name, p.organisation, p.role, p.format_role, p.keynote, p.participant_id === you]) + roles;
        patchChildren(list, listed.map((p) => rows.row(p.participant_id, shows(p), () => row(p, you, state))));
        rows.sweep();
        const rest = complete ? 0 : total - listed.length;
        others.hidden = rest <= 0;
        setText(others, rest === 1 ? t("people.others_one") : rest > 1 ? t("people.others_count", { count: rest }) : "");
      },
    };
  },
});
