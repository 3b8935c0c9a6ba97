// The participant page, /meeting/{id}: the live view with the hand button.

import "./floor";
import "./current-question";
import "./hand";
import "./queue";
import "./questions";
import "./chat";
import "./people";
import "../consent/panel";
import "../privacy/panel";
import "../mail/address";
import "../privacy/state";
import "../breakouts/panel";
import "../stages/stepper";
import "../stages/followups";
import "../boards/panel";
import "../forms/panel";
import "../record/panel";
import "../series/panels";
import "../roles/agreement";
import "../roles/scale";
import { h } from "../shared/dom";
import { t } from "../shared/i18n";
import { startMeetingPage } from "../shared/meeting-page";
import { pathId, takeTokenFromFragment } from "../shared/tokens";

const meetingId = pathId();
startMeetingPage({
  role: "participant",
  meetingId,
  // The link mailed to a person who gave an address carries their token in the fragment (never sent to a server).
  token: takeTokenFromFragment("participant", meetingId),
  missingToken: () => h("div", { class: "gone" }, h("h1", {}, t("participant.no_token.title")), h("p", {}, t("participant.no_token.body"))),
});
