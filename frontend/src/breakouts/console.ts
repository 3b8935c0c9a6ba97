// The moderator's form to start breakout rooms or a thinking break.

import "./strings";
import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { field, once, panelHeading } from "../shared/ui";
import { breakoutOf } from "./state";

registerPanel({
  id: "breakout-controls",
  roles: ["moderator"],
  area: "main",
  order: 40,
  mount(section, ctx) {
    panelHeading(section, "breakout.controls");
    const body = h("div");
    section.appendChild(body);
    const kind = field(
      t("breakout.kind"),
      h("select", { "data-testid": "breakout-kind" }, h("option", { value: "rooms" }, t("breakout.kind.rooms")), h("option", { value: "thinking" }, t("breakout.kind.thinking"))),
    );
    const minutes = field(t("breakout.minutes"), h("input", { type: "number", min: 0, max: 180, value: 2, inputmode: "numeric", "data-testid": "breakout-minutes" }));
    const seconds = field(t("breakout.seconds"), h("input", { type: "number", min: 0, max: 59, value: 0, inputmode: "numeric", "data-testid": "breakout-seconds" }));
    const count = field(t("breakout.count"), h("input", { type: "number", min: 1, max: 50, value: 2, inputmode: "numeric", "data-testid": "breakout-count" }));
    const assignment = field(
      t("breakout.assignment"),
      h("select", { "data-testid": "breakout-assignment" }, h("option", { value: "random" }, t("breakout.assignment.random")), h("option", { value: "choose" }, t("breakout.assignment.choose"))),
    );
    const prompt = field(t("breakout.prompt"), h("input", { type: "text", maxlength: 500, "data-testid": "breakout-prompt-input" }), t("breakout.prompt_hint"));
    const roomFields = h("div", { class: "row" }, count.wrap, assignment.wrap);
    const form = h(
      "form",
      { class: "breakout-form" },
      kind.wrap,
      h("div", { class: "row" }, minutes.wrap, seconds.wrap),
      roomFields,
      prompt.wrap,
      h("button", { type: "submit", class: "primary", "data-testid": "breakout-start" }, t("breakout.start")),
    );
    kind.control.addEventListener("change", () => {
      roomFields.hidden = kind.control.value !== "rooms";
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const duration = Number(minutes.control.value || 0) * 60 + Number(seconds.control.value || 0);
      const data: Record<string, unknown> = { kind: kind.control.value, duration_s: Math.round(duration) };
      if (prompt.control.value.trim()) data.prompt = prompt.control.value.trim();
      if (kind.control.value === "rooms") {
        data.count = Number(count.control.value || 0);
        data.assignment = assignment.control.value;
      }
      void once("breakout-start", () => ctx.send("breakout.start", data));
    });
    return {
      update(state) {
        const running = breakoutOf(state) !== null;
        const live = state.meeting.status === "live";
        if (running) replaceChildren(body, h("p", { class: "meta" }, t("breakout.running")));
        else if (!live) replaceChildren(body, h("p", { class: "empty" }, t("breakout.not_live")));
        else if (!body.contains(form)) replaceChildren(body, form);
      },
    };
  },
});
