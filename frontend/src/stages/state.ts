// The format's stages and turn order as the server sends them (docs/protocol.md, "Stages and turns").

import { registerEventHandler, type State } from "../shared/store";
import { textIn } from "../shared/texts";
import type { FollowUpView, StageView, TurnView } from "../shared/wire";

export type { StageView, TurnStatus } from "../shared/wire";
export type Turn = TurnView;
export type FollowUp = FollowUpView;

export function stageOf(state: State): StageView | null {
  return state.meeting.stage;
}

/** A stage's name from the format's definition, in the page's language. */
export function stageName(view: StageView, id: string): string {
  return textIn(view.stages.find((s) => s.id === id)?.name) || id;
}

/** What the meeting leads to: everyone's snapshot carries it (items carried over from the previous meeting first). */
export function followupsOf(state: State): FollowUp[] {
  return state.meeting.followups ?? [];
}

for (const type of ["stage.changed", "turn.started", "turn.passed", "turn.finished", "turn.time_warned", "turn.time_up"] as const) {
  registerEventHandler(type, (s, d: { stage: StageView }) => {
    s.meeting.stage = d.stage;
  });
}

registerEventHandler("followup.added", (s, d: { item: FollowUp }) => {
  const items = followupsOf(s);
  if (!items.some((f) => f.id === d.item.id)) s.meeting.followups = [...items, d.item];
});

registerEventHandler("followup.updated", (s, d: { item: FollowUp }) => {
  s.meeting.followups = followupsOf(s).map((f) => (f.id === d.item.id ? d.item : f));
});

registerEventHandler("followup.removed", (s, d: { followup_id: string }) => {
  s.meeting.followups = followupsOf(s).filter((f) => f.id !== d.followup_id);
});

registerEventHandler("summary.name_set", (s, d: { share: boolean }) => {
  s.meeting.my_name_in_summary = d.share;
});

// People who join or leave change the turn order as the server computes it (late joiners at the end,
// removed people out); the next stage or turn event brings the server's order again.
registerEventHandler("participant.joined", (s, d: { participant: { participant_id: string; display_name: string; role: string; keynote: boolean } }) => {
  const turns = stageOf(s)?.turns;
  const p = d.participant;
  if (!turns || p.role !== "participant" || turns.kind === "keynotes" || (turns.kind === "concluding_tour" && p.keynote)) return;
  if (turns.order.some((x) => x.participant_id === p.participant_id)) return;
  turns.order.push({ participant_id: p.participant_id, display_name: p.display_name, status: "pending", question_id: null });
  turns.remaining.push(p.participant_id);
});

registerEventHandler("participant.removed", (s, d: { participant_id: string }) => {
  const turns = stageOf(s)?.turns;
  if (!turns) return;
  turns.order = turns.order.filter((x) => x.participant_id !== d.participant_id || x.status !== "pending");
  turns.remaining = turns.remaining.filter((x) => x !== d.participant_id);
});
