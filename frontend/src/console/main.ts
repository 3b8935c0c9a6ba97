// The moderator console, /console/{id}#token=...: the live view plus the controls.

import "./meeting-controls";
import "../participant/floor";
import "../participant/current-question";
import "./floor-controls";
import "./questions";
import "../participant/chat";
import "../participant/people";
import "./resources";
import "../consent/panel";
import "../privacy/panel";
import "../mail/address";
import "../mail/report";
import "../privacy/banned";
import "../breakouts/panel";
import "../breakouts/console";
import "../stages/stepper";
import "../stages/followups";
import "../boards/panel";
import "../forms/console";
import "../record/console";
import "../series/panels";
import "../roles/agreement";
import "../roles/scale";
import "../roles/links";
import "./settings";
import "./shortcuts";
import { h } from "../shared/dom";
import { t } from "../shared/i18n";
import { startMeetingPage } from "../shared/meeting-page";
import { pathId, takeTokenFromFragment } from "../shared/tokens";

const meetingId = pathId();
startMeetingPage({
  role: "moderator",
  meetingId,
  token: takeTokenFromFragment("console", meetingId),
  missingToken: () => h("div", { class: "gone" }, h("h1", {}, t("console.no_token.title")), h("p", {}, t("console.no_token.body"))),
});
