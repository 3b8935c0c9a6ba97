// One load-generator process for bench/fanout.py: many Socket.IO clients in one Node process.
//
// It speaks JSON lines: orders on stdin, reports on stdout. Times are process.hrtime (CLOCK_MONOTONIC
// on Linux) in microseconds, the same clock in every process on the machine, so the coordinator can
// subtract a send time taken in one worker from receive times taken in another.
//
// Orders:
//   {"op": "connect", "url", "tokens": [...], "concurrency", "types": [...]}  -> {"op": "connected", "ok", "failed", "errors", "ms"}
//   {"op": "send", "index", "tag", "message"}  -> {"op": "ack", "tag", "t0", "t_ack", "ack"}
//   {"op": "expect", "version"}   -> {"op": "complete", "version", "times", "bytes"} once every live client got it
//   {"op": "report", "version"}   -> {"op": "complete", ...} with whatever arrived (after a timeout)
//   {"op": "stats"}               -> {"op": "stats", "live", "disconnects", "errors"}
//   {"op": "watch", "tag"}        -> from now on count bytes per client and note when each client's view changes
//   {"op": "burst", "tag", "start", "sends": [{"index", "at", "message"}]}  -> sends each command at start + at (µs,
//                                    the shared clock) -> {"op": "burst_done", "tag", "sent", "ok", "failed", "errors",
//                                    "first_sent", "last_sent", "last_ack", "ack_ms"}
//   {"op": "views", "tag"}        -> {"op": "views", "tag", "clients": [{"consent", "consent_at", "queue_at", "queue_len", "bytes"}],
//                                    "finals": {queue as ids joined by ",": clients holding it}}
//   {"op": "reconnect", "index"} -> that client disconnects and connects again with its token -> {"op": "reconnected", "ok"}
//   {"op": "close"}               -> disconnects everyone and exits
import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const sockets = [];
const received = new Map(); // version -> receive times (µs) of the measured event types
const sizes = new Map(); // version -> payload size in bytes, measured once
const expected = new Set(); // versions the coordinator waits for
let measured = new Set();
let live = 0;
// Each socket carries `view`: what the client sees of the meeting (consent state, the hand queue) and how
// many bytes it received since the last "watch"; updated from the snapshot, `event` and `events` (a list).
const liveViews = () => sockets.filter((s) => s && s.connected).map((s) => s.view);
let disconnects = 0;
const errors = [];

const now = () => Number(process.hrtime.bigint() / 1000n);
const say = (message) => process.stdout.write(JSON.stringify(message) + "\n");

function applyView(view, envelope, t) {
  const data = envelope.data || {};
  if (envelope.type === "consent.changed") {
    if (view.consent !== data.state) {
      view.consent = data.state;
      view.consentAt = t;
    }
  }
  let queue = view.queue;
  if (data.queue && Array.isArray(data.queue.entries)) {
    queue = data.queue.entries.map((e) => e.participant_id);
  } else if (envelope.type === "hand.raised" && data.entry) {
    // A delta: the new entry at its place in the queue.
    queue = queue.filter((id) => id !== data.entry.participant_id);
    queue.splice(data.position ?? queue.length, 0, data.entry.participant_id);
  } else if (envelope.type === "hand.lowered") {
    queue = queue.filter((id) => id !== data.participant_id);
  }
  if (queue !== view.queue) {
    // An event that repeats the same queue (presence, say) is not a change.
    const same = queue.length === view.queue.length && queue.every((id, i) => id === view.queue[i]);
    view.queue = queue;
    if (!same) view.queueAt = t;
  }
}

function newView() {
  return { consent: null, consentAt: 0, queue: [], queueAt: 0, bytes: 0 };
}

function onEvent(envelope) {
  const t = now();
  if (!envelope || !measured.has(envelope.type)) return;
  const v = envelope.version;
  let times = received.get(v);
  if (times === undefined) {
    times = [];
    received.set(v, times);
    sizes.set(v, Buffer.byteLength(JSON.stringify(envelope)));
  }
  times.push(t);
  if (expected.has(v) && times.length >= live) complete(v);
}

function complete(version) {
  expected.delete(version);
  say({ op: "complete", version, times: received.get(version) || [], bytes: sizes.get(version) || 0 });
  received.delete(version);
  sizes.delete(version);
}

function connectOne(url, token) {
  return new Promise((resolve) => {
    const socket = io(url, {
      auth: { token },
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: 60000,
    });
    let settled = false;
    const view = newView();
    socket.view = view;
    socket.io.on("open", () => {
      socket.io.engine.on("data", (data) => {
        view.bytes += typeof data === "string" ? data.length : data.byteLength;
      });
    });
    socket.on("snapshot", (snapshot) => {
      const meeting = (snapshot && snapshot.meeting) || {};
      if (meeting.consent) view.consent = meeting.consent.state;
      if (meeting.hands && Array.isArray(meeting.hands.entries)) view.queue = meeting.hands.entries.map((e) => e.participant_id);
      if (settled) return;
      settled = true;
      live += 1;
      resolve(socket);
    });
    socket.on("event", (envelope) => {
      if (envelope) applyView(view, envelope, now());
      onEvent(envelope);
    });
    socket.on("events", (envelopes) => {
      const t = now();
      for (const envelope of envelopes || []) {
        applyView(view, envelope, t);
        onEvent(envelope);
      }
    });
    socket.on("connect_error", (err) => {
      if (settled) return;
      settled = true;
      errors.push(String(err && err.message));
      resolve(null);
    });
    socket.on("disconnect", (reason) => {
      if (!settled) {
        settled = true;
        errors.push(`disconnected before the snapshot: ${reason}`);
        resolve(null);
        return;
      }
      if (reason !== "io client disconnect") {
        disconnects += 1;
        errors.push(`disconnect: ${reason}`);
      }
      live -= 1;
    });
  });
}

let target = { url: null, tokens: [] };

async function reconnect(index) {
  const old = sockets[index];
  if (old) {
    old.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  sockets[index] = await connectOne(target.url, target.tokens[index]);
  say({ op: "reconnected", ok: sockets[index] !== null });
}

async function connectAll({ url, tokens, concurrency, types }) {
  measured = new Set(types);
  target = { url, tokens };
  const started = now();
  let next = 0;
  let failed = 0;
  async function lane() {
    while (next < tokens.length) {
      const i = next++;
      const socket = await connectOne(url, tokens[i]);
      sockets[i] = socket;
      if (socket === null) failed += 1;
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  say({ op: "connected", ok: tokens.length - failed, failed, errors: errors.slice(0, 5), ms: (now() - started) / 1000 });
}

function send({ index, tag, message }) {
  const socket = sockets[index];
  const t0 = now();
  socket.timeout(30000).emit("command", message, (err, ack) => {
    say({ op: "ack", tag, t0, t_ack: now(), ack: err ? { ok: false, error: { code: "timeout", message: String(err) } } : ack });
  });
}

function burst({ tag, start, sends }) {
  const result = { op: "burst_done", tag, sent: 0, ok: 0, failed: 0, errors: [], first_sent: 0, last_sent: 0, last_ack: 0, ack_ms: [] };
  let pending = sends.length;
  const finish = () => {
    if (--pending === 0) say(result);
  };
  if (pending === 0) say(result);
  for (const { index, at, message } of sends) {
    const fire = () => {
      const socket = sockets[index];
      const t0 = now();
      if (!result.first_sent) result.first_sent = t0;
      result.last_sent = Math.max(result.last_sent, t0);
      result.sent += 1;
      socket.timeout(30000).emit("command", message, (err, ack) => {
        const t = now();
        result.last_ack = Math.max(result.last_ack, t);
        result.ack_ms.push((t - t0) / 1000);
        if (!err && ack && ack.ok) result.ok += 1;
        else {
          result.failed += 1;
          if (result.errors.length < 5) result.errors.push(err ? `timeout: ${err}` : JSON.stringify(ack && ack.error));
        }
        finish();
      });
    };
    setTimeout(fire, Math.max(0, (start + at - now()) / 1000));
  }
}

function reportViews(tag) {
  const finals = {};
  const clients = liveViews().map((view) => {
    const key = view.queue.join(",");
    finals[key] = (finals[key] || 0) + 1;
    return { consent: view.consent, consent_at: view.consentAt, queue_at: view.queueAt, queue_len: view.queue.length, bytes: view.bytes };
  });
  say({ op: "views", tag, clients, finals });
}

const lines = createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  const order = JSON.parse(line);
  if (order.op === "connect") await connectAll(order);
  else if (order.op === "send") send(order);
  else if (order.op === "expect") {
    expected.add(order.version);
    if ((received.get(order.version) || []).length >= live) complete(order.version);
  } else if (order.op === "report") {
    if (expected.has(order.version)) complete(order.version);
  } else if (order.op === "watch") {
    for (const view of liveViews()) {
      view.bytes = 0;
      view.consentAt = 0;
      view.queueAt = 0;
    }
    say({ op: "watching", tag: order.tag });
  } else if (order.op === "burst") burst(order);
  else if (order.op === "reconnect") await reconnect(order.index);
  else if (order.op === "views") reportViews(order.tag);
  else if (order.op === "stats") say({ op: "stats", live, disconnects, errors: errors.slice(0, 5) });
  else if (order.op === "close") {
    for (const socket of sockets) if (socket) socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
lines.on("close", () => process.exit(0));
