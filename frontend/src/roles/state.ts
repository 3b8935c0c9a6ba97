// Roles, the agreement and scaling in the page's state: one handler per event type (app/events.py), and
// the helpers the panels use to ask what this person's role may do.

import { text } from "./text";
import { registerEventHandler, type State } from "../shared/store";
import type { AgreementAcknowledged, Right, RoleView, ScaleAnswered, ScaleAnswerSaved, ScaleRevealed } from "../shared/wire";
import type { Participant } from "../shared/types";

/** What the person's role grants (moderators hold every right). */
export function can(state: State, right: Right): boolean {
  return state.you.rights.includes(right);
}

export function roleOf(state: State, id: string | null | undefined): RoleView | undefined {
  return state.meeting.roles.find((r) => r.id === id);
}

/** A role's name in the page's language. */
export function roleName(state: State, id: string | null | undefined): string {
  const role = roleOf(state, id);
  return role ? text(role.name) : (id ?? "");
}

/** True when the format defines roles of its own beyond the base moderator and participant. */
export function hasFormatRoles(state: State): boolean {
  return state.meeting.roles.some((r) => r.id !== "moderator" && r.id !== "participant");
}

// The person's own role changed (participant.set_role): the rights and the view follow the format's role.
// A change of base (participant ↔ moderator) closes the page's connection; the new snapshot brings the rest.
registerEventHandler("participant.updated", (s, d: { participant: Participant }) => {
  if (d.participant.participant_id !== s.you.participant_id || !d.participant.format_role) return;
  const role = roleOf(s, d.participant.format_role);
  if (!role) return;
  s.you.format_role = role.id;
  if (s.you.role === "moderator") return;
  s.you.rights = [...role.rights];
  s.you.view = role.view;
  s.you.observer = role.observer;
});

registerEventHandler("agreement.acknowledged", (s, d: AgreementAcknowledged) => {
  const agreement = s.meeting.agreement;
  if (!agreement) return;
  if (d.acknowledgement.participant_id === s.you.participant_id) agreement.acknowledged = true;
  if (agreement.acknowledgements && !agreement.acknowledgements.some((a) => a.participant_id === d.acknowledgement.participant_id)) {
    agreement.acknowledgements.push(d.acknowledgement);
  }
});

registerEventHandler("scale.answered", (s, d: ScaleAnswered) => {
  const scale = s.meeting.scales.find((x) => x.id === d.scale_id);
  if (scale) scale.answered = d.answered;
});
registerEventHandler("scale.answer_saved", (s, d: ScaleAnswerSaved) => {
  const scale = s.meeting.scales.find((x) => x.id === d.scale_id);
  if (scale) scale.my_answer = d.value;
});
registerEventHandler("scale.revealed", (s, d: ScaleRevealed) => {
  const scale = s.meeting.scales.find((x) => x.id === d.scale_id);
  if (!scale) return;
  scale.answered = d.answered;
  scale.spread = d.spread;
});
