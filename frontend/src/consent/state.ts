// The consent state as the server sends it (docs/protocol.md, "Recording consent") and its event
// handlers. It carries outcomes and counts only: never who voted what.

import { registerEventHandler, type State } from "../shared/store";
import type { ConsentChanged, ConsentPersonalChanged, ConsentSnapshot, ConsentState } from "../shared/wire";

export type ConsentStateName = ConsentState;

/** The room's consent state and, in `question`, `my_vote` and `can_withdraw`, this person's own part. */
export type Consent = ConsentSnapshot;

export function consentOf(state: State): Consent {
  return state.meeting.consent;
}

registerEventHandler("consent.changed", (state, data: ConsentChanged) => {
  state.meeting.consent = { ...consentOf(state), ...data };
});

registerEventHandler("consent.personal_changed", (state, data: ConsentPersonalChanged) => {
  state.meeting.consent = { ...consentOf(state), ...data };
});
