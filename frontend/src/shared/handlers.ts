// One handler per core event type (app/events.py). Importing this module registers them.

import { registerEventHandler, type State } from "./store";
import type { MeetingConfigured, PeopleCount } from "./wire";
import type { ChatMessage, HandQueue, Participant, QueueEntry, Question, Speaker } from "./types";

/** Whom a page lists even when it cannot list everyone (as the server's app/services/views.py `named`). */
function named(person: Participant): boolean {
  return person.role === "moderator" || person.keynote || person.format_role !== null;
}

function upsertParticipant(state: State, person: Participant): void {
  const list = state.meeting.participants;
  const at = list.findIndex((p) => p.participant_id === person.participant_id);
  if (at >= 0) list[at] = person;
  // A large meeting's list names only those with a part to play; everyone else is only counted.
  else if (state.meeting.people.complete || named(person)) list.push(person);
}

function count(state: State, people: PeopleCount): void {
  state.meeting.people = { ...state.meeting.people, total: people.total, online: people.online };
}

function upsertQuestion(state: State, question: Question): void {
  const list = state.meeting.questions;
  const at = list.findIndex((q) => q.id === question.id);
  if (at >= 0) list[at] = question;
  else list.push(question);
  list.sort((a, b) => a.position - b.position);
}

function markSpoken(state: State, participantId: string): void {
  const person = state.meeting.participants.find((p) => p.participant_id === participantId);
  if (person) person.has_spoken = true;
}

registerEventHandler("meeting.started", (s, d: { status: State["meeting"]["status"]; started_at: string }) => {
  s.meeting.status = d.status;
  s.meeting.started_at = d.started_at;
});
registerEventHandler("meeting.ended", (s, d: { status: State["meeting"]["status"]; ended_at: string }) => {
  s.meeting.status = d.status;
  s.meeting.ended_at = d.ended_at;
});
registerEventHandler("meeting.configured", (s, d: MeetingConfigured) => {
  const { queue, ...settings } = d;
  s.meeting.settings = settings;
  s.meeting.hands = queue;
});

registerEventHandler("participant.joined", (s, d: { participant: Participant; people: PeopleCount }) => {
  upsertParticipant(s, d.participant);
  count(s, d.people);
});
registerEventHandler("participant.updated", (s, d: { participant: Participant }) => {
  upsertParticipant(s, d.participant);
  if (d.participant.participant_id === s.you.participant_id) s.you.keynote = d.participant.keynote;
});
registerEventHandler("participant.presence_changed", (s, d: { changes: { participant_id: string; online: boolean }[]; queue: HandQueue; people: PeopleCount }) => {
  for (const change of d.changes) {
    const person = s.meeting.participants.find((p) => p.participant_id === change.participant_id);
    if (person) person.online = change.online;
  }
  s.meeting.hands = d.queue;
  count(s, d.people);
});
registerEventHandler("participant.removed", (s, d: { participant_id: string; queue: HandQueue; speaker: Speaker | null; people: PeopleCount }) => {
  s.meeting.participants = s.meeting.participants.filter((p) => p.participant_id !== d.participant_id);
  s.meeting.hands = d.queue;
  s.meeting.speaker = d.speaker;
  count(s, d.people);
});

// Deltas: the new entry at its index in the server's queue at that version; a lowered hand leaves it.
registerEventHandler("hand.raised", (s, d: { participant_id: string; entry: QueueEntry; position: number }) => {
  const entries = s.meeting.hands.entries.filter((e) => e.participant_id !== d.participant_id);
  entries.splice(Math.min(d.position, entries.length), 0, d.entry);
  s.meeting.hands = { ...s.meeting.hands, entries };
});
registerEventHandler("hand.lowered", (s, d: { participant_id: string }) => {
  s.meeting.hands = { ...s.meeting.hands, entries: s.meeting.hands.entries.filter((e) => e.participant_id !== d.participant_id) };
});
registerEventHandler("hands.cleared", (s, d: { queue: HandQueue }) => {
  s.meeting.hands = d.queue;
});
registerEventHandler("floor.given", (s, d: { speaker: Speaker; queue: HandQueue }) => {
  s.meeting.speaker = d.speaker;
  s.meeting.hands = d.queue;
  markSpoken(s, d.speaker.participant_id);
});
registerEventHandler("floor.ended", (s, d: { participant_id: string }) => {
  if (s.meeting.speaker?.participant_id === d.participant_id) s.meeting.speaker = null;
});

for (const type of ["question.submitted", "question.approved", "question.dismissed", "question.answered", "question.keynote_marked"] as const) {
  registerEventHandler(type, (s, d: { question: Question }) => upsertQuestion(s, d.question));
}
registerEventHandler("questions.circulated", (s, d: { questions: Question[] }) => {
  for (const question of d.questions) upsertQuestion(s, question);
});
registerEventHandler("questions.reordered", (s, d: { order: string[] }) => {
  const rank = new Map(d.order.map((id, i) => [id, i + 1]));
  for (const q of s.meeting.questions) q.position = rank.get(q.id) ?? q.position;
  s.meeting.questions.sort((a, b) => a.position - b.position);
});
registerEventHandler("question.made_current", (s, d: { question_id: string | null }) => {
  s.meeting.current_question_id = d.question_id;
});
registerEventHandler("question.upvoted", (s, d: { question_id: string; upvotes: number }) => {
  const question = s.meeting.questions.find((q) => q.id === d.question_id);
  if (question) question.upvotes = d.upvotes;
});

registerEventHandler("chat.sent", (s, d: { message: ChatMessage }) => {
  const m = d.message;
  if (m.room_id !== null) return; // breakout rooms keep their own chat
  if (s.meeting.chat.messages.some((x) => x.id === m.id)) return;
  s.meeting.chat.messages.push(m);
  if (m.kind === "resource" && m.url) {
    s.meeting.resources.push({ message_id: m.id, url: m.url, title: m.title || m.url, text: m.text, author: m.author, created_at: m.created_at });
  }
});
registerEventHandler("chat.hidden", (s, d: { message_id: string }) => {
  s.meeting.chat.messages = s.meeting.chat.messages.filter((m) => m.id !== d.message_id);
  s.meeting.resources = s.meeting.resources.filter((r) => r.message_id !== d.message_id);
});
