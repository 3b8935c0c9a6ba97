// A click is a press and a release. A control rebuilt between the two loses the click: the browser sends it to
// neither the old button (gone from the page) nor the new one (never pressed). Panels are rebuilt when events
// arrive, in a large meeting several times a second, and a person's press lasts about a tenth of a second: the
// moderator's "Start the meeting" or "Give the floor" could do nothing at all. So while a mouse button, a finger
// or Space on a control is down, the meeting's changes wait, in order, and are drawn once it is released, after
// the click. `data-updates-held` on <body> counts them meanwhile (so a test can see that they did wait).

const waiting: Array<() => void> = [];
let pressed = false;
let limit = 0;
// A press held longer than this (a drag, a text selection) no longer holds the meeting back.
const LONGEST_HOLD_MS = 2000;

/** Runs `work` now, or after the press that is under way ends (and after the changes that waited for it). */
export function afterPress(work: () => void): void {
  // Between a release and the drawing of what waited, a new change waits too: changes are drawn in order.
  if (!pressed && waiting.length === 0) {
    work();
    return;
  }
  waiting.push(work);
  document.body.dataset.updatesHeld = String(waiting.length);
}

function press(): void {
  pressed = true;
  window.clearTimeout(limit);
  limit = window.setTimeout(release, LONGEST_HOLD_MS);
}

function release(): void {
  if (!pressed) return;
  pressed = false;
  window.clearTimeout(limit);
  // The click comes in the same task as the release: the waiting changes run in the next one.
  window.setTimeout(drawWaiting, 0);
}

function drawWaiting(): void {
  while (!pressed && waiting.length > 0) (waiting.shift() as () => void)();
  if (waiting.length === 0) delete document.body.dataset.updatesHeld;
}

// Space clicks a button (or ticks a box) when it is let go; Enter clicks at once and needs no hold.
const spaceClicks = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && target.matches('button, summary, [role="button"], input[type="checkbox"], input[type="radio"]');

export function holdChangesWhilePressed(): void {
  const options = { capture: true, passive: true };
  window.addEventListener("pointerdown", (event) => (event.isPrimary ? press() : undefined), options);
  window.addEventListener("pointerup", release, options);
  window.addEventListener("pointercancel", release, options);
  window.addEventListener("keydown", (event) => (event.key === " " && !event.repeat && spaceClicks(event.target) ? press() : undefined), options);
  window.addEventListener("keyup", (event) => (event.key === " " ? release() : undefined), options);
  window.addEventListener("blur", release);
}
