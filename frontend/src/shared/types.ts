// The shapes the server sends, under the names the pages use. They are generated from the server's
// models into wire.ts (`make wire`; docs/adr/0011-the-wire-is-defined-once.md): change a shape in
// Python (app/events.py, app/services/snapshot.py, app/wire.py), never here.

import type {
  AckOk,
  ChatMessageView,
  ClientCommand,
  MeetingSnapshot,
  ParticipantView,
  QuestionView,
  ResourceView,
  SpeakerView,
} from "./wire";

export type {
  ChatKind,
  ClientCommand,
  ErrorCode,
  HandQueue,
  PersonRef,
  QuestionStatus,
  QueueEntry,
  Role,
  ServerEvent,
  Snapshot,
} from "./wire";

/** Every command type a page may send, and the data of each (generated from the server's command registry). */
export type CommandType = ClientCommand["type"];
export type CommandData<T extends CommandType> = Extract<ClientCommand, { type: T }>["data"];

export type Participant = ParticipantView;
export type Speaker = SpeakerView;
export type Question = QuestionView;
export type ChatMessage = ChatMessageView;
export type Resource = ResourceView;
export type MeetingState = MeetingSnapshot;

/**
 * A failed command or request. `code` is one of the server's ErrorCode (wire.ts ERROR_CODES) or one the
 * page makes itself: "not_connected", "timeout", "network", or "http_<status>" for an answer without a body.
 */
export interface AckError {
  code: string;
  message: string;
}

export type Ack = AckOk | { ok: false; error: AckError };
