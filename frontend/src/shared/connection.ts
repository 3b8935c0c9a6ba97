// The realtime connection: snapshot first, then versioned events (docs/protocol.md).
// Events that arrive before the snapshot are held back and applied after it, if newer.

import { io, type Socket } from "socket.io-client";
import { applyEvent, fromSnapshot, type Cause, type State } from "./store";
import type { Ack, ServerEvent, Snapshot } from "./types";

export type Status = "connecting" | "live" | "reconnecting" | "refused" | "removed";

export interface ConnectionOptions {
  token: string;
  onState: (state: State, cause: Cause) => void;
  onStatus: (status: Status) => void;
  /** Socket.IO server address; the page's own origin by default. */
  url?: string;
}

const COMMAND_TIMEOUT_MS = 10_000;

function commandId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export class Connection {
  state: State | null = null;
  status: Status = "connecting";
  private socket: Socket;
  private pending: ServerEvent[] = [];
  private awaitingSnapshot = true;

  constructor(private options: ConnectionOptions) {
    this.socket = io(options.url ?? "/", {
      auth: { token: options.token },
      transports: ["websocket", "polling"],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    this.socket.on("connect", () => {
      // A fresh snapshot follows every connect; until it comes, events wait.
      this.awaitingSnapshot = true;
      this.pending = [];
    });
    this.socket.on("snapshot", (snapshot: Snapshot) => this.receiveSnapshot(snapshot));
    this.socket.on("event", (event: ServerEvent) => this.receiveEvent(event));
    // A burst's events, held for a moment on the server and sent together, in version order.
    this.socket.on("events", (events: ServerEvent[]) => {
      for (const event of events) this.receiveEvent(event);
    });
    this.socket.on("disconnect", (reason: string) => {
      this.awaitingSnapshot = true;
      if (this.status === "removed" || this.status === "refused") return;
      this.setStatus("reconnecting");
      // The server closed this connection on purpose (e.g. the person was removed): try once
      // more by hand; a refused token then shows as "refused".
      if (reason === "io server disconnect") this.socket.connect();
    });
    this.socket.on("connect_error", (error: Error) => {
      if (this.status === "removed") return;
      if (error.message === "unauthorized") {
        this.setStatus(this.state ? "removed" : "refused");
        this.socket.disconnect();
      } else if (this.state) {
        this.setStatus("reconnecting");
      }
    });
  }

  private setStatus(status: Status): void {
    if (this.status === status) return;
    this.status = status;
    this.options.onStatus(status);
  }

  private receiveSnapshot(snapshot: Snapshot): void {
    const state = fromSnapshot(snapshot);
    const held = this.pending;
    this.pending = [];
    this.awaitingSnapshot = false;
    for (const event of held) applyEvent(state, event);
    this.state = state;
    this.setStatus("live");
    this.options.onState(state, { kind: "snapshot" });
  }

  private receiveEvent(event: ServerEvent): void {
    if (this.awaitingSnapshot || !this.state) {
      this.pending.push(event);
      return;
    }
    if (applyEvent(this.state, event)) this.options.onState(this.state, { kind: "event", event });
  }

  /** Marks this person as removed: no more reconnects. */
  markRemoved(): void {
    this.setStatus("removed");
    this.socket.disconnect();
  }

  /** Sends a command and resolves with its ack; never rejects. */
  command(type: string, data: Record<string, unknown> = {}): Promise<Ack> {
    if (!this.socket.connected) {
      return Promise.resolve({ ok: false, error: { code: "not_connected", message: "Not connected." } });
    }
    return new Promise((resolve) => {
      this.socket.timeout(COMMAND_TIMEOUT_MS).emit("command", { type, data, command_id: commandId() }, (err: Error | null, ack: Ack) => {
        resolve(err ? { ok: false, error: { code: "timeout", message: "No answer from the server." } } : ack);
      });
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}
