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
//   {"op": "close"}               -> disconnects everyone and exits
import { createInterface } from "node:readline";
import { io } from "socket.io-client";

const sockets = [];
const received = new Map(); // version -> receive times (µs) of the measured event types
const sizes = new Map(); // version -> payload size in bytes, measured once
const expected = new Set(); // versions the coordinator waits for
let measured = new Set();
let live = 0;
let disconnects = 0;
const errors = [];

const now = () => Number(process.hrtime.bigint() / 1000n);
const say = (message) => process.stdout.write(JSON.stringify(message) + "\n");

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
    socket.on("snapshot", () => {
      if (settled) return;
      settled = true;
      live += 1;
      resolve(socket);
    });
    socket.on("event", onEvent);
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

async function connectAll({ url, tokens, concurrency, types }) {
  measured = new Set(types);
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
  } else if (order.op === "stats") say({ op: "stats", live, disconnects, errors: errors.slice(0, 5) });
  else if (order.op === "close") {
    for (const socket of sockets) if (socket) socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
lines.on("close", () => process.exit(0));
