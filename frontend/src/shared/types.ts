// The shapes the server sends (docs/protocol.md, app/events.py, app/services/snapshot.py).

export type Role = "moderator" | "participant";

export interface PersonRef {
  participant_id: string;
  display_name: string;
}

export interface Participant {
  participant_id: string;
  display_name: string;
  organisation: string | null;
  role: Role;
  keynote: boolean;
  online: boolean;
  has_spoken: boolean;
}

export interface QueueEntry {
  participant_id: string;
  display_name: string;
  note: string | null;
  raised_at: string;
  has_spoken: boolean;
  away: boolean;
}

export interface HandQueue {
  rule: "fairness" | "first_come";
  entries: QueueEntry[];
}

export interface Speaker {
  participant_id: string;
  display_name: string;
  since: string;
}

export type QuestionStatus = "submitted" | "approved" | "answered" | "dismissed";

export interface Question {
  id: string;
  text: string;
  status: QuestionStatus;
  keynote: boolean;
  circulated: boolean;
  anonymous: boolean;
  author: PersonRef | null;
  upvotes: number;
  position: number;
  created_at: string;
  answered_at: string | null;
}

export type ChatKind = "message" | "reflection" | "question" | "resource";

export interface ChatMessage {
  id: string;
  seq?: number;
  room_id: string | null;
  author: PersonRef;
  kind: ChatKind;
  text: string;
  url: string | null;
  title: string | null;
  created_at: string;
}

export interface Resource {
  message_id: string;
  url: string;
  title: string;
  text: string;
  author: PersonRef;
  created_at: string;
}

export interface MeetingState {
  id: string;
  title: string;
  format: "ask_the_audience" | "tour_de_table" | "open";
  language: "en" | "da";
  status: "scheduled" | "live" | "ended";
  scheduled_for: string | null;
  started_at: string | null;
  ended_at: string | null;
  settings: { fairness: boolean; hand_grace_seconds: number };
  participants: Participant[];
  hands: HandQueue;
  speaker: Speaker | null;
  questions: Question[];
  current_question_id: string | null;
  my_upvotes: string[];
  chat: { messages: ChatMessage[]; has_more: boolean };
  resources: Resource[];
  join_code?: string;
  join_url?: string;
  // Areas added later (consent, breakouts, stages) keep their state here too.
  [extra: string]: unknown;
}

export interface Snapshot {
  version: number;
  server_time: string;
  you: { participant_id: string; role: Role; display_name: string; keynote?: boolean };
  meeting: MeetingState;
}

export interface ServerEvent<D = Record<string, unknown>> {
  version: number;
  type: string;
  data: D;
  at: string;
}

export interface AckError {
  code: string;
  message: string;
}

export type Ack = { ok: true; version: number; result?: Record<string, unknown> } | { ok: false; error: AckError };
