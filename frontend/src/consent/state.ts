// The consent state as the server sends it (docs/protocol.md, "Recording consent") and its event
// handlers. It carries outcomes and counts only: never who voted what.

import { registerEventHandler, type State } from "../shared/store";

export type ConsentStateName =
  | "undecided"
  | "opening_ballot"
  | "private"
  | "recording_allowed"
  | "recording"
  | "closing_ballot"
  | "shared"
  | "deleted";

export interface Consent {
  state: ConsentStateName;
  ballot: { phase: "opening" | "closing"; eligible: number; voted: number; opened_at: string | null } | null;
  recording: { status: string; started_at: string; stopped_at: string | null; deleted_at: string | null } | null;
  recordings: number;
  /** Set when the meeting ended with a recording nobody decided on: it is deleted then. */
  decision_due_at: string | null;
  /** This person's own part. */
  question: "opening" | "closing" | "late" | null;
  my_vote: "record" | "share" | null;
  can_withdraw: boolean;
}

export function consentOf(state: State): Consent {
  const found = state.meeting.consent as Consent | undefined;
  return (
    found ?? {
      state: "undecided",
      ballot: null,
      recording: null,
      recordings: 0,
      decision_due_at: null,
      question: null,
      my_vote: null,
      can_withdraw: false,
    }
  );
}

registerEventHandler("consent.changed", (state, data: Omit<Consent, "question" | "my_vote" | "can_withdraw">) => {
  state.meeting.consent = { ...consentOf(state), ...data };
});

registerEventHandler("consent.personal_changed", (state, data: Pick<Consent, "question" | "my_vote" | "can_withdraw">) => {
  state.meeting.consent = { ...consentOf(state), ...data };
});
