// The series part of a meeting's state (snapshot `meeting.series`): the roster's presence follows
// `participant.presence_changed`, which carries the whole roster in a meeting of a series.

import { registerEventHandler, type State } from "../shared/store";
import type { RosterPresence, SeriesPart } from "../shared/wire";

export type { RosterPresence, SeriesPart, SeriesUpdateView } from "../shared/wire";

export function seriesOf(state: State): SeriesPart | null {
  return state.meeting.series ?? null;
}

registerEventHandler("participant.presence_changed", (s, d: { roster?: RosterPresence[] | null }) => {
  const part = seriesOf(s);
  if (part && d.roster) part.roster = d.roster;
});
