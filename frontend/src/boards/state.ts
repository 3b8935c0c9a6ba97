// The capture boards as the server sends them (docs/protocol.md, "Boards"): the boards this person may
// see, their cards in order, this person's own dots and the plan sign-offs. One handler per board event;
// the cards stay sorted as the snapshot sorts them (board, column, position, id).

import { registerEventHandler, type State } from "../shared/store";
import type { BoardInfo, BoardsSnapshot, CardView, SignOffView } from "../shared/wire";

export type { BoardInfo, BoardsSnapshot, CardView, SignOffView } from "../shared/wire";

export function boardsOf(state: State): BoardsSnapshot {
  return state.meeting.boards;
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortCards(boards: BoardsSnapshot): void {
  boards.cards.sort((x, y) => compare(x.board_id, y.board_id) || compare(x.column_id, y.column_id) || compare(x.position, y.position) || compare(x.id, y.id));
}

function remove(boards: BoardsSnapshot, cardId: string): void {
  boards.cards = boards.cards.filter((c) => c.id !== cardId);
}

/** A card as it now is: hidden cards stay only on moderators' boards. */
function upsert(state: State, card: CardView): void {
  const boards = boardsOf(state);
  remove(boards, card.id);
  if (card.hidden && state.you.role !== "moderator") return;
  boards.cards.push(card);
  sortCards(boards);
}

/** The cards of one column, top first. */
export function columnCards(state: State, boardId: string, columnId: string): CardView[] {
  return boardsOf(state).cards.filter((c) => c.board_id === boardId && c.column_id === columnId);
}

/** Dots this person has left on a board. */
export function dotsLeft(state: State, board: BoardInfo): number {
  if (!board.voting) return 0;
  const mine = boardsOf(state).my_votes;
  const placed = boardsOf(state)
    .cards.filter((c) => c.board_id === board.id)
    .reduce((sum, c) => sum + (mine[c.id] ?? 0), 0);
  return Math.max(0, board.voting.budget - placed);
}

/** Whether the board takes contributions in the stage the meeting is in now. */
export function isOpen(state: State, board: BoardInfo): boolean {
  if (board.open_in === null) return true;
  const current = (state.meeting.stage as { current?: string | null } | null)?.current ?? null;
  return current !== null && board.open_in.includes(current);
}

interface Person {
  participant_id: string;
  display_name: string;
  role: string;
  format_role?: string | null;
}

/** Everyone present who is asked to sign the plan, and who of them has not yet. */
export function signing(state: State, boardId: string): { signed: SignOffView[]; waiting: Person[] } {
  const boards = boardsOf(state);
  const signed = boards.sign_offs.filter((s) => s.board_id === boardId);
  const done = new Set(signed.map((s) => s.participant_id));
  const asked = new Set(boards.sign_roles);
  const people = state.meeting.participants as Person[];
  const waiting = people.filter((p) => p.role === "participant" && asked.has(p.format_role ?? boards.default_role) && !done.has(p.participant_id));
  return { signed, waiting };
}

registerEventHandler("board.card_added", (s, d) => upsert(s, d.card));
registerEventHandler("board.card_changed", (s, d) => upsert(s, d.card));

registerEventHandler("board.cards_moved", (s, d) => {
  const boards = boardsOf(s);
  for (const move of d.moves) {
    const card = boards.cards.find((c) => c.id === move.card_id);
    if (card) {
      card.column_id = move.column_id;
      card.position = move.position;
    }
  }
  sortCards(boards);
});

registerEventHandler("board.card_merged", (s, d) => {
  const boards = boardsOf(s);
  remove(boards, d.card_id);
  const mine = boards.my_votes[d.card_id];
  if (mine) {
    boards.my_votes[d.into.id] = (boards.my_votes[d.into.id] ?? 0) + mine;
    delete boards.my_votes[d.card_id];
  }
  upsert(s, d.into);
});

registerEventHandler("board.card_hidden", (s, d) => {
  const boards = boardsOf(s);
  const card = boards.cards.find((c) => c.id === d.card_id);
  if (card && s.you.role === "moderator") card.hidden = true;
  else remove(boards, d.card_id);
});

registerEventHandler("board.card_removed", (s, d) => {
  const boards = boardsOf(s);
  remove(boards, d.card_id);
  delete boards.my_votes[d.card_id];
});

registerEventHandler("board.card_voted", (s, d) => {
  const card = boardsOf(s).cards.find((c) => c.id === d.card_id);
  if (card) card.votes = d.votes;
});

registerEventHandler("board.my_votes_changed", (s, d) => {
  const mine = boardsOf(s).my_votes;
  if (d.dots > 0) mine[d.card_id] = d.dots;
  else delete mine[d.card_id];
});

registerEventHandler("board.plan_signed", (s, d) => {
  const boards = boardsOf(s);
  const signOff = d.sign_off;
  boards.sign_offs = boards.sign_offs.filter((x) => !(x.board_id === signOff.board_id && x.participant_id === signOff.participant_id));
  boards.sign_offs.push(signOff);
  boards.sign_offs.sort((x, y) => compare(x.signed_at, y.signed_at) || compare(x.participant_id, y.participant_id));
});

registerEventHandler("board.plan_unsigned", (s, d) => {
  const boards = boardsOf(s);
  boards.sign_offs = boards.sign_offs.filter((x) => !(x.board_id === d.board_id && x.participant_id === d.participant_id));
});

export type Coverage = "overlap" | "single" | "gap";

export interface ThemeRow {
  theme: string;
  organisations: string[];
  coverage: Coverage;
}

const squash = (text: string): string => text.split(/\s+/).filter(Boolean).join(" ");

/**
 * The map's rows, as app/rules/boards.py `coverage` computes them: per theme (without case and extra
 * spaces), the organisations offering it on cards of the map's first column; two or more: overlap, one:
 * single, none (only needs name it, or cards without an organisation): gap.
 */
export function coverage(board: BoardInfo, cards: CardView[]): ThemeRow[] {
  const services = board.columns[0]?.id;
  const names = new Map<string, string>();
  const orgs = new Map<string, Map<string, string>>();
  for (const card of cards) {
    if (!card.theme || !card.theme.trim()) continue;
    const key = squash(card.theme).toLowerCase();
    if (!names.has(key)) names.set(key, squash(card.theme));
    const covering = orgs.get(key) ?? new Map<string, string>();
    orgs.set(key, covering);
    if (card.column_id === services && card.organisation && card.organisation.trim()) {
      const org = squash(card.organisation);
      if (!covering.has(org.toLowerCase())) covering.set(org.toLowerCase(), org);
    }
  }
  return [...names.keys()].sort().map((key) => {
    const organisations = [...(orgs.get(key)?.values() ?? [])].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    return { theme: names.get(key) ?? key, organisations, coverage: organisations.length >= 2 ? "overlap" : organisations.length ? "single" : "gap" };
  });
}
