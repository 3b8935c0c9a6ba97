// Tokens live in this browser's localStorage, keyed by page kind and meeting id, never in a
// URL that a server could log (the console link carries its token in the fragment only).

export type TokenKind = "console" | "participant";

export interface Stored {
  token: string;
  name?: string;
}

const key = (kind: TokenKind, meetingId: string): string => `roundtable.${kind}.${meetingId}`;

export function saveToken(kind: TokenKind, meetingId: string, stored: Stored): void {
  try {
    localStorage.setItem(key(kind, meetingId), JSON.stringify(stored));
  } catch {
    // Storage refused (private mode): the page still works until it is closed.
    memory.set(key(kind, meetingId), stored);
  }
}

const memory = new Map<string, Stored>();

export function loadToken(kind: TokenKind, meetingId: string): Stored | null {
  try {
    const raw = localStorage.getItem(key(kind, meetingId));
    if (raw) return JSON.parse(raw) as Stored;
  } catch {
    // fall through to the in-memory copy
  }
  return memory.get(key(kind, meetingId)) ?? null;
}

export function forgetToken(kind: TokenKind, meetingId: string): void {
  try {
    localStorage.removeItem(key(kind, meetingId));
  } catch {
    // nothing stored
  }
  memory.delete(key(kind, meetingId));
}

/** Moves `#token=...` from the address into storage and removes it from the address bar and history. */
export function takeTokenFromFragment(kind: TokenKind, meetingId: string): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get("token");
  if (token) {
    saveToken(kind, meetingId, { token });
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  return token ?? loadToken(kind, meetingId)?.token ?? null;
}

/** The last path segment, e.g. the meeting id in /console/{id}. */
export function pathId(): string {
  const parts = window.location.pathname.split("/").filter(Boolean);
  return decodeURIComponent(parts[parts.length - 1] ?? "");
}
