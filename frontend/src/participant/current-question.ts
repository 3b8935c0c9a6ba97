// The question on the table now.

import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { badge, panelHeading } from "../shared/ui";

registerPanel({
  id: "current-question",
  roles: ["participant", "moderator"],
  area: "top",
  order: 20,
  mount(section, ctx) {
    panelHeading(section, "current.heading");
    const body = h("div", { "data-testid": "current-question" });
    section.appendChild(body);
    let currentId: string | null | undefined;
    return {
      update(state, cause) {
        const q = state.meeting.questions.find((x) => x.id === state.meeting.current_question_id);
        if (!q) replaceChildren(body, h("p", { class: "empty" }, t("current.none")));
        else
          replaceChildren(
            body,
            h("blockquote", { class: "current-text" }, q.text),
            h("p", { class: "meta" }, q.author ? t("questions.by", { name: q.author.display_name }) : t("questions.anonymous"), q.keynote ? badge(t("questions.keynote")) : null),
          );
        if (cause.kind === "event" && q && q.id !== currentId) ctx.announce(t("current.announce", { text: q.text }));
        currentId = q?.id ?? null;
      },
    };
  },
});
