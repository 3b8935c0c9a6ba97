// Who was removed and not let back in (moderators only), kept current by the events.

import { registerEventHandler, type State } from "../shared/store";

export interface Banned {
  participant_id: string;
  display_name: string;
  removed_at: string | null;
}

export function bannedOf(state: State): Banned[] {
  return ((state.meeting as { banned?: Banned[] }).banned ?? []) as Banned[];
}

registerEventHandler("participant.banned", (state, data: { banned: Banned }) => {
  (state.meeting as { banned?: Banned[] }).banned = [...bannedOf(state).filter((b) => b.participant_id !== data.banned.participant_id), data.banned];
});

registerEventHandler("participant.ban_lifted", (state, data: { participant_id: string }) => {
  (state.meeting as { banned?: Banned[] }).banned = bannedOf(state).filter((b) => b.participant_id !== data.participant_id);
});
