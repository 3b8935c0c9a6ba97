// The client's copy of the meeting: the last snapshot with every later event applied to it.
// Handlers per event type, in a registry that each area extends with registerEventHandler(): an
// event's own area applies it, and another area may add its part (a room's chat line, a turn order
// that changes when people join). Everything an event changes is changed here, before any panel
// draws, also for events that arrive while a snapshot is awaited.

import type { MeetingState, ServerEvent, Snapshot } from "./types";

export interface State {
  version: number;
  /** The version of the snapshot this state was built from. */
  snapshotVersion: number;
  /** Server time minus local time, in ms: elapsed times use the server's clock. */
  clockOffset: number;
  you: Snapshot["you"];
  meeting: MeetingState;
}

/** Every event type the server emits (generated from app/events.py). */
export type EventType = ServerEvent["type"];
/** The envelope of one event type, e.g. EventOf<"hand.raised">. */
export type EventOf<T extends EventType> = Extract<ServerEvent, { type: T }>;

/** A handler changes the state in place for one event type; `data` is typed by the server's model. */
export type EventHandler<T extends EventType = EventType> = (state: State, data: EventOf<T>["data"], event: EventOf<T>) => void;

// Each list holds handlers of its own key's type: the registry is typed at registerEventHandler().
const handlers = new Map<string, EventHandler<any>[]>();

export function registerEventHandler<T extends EventType>(type: T, handler: EventHandler<T>): void {
  const list = handlers.get(type) ?? [];
  if (list.includes(handler)) throw new Error(`this handler for ${type} is already registered`);
  handlers.set(type, [...list, handler]);
}

export function hasEventHandler(type: string): boolean {
  return handlers.has(type);
}

/** What caused an update: panels announce changes caused by events, never by a snapshot. */
export type Cause = { kind: "snapshot" } | { kind: "event"; event: ServerEvent };

export function fromSnapshot(snapshot: Snapshot): State {
  return {
    version: snapshot.version,
    snapshotVersion: snapshot.version,
    clockOffset: Date.parse(snapshot.server_time) - Date.now(),
    you: snapshot.you,
    meeting: snapshot.meeting,
  };
}

/**
 * Every server time a client receives (the snapshot's, each event's `at`) was at most the server's
 * clock at arrival, so (server time - local time) never overestimates the offset and the largest one
 * seen is the best estimate: a page whose snapshot came late catches up with the next event, and
 * every screen counts down the same second.
 */
export function noteServerTime(state: State, serverTime: string): void {
  const sample = Date.parse(serverTime) - Date.now();
  if (sample > state.clockOffset) state.clockOffset = sample;
}

/**
 * Applies an event if it is newer than the snapshot; returns whether it was applied.
 * Events come in order on one connection (with several server processes, in each one's order:
 * docs/protocol.md); one change may reach a person as two events of the same version (one per
 * audience), so only the snapshot's version is the cut-off.
 */
export function applyEvent(state: State, event: ServerEvent): boolean {
  noteServerTime(state, event.at);
  if (event.version <= state.snapshotVersion) return false;
  state.version = Math.max(state.version, event.version);
  for (const handler of handlers.get(event.type) ?? []) handler(state, event.data, event);
  return true;
}
