// The console's settings: the invite link, the queue's rule, the hand grace period and
// co-moderators. Nothing here is part of the moderator's live loop, so it sits in the column of the rest.

import "./strings";
import { coModeratorForm } from "../shared/co-moderators";
import { copyField } from "../shared/copy";
import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel } from "../shared/panels";
import { field, once, panelHeading } from "../shared/ui";
import type { HandRule, TimeBoxAction } from "../shared/wire";

const HAND_RULES: HandRule[] = ["fairness", "first_come", "least_time", "other_organisation"];
const TIME_BOX_ACTIONS: TimeBoxAction[] = ["notice", "nothing", "end_turn"];

registerPanel({
  id: "settings",
  roles: ["moderator"],
  area: "side",
  order: 50,
  mount(section, ctx) {
    panelHeading(section, "console.settings");
    const invite = h("div", { class: "invite" });
    // The order of the queue the group chose; everyone sees it above the queue.
    const rule = field(
      t("console.hand_rule"),
      h("select", { "data-testid": "hand-rule" }, ...HAND_RULES.map((r) => h("option", { value: r }, t(`queue.rule.${r}`)))),
    );
    // Keyed by the value sent (here and below): with the keyboard a select changes at every arrow press.
    rule.control.addEventListener("change", () =>
      void once(`hand-rule-${rule.control.value}`, async () => {
        const chosen = rule.control.value;
        const ack = await ctx.send("meeting.configure", { hand_rule: chosen as HandRule });
        if (!ack.ok) rule.control.value = ctx.state().meeting.settings.hand_rule;
      }),
    );
    const grace = field(
      t("console.hand_grace"),
      h("input", { type: "number", min: 0, max: 3600, step: 1, inputmode: "numeric", required: true, "data-testid": "hand-grace" }),
      t("console.hand_grace_hint"),
    );
    const graceForm = h("form", { class: "grace-form" }, grace.wrap, h("button", { type: "submit", "data-testid": "hand-grace-save" }, t("console.save")));
    let graceShown: number | null = null;
    graceForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const seconds = Number(grace.control.value);
      if (!grace.control.checkValidity() || !Number.isInteger(seconds)) {
        grace.control.reportValidity();
        return;
      }
      void once(`grace-${seconds}`, async () => {
        const ack = await ctx.send("meeting.configure", { hand_grace_seconds: seconds });
        if (ack.ok) showNotice(t("console.saved"), "info");
      });
    });
    // A time box for each turn of a turn-taking stage, and what happens at zero (server-held, like a breakout).
    const box = field(
      t("console.time_box"),
      h("input", { type: "number", min: 0, max: 3600, step: 1, inputmode: "numeric", required: true, "data-testid": "time-box" }),
      t("console.time_box_hint"),
    );
    const boxAction = field(
      t("console.time_box_action"),
      h("select", { "data-testid": "time-box-action" }, ...TIME_BOX_ACTIONS.map((a) => h("option", { value: a }, t(`console.time_box_action.${a}`)))),
    );
    const boxForm = h("form", { class: "grace-form" }, box.wrap, boxAction.wrap, h("button", { type: "submit", "data-testid": "time-box-save" }, t("console.save")));
    let boxShown: string | null = null;
    boxForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const seconds = Number(box.control.value);
      if (!box.control.checkValidity() || !Number.isInteger(seconds)) {
        box.control.reportValidity();
        return;
      }
      void once(`time-box-${seconds}-${boxAction.control.value}`, async () => {
        const ack = await ctx.send("meeting.configure", { turn_time_box_seconds: seconds, turn_time_box_action: boxAction.control.value as TimeBoxAction });
        if (ack.ok) showNotice(t("console.saved"), "info");
      });
    });
    section.append(invite, rule.wrap, graceForm, boxForm, coModeratorForm(ctx.state().meeting.id, ctx.token));
    let inviteUrl: string | null = null;
    return {
      update(state) {
        if (document.activeElement !== rule.control) rule.control.value = state.meeting.settings.hand_rule;
        // The stored value shows unless the moderator is changing it right now.
        const stored = state.meeting.settings.hand_grace_seconds;
        if (stored !== graceShown && document.activeElement !== grace.control) {
          grace.control.value = String(stored);
          graceShown = stored;
        }
        const { turn_time_box_seconds: seconds, turn_time_box_action: action } = state.meeting.settings;
        const boxStored = `${seconds}:${action}`;
        if (boxStored !== boxShown && !boxForm.contains(document.activeElement)) {
          box.control.value = String(seconds);
          boxAction.control.value = action;
          boxShown = boxStored;
        }
        const url = state.meeting.join_url ?? "";
        if (url !== inviteUrl) {
          inviteUrl = url;
          replaceChildren(invite, url ? copyField(t("console.invite"), url, "invite-link", t("console.invite_hint")) : null);
        }
      },
    };
  },
});
