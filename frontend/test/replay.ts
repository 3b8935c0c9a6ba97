// Replays events through the pages' own reducers, for tests/realtime/test_replay.py: reads
// {"snapshot": ..., "events": [...]} on stdin and prints {"version", "you", "meeting"} as a page would
// hold them after applying every event to the snapshot. Bundled for Node with esbuild by the test.

import "../src/shared/handlers";
import "../src/breakouts/state";
import "../src/consent/state";
import "../src/stages/state";
import "../src/privacy/state";
import "../src/boards/state";
import "../src/roles/state";
import { applyEvent, fromSnapshot } from "../src/shared/store";
import type { ServerEvent, Snapshot } from "../src/shared/types";

declare const process: { stdin: AsyncIterable<Uint8Array | string>; stdout: { write(text: string): void } };

let input = "";
for await (const chunk of process.stdin) input += typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
const { snapshot, events } = JSON.parse(input) as { snapshot: Snapshot; events: ServerEvent[] };
const state = fromSnapshot(snapshot);
for (const event of events) applyEvent(state, event);
process.stdout.write(JSON.stringify({ version: state.version, you: state.you, meeting: state.meeting }));
