// The series on a meeting's pages: who is at the table (console), the items carried over from the
// previous meeting to review (console), and the series with its updates since the last meeting (everyone).

import "./strings";
import "./state";
import { h, replaceChildren, setText } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { badge, button, once, panelHeading } from "../shared/ui";
import { followupsOf } from "../stages/state";
import { seriesOf } from "./state";

const OUTCOMES = ["done", "still_open", "dropped"] as const;

registerPanel({
  id: "roster",
  roles: ["moderator"],
  area: "live2",
  order: 5,
  mount(section, ctx) {
    panelHeading(section, "roster.heading");
    const count = h("p", { class: "meta", "data-testid": "roster-count", "aria-live": "polite" });
    const list = h("ul", { class: "roster", "data-testid": "roster" });
    section.append(count, list);
    let missingBefore: string | null = null;
    return {
      update(state, cause) {
        const part = seriesOf(state);
        section.hidden = !part || part.roster.length === 0;
        if (!part || section.hidden) return;
        const present = part.roster.filter((r) => r.present).length;
        setText(count, t("roster.count", { present, total: part.roster.length }));
        replaceChildren(
          list,
          ...part.roster.map((r) =>
            h(
              "li",
              { class: r.present ? "present" : "missing", "data-testid": "roster-entry", "data-entry": r.entry_id, "data-present": String(r.present) },
              h("span", { class: "name" }, r.name),
              " ",
              badge(t(r.present ? "roster.present" : "roster.missing"), r.present ? "badge-first" : r.required ? "badge-away" : ""),
              r.required && !r.present ? badge(t("roster.required"), "badge-away") : null,
              r.more_than_one ? badge(t("roster.one_expected", { count: r.people.length }), "badge-away") : null,
              r.people.length ? h("span", { class: "meta" }, ` ${r.people.join(", ")}`) : null,
            ),
          ),
        );
        const missing = part.roster.filter((r) => r.required && !r.present).map((r) => r.name).join(", ");
        if (cause.kind === "event" && missingBefore !== null && missing !== missingBefore && missing) ctx.announce(t("roster.changed_missing", { names: missing }));
        missingBefore = missing;
      },
    };
  },
});

registerPanel({
  id: "carried",
  roles: ["moderator"],
  area: "live",
  order: 4,
  mount(section, ctx) {
    panelHeading(section, "carried.heading");
    const hint = h("p", { class: "hint" }, t("carried.hint"));
    const left = h("p", { class: "meta", "data-testid": "carried-left", "aria-live": "polite" });
    const list = h("ul", { class: "carried", "data-testid": "carried" });
    section.append(hint, left, list);
    return {
      update(state) {
        const items = followupsOf(state).filter((f) => f.carried);
        section.hidden = items.length === 0;
        if (section.hidden) return;
        // The format's stage for it (prompt review_carried_actions) puts the panel first in view.
        const prompted = state.meeting.stage?.current_stage.prompts.includes("review_carried_actions") ?? false;
        section.classList.toggle("prompted", prompted);
        const open = items.filter((f) => f.review === null).length;
        setText(left, open ? t("carried.to_review", { count: open }) : "");
        replaceChildren(
          list,
          ...items.map((f) =>
            h(
              "li",
              { "data-focus-item": f.id, "data-testid": "carried-item" },
              h("span", { class: "text" }, f.text),
              f.owner ? h("span", { class: "meta" }, ` ${t("followup.owner_is", { owner: f.owner })}`) : null,
              f.due_on ? h("span", { class: "meta" }, ` ${t("followup.due_on", { date: f.due_on })}`) : null,
              f.overdue ? badge(t("followup.overdue"), "badge-away") : null,
              h(
                "div",
                { class: "actions", role: "group", "aria-label": f.text },
                ...OUTCOMES.map((outcome) =>
                  button(
                    t(`carried.review.${outcome}`),
                    () => void once(`review-${f.id}`, () => ctx.send("followup.review", { followup_id: f.id, outcome })),
                    {
                      "aria-pressed": String(f.review === outcome),
                      "data-testid": `review-${outcome}`,
                      "data-focus-key": `review-${f.id}-${outcome}`,
                    },
                  ),
                ),
              ),
            ),
          ),
        );
      },
    };
  },
});

registerPanel({
  id: "series",
  roles: ["participant", "moderator"],
  area: "side",
  order: 5,
  mount(section) {
    panelHeading(section, "series.heading");
    const body = h("div", { "data-testid": "series" });
    section.append(body);
    return {
      update(state) {
        const part = seriesOf(state);
        section.hidden = !part;
        if (!part) return;
        replaceChildren(
          body,
          h("p", { "data-testid": "series-meeting" }, t("series.meeting", { number: part.number, name: part.name })),
          h("p", { class: "meta" }, t("series.when", { local: part.local.replace("T", " "), zone: part.time_zone })),
          part.context ? h("p", { class: "context" }, part.context) : null,
          h("h3", {}, t("series.updates")),
          part.updates.length
            ? h(
                "ul",
                { class: "updates", "data-testid": "series-updates" },
                ...part.updates.map((u) =>
                  h(
                    "li",
                    {},
                    h("p", {}, u.text),
                    u.url ? h("a", { href: u.url, rel: "noopener noreferrer", target: "_blank" }, u.url) : null,
                    h("p", { class: "meta" }, t("series.update_by", { name: u.author_name, time: new Date(u.created_at).toLocaleString() })),
                  ),
                ),
              )
            : h("p", { class: "empty" }, t("series.no_updates")),
        );
      },
    };
  },
});
