// The breakout as the server sends it (docs/protocol.md, "Breakouts and thinking breaks"), and its
// event handlers. The deadline is the server's; pages count down to it with the snapshot's clock offset.

import { registerEventHandler, type State } from "../shared/store";
import type { ChatMessage, PersonRef } from "../shared/types";
import type { BreakoutRoomView, BreakoutSnapshot, ChatPage } from "../shared/wire";

export type BreakoutRoom = BreakoutRoomView;
export type RoomChat = ChatPage;

/** The breakout as the snapshot sends it, plus the broadcasts this page has received since. */
export type Breakout = BreakoutSnapshot & { broadcasts?: { text: string; author: PersonRef }[] };

export function breakoutOf(state: State): Breakout | null {
  return state.meeting.breakout;
}

/** Milliseconds left, on the server's clock. */
export function remainingMs(state: State, breakout: Breakout): number {
  return Date.parse(breakout.deadline) - (Date.now() + state.clockOffset);
}

function roomOf(rooms: BreakoutRoom[], participantId: string): string | null {
  return rooms.find((r) => r.members.some((m) => m.participant_id === participantId))?.id ?? null;
}

registerEventHandler("breakout.started", (s, d: { breakout: Omit<Breakout, "my_room_id" | "chats"> }) => {
  s.meeting.breakout = { ...d.breakout, my_room_id: roomOf(d.breakout.rooms, s.you.participant_id), chats: {} };
});

registerEventHandler("breakout.warned", (s, d: { breakout_id: string; deadline: string }) => {
  const b = breakoutOf(s);
  if (!b || b.id !== d.breakout_id) return;
  b.warned = true;
  b.deadline = d.deadline;
});

registerEventHandler("breakout.extended", (s, d: { breakout_id: string; deadline: string; warn_at: string | null }, e) => {
  const b = breakoutOf(s);
  if (!b || b.id !== d.breakout_id) return;
  b.deadline = d.deadline;
  b.warn_at = d.warn_at;
  // The server warns again when the new warning time is after the extension (the event's time), as
  // the server decides it: not by this device's clock, which may be off or late to apply the event.
  if (d.warn_at && Date.parse(d.warn_at) > Date.parse(e.at)) b.warned = false;
});

registerEventHandler("breakout.ended", (s, d: { breakout_id: string }) => {
  const b = breakoutOf(s);
  if (b && b.id === d.breakout_id) s.meeting.breakout = null;
});

registerEventHandler("breakout.member_moved", (s, d: { breakout_id: string; participant_id: string; room_id: string | null; rooms: BreakoutRoom[] }) => {
  const b = breakoutOf(s);
  if (!b || b.id !== d.breakout_id) return;
  b.rooms = d.rooms;
  if (d.participant_id === s.you.participant_id) b.my_room_id = d.room_id;
});

registerEventHandler("breakout.broadcast_sent", (s, d: { breakout_id: string; text: string; author: PersonRef }) => {
  const b = breakoutOf(s);
  if (!b || b.id !== d.breakout_id) return;
  b.broadcasts = [...(b.broadcasts ?? []), { text: d.text, author: d.author }];
});

// Room chat lines arrive as chat.sent with a room_id: the core handler keeps the main room's chat
// and leaves room lines to this one.
registerEventHandler("chat.sent", (s, d: { message: ChatMessage }) => {
  const b = breakoutOf(s);
  const m = d.message;
  if (!b || !m.room_id) return;
  const chat = (b.chats[m.room_id] ??= { messages: [], has_more: false });
  if (!chat.messages.some((x) => x.id === m.id)) chat.messages.push(m);
});

registerEventHandler("chat.hidden", (s, d: { message_id: string; room_id: string | null }) => {
  const b = breakoutOf(s);
  const chat = b && d.room_id ? b.chats[d.room_id] : undefined;
  if (chat) chat.messages = chat.messages.filter((m) => m.id !== d.message_id);
});
