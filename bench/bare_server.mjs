// The Node twin of bench/bare_server.py: a bare socket.io v4 broadcast server, the same minimal work.
//
// No database, no rules: a socket with a token in its auth joins one room and gets a snapshot; a `command`
// is answered with a version and broadcast to that room as an envelope shaped like the project's:
//   chat.send          -> `chat.sent` with the message
//   hand.raise/lower   -> the queue is an array in memory; `hand.raised` {participant_id, entry, position} /
//                         `hand.lowered` {participant_id, reason}, one small delta per change, at once
//   consent.open_ballot -> a ballot of everyone connected now; `consent.changed` (state, eligible, voted)
//   consent.vote       -> counted and broadcast at once; the vote completing the count turns the state
//                         to `recording_allowed`
// No compression (websocket or HTTP), like the project.
//
//     node bench/bare_server.mjs --port 8124
import { createHash, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";

// socket.io is installed with the load generator (bench/loadgen, `npm ci` from its lock file).
const { Server } = createRequire(new URL("./loadgen/package.json", import.meta.url))("socket.io");

const ROOM = "meeting";

function argument(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const isoNow = () => new Date().toISOString();

// Same size as the python twin's uuid5: 36 characters derived from the token.
function participantId(token) {
  const hex = createHash("sha1").update(String(token)).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const http = createServer((request, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end('{"status": "ok"}');
});
const io = new Server(http, { perMessageDeflate: false, httpCompression: false, serveClient: false });

const people = new Map(); // socket id -> {participant_id, display_name}
let version = 0;
let queue = [];
const ballot = { state: "undecided", eligible: 0, voters: new Set(), opened_at: null };

function consentView() {
  const open = ballot.state === "opening_ballot";
  const counts = { phase: "opening", eligible: ballot.eligible, voted: ballot.voters.size, opened_at: ballot.opened_at };
  return { state: ballot.state, ballot: open ? counts : null, recording: null, recordings: 0 };
}

io.use((socket, next) => {
  const token = socket.handshake.auth && socket.handshake.auth.token;
  if (!token) return next(new Error("unauthorized"));
  next();
});

io.on("connection", (socket) => {
  const who = { participant_id: participantId(socket.handshake.auth.token), display_name: `Person ${people.size + 1}` };
  people.set(socket.id, who);
  socket.join(ROOM);
  // The CONNECT packet is already out when "connection" fires: the snapshot follows it.
  const meeting = { hands: { rule: "fairness", entries: queue }, consent: consentView() };
  socket.emit("snapshot", { version, server_time: isoNow(), you: who, meeting });
  socket.on("disconnect", () => people.delete(socket.id));
  socket.on("command", (message, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    const kind = message && typeof message === "object" ? message.type : undefined;
    const data = (message && message.data) || {};
    version += 1;
    const at = isoNow();
    const entry = { participant_id: who.participant_id, display_name: who.display_name, note: null, raised_at: at, has_spoken: false, away: false };
    let type;
    let event;
    if (kind === "chat.send") {
      type = "chat.sent";
      event = {
        message: {
          id: randomUUID(),
          room_id: null,
          author: { participant_id: who.participant_id, display_name: who.display_name },
          kind: "message",
          text: String(data.text ?? ""),
          url: null,
          title: null,
          created_at: at,
        },
      };
    } else if (kind === "hand.raise") {
      queue = queue.filter((e) => e.participant_id !== who.participant_id);
      queue.push(entry);
      type = "hand.raised";
      event = { participant_id: who.participant_id, entry, position: queue.length - 1 };
    } else if (kind === "hand.lower") {
      queue = queue.filter((e) => e.participant_id !== who.participant_id);
      type = "hand.lowered";
      event = { participant_id: who.participant_id, reason: "lowered" };
    } else if (kind === "consent.open_ballot") {
      Object.assign(ballot, { state: "opening_ballot", eligible: people.size, voters: new Set(), opened_at: at });
      type = "consent.changed";
      event = consentView();
    } else if (kind === "consent.vote" && ballot.state === "opening_ballot") {
      ballot.voters.add(who.participant_id);
      if (ballot.voters.size >= ballot.eligible) ballot.state = "recording_allowed";
      type = "consent.changed";
      event = consentView();
    } else {
      reply({ ok: false, error: { code: "invalid_input", message: "Unknown command type." } });
      return;
    }
    io.to(ROOM).emit("event", { version, type, data: event, at });
    reply({ ok: true, version });
  });
});

http.listen(Number(argument("port", "8124")), argument("host", "127.0.0.1"));
