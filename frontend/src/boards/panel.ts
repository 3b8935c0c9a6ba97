// The format's capture boards: columns of cards, the form to add one (anonymously where the board allows),
// dot voting with the dots left, the moderator's tools on each card (text, up/down, another column, merge,
// tags, theme, owner and date, hide) as plain buttons and fields — no dragging —, the map's overlaps and
// gaps by theme, and the plan with who has signed and who has not. Card text only ever goes in as text.

import "./strings";
import "./state";
import { append, h, replaceChildren } from "../shared/dom";
import { dateTime } from "../shared/format";
import { language, t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import type { State } from "../shared/store";
import { badge, button, checkbox, field, once, panelHeading } from "../shared/ui";
import { boardsOf, columnCards, coverage, dotsLeft, isOpen, signing, type BoardInfo, type CardView } from "./state";

function textIn(text: Record<string, string> | null | undefined): string {
  if (!text) return "";
  return text[language()] || text.en || "";
}

/**
 * Whether this person's role allows a board right. Moderators hold every right; the snapshot's `you.rights`
 * (the format's role) says it for others; without it, a participant proposes and votes.
 */
function may(state: State, right: "propose_card" | "vote_cards" | "edit_cards"): boolean {
  if (state.you.role === "moderator") return true;
  const rights = (state.you as { rights?: string[] }).rights;
  return rights ? rights.includes(right) : right !== "edit_cards";
}

function tagLabel(tag: string): string {
  const key = `boards.tag.${tag}`;
  const label = t(key);
  return label === key ? tag.replace(/_/g, " ") : label;
}

/** What a person is typing in a card's tools survives the board being drawn again (an event arrives). */
const drafts = new Map<string, string>();
const openTools = new Set<string>();

function draftInput<T extends HTMLInputElement | HTMLTextAreaElement>(key: string, control: T, initial: string): T {
  control.value = drafts.get(key) ?? initial;
  control.setAttribute("data-focus-key", key);
  control.addEventListener("input", () => drafts.set(key, control.value));
  return control;
}

async function act(ctx: PanelContext, key: string, type: string, data: Record<string, unknown>, clear: string[] = []): Promise<void> {
  await once(key, async () => {
    const ack = await ctx.send(type, data);
    if (ack.ok) for (const k of clear) drafts.delete(k);
  });
}

function cardMeta(card: CardView, board: BoardInfo, state: State): HTMLElement {
  const mine = boardsOf(state).my_votes[card.id] ?? 0;
  return h(
    "p",
    { class: "meta" },
    card.author ? t("boards.card.by", { name: card.author.display_name }) : card.anonymous ? t("boards.card.anonymous") : null,
    card.organisation && board.kind === "map" ? ` · ${card.organisation}` : null,
    ...card.tags.map((tag) => badge(tagLabel(tag), `badge-tag tag-${tag}`)),
    card.theme ? badge(t("boards.card.theme", { theme: card.theme })) : null,
    card.owner ? badge(t("boards.card.owner", { owner: card.owner })) : null,
    card.due ? badge(t("boards.card.due", { due: card.due })) : null,
    board.voting ? badge(t("boards.card.votes", { count: card.votes }), "badge-votes") : null,
    board.voting && mine ? badge(t("boards.my_dots", { count: mine }), "badge-me") : null,
    card.hidden ? badge(t("boards.card.hidden"), "badge-away") : null,
  );
}

function voteButtons(ctx: PanelContext, state: State, board: BoardInfo, card: CardView): HTMLElement | null {
  if (!board.voting || card.hidden || !isOpen(state, board) || state.meeting.status === "ended" || !may(state, "vote_cards")) return null;
  const mine = boardsOf(state).my_votes[card.id] ?? 0;
  const left = dotsLeft(state, board);
  return h(
    "span",
    { class: "row-actions" },
    left > 0 && mine < board.voting.per_card
      ? button(t("boards.vote"), () => void act(ctx, `vote-${card.id}`, "board.card.vote", { card_id: card.id }), {
          class: "small",
          "data-focus-key": `vote-${card.id}`,
          "data-testid": "card-vote",
          "aria-label": `${t("boards.vote")}: ${card.text.slice(0, 60)}`,
        })
      : null,
    mine > 0
      ? button(t("boards.unvote"), () => void act(ctx, `unvote-${card.id}`, "board.card.unvote", { card_id: card.id }), {
          class: "small",
          "data-focus-key": `unvote-${card.id}`,
          "data-testid": "card-unvote",
          "aria-label": `${t("boards.unvote")}: ${card.text.slice(0, 60)}`,
        })
      : null,
  );
}

function select(label: string, key: string, options: [string, string][], testid: string): { wrap: HTMLElement; control: HTMLSelectElement } {
  const control = h("select", { "data-focus-key": key, "data-testid": testid }, ...options.map(([value, text]) => h("option", { value }, text)));
  return field(label, control);
}

/** The moderator's tools on one card: every change a button or a field, reachable by keyboard. */
function tools(ctx: PanelContext, state: State, board: BoardInfo, card: CardView, column: CardView[], index: number): HTMLElement {
  const id = card.id;
  const details = h("details", { class: "card-tools", "data-testid": "card-tools" }, h("summary", { "data-focus-key": `tools-${id}` }, t("boards.tools")));
  details.open = openTools.has(id);
  details.addEventListener("toggle", () => (details.open ? openTools.add(id) : openTools.delete(id)));
  if (!details.open) {
    // Drawn only when opened: a board of many cards stays light.
    details.addEventListener("toggle", () => {
      if (details.open) fill();
    }, { once: true });
    return details;
  }
  fill();
  return details;

  function fill(): void {
    const textKey = `text-${id}`;
    const text = field(t("boards.edit"), draftInput(textKey, h("textarea", { rows: 2, maxlength: 500, "data-testid": "card-edit-text" }), card.text));
    const save = button(t("boards.save"), () => {
      const value = text.control.value.trim();
      if (value) void act(ctx, `edit-${id}`, "board.card.edit", { card_id: id, text: value }, [textKey]);
    }, { class: "small", "data-focus-key": `save-${id}` });
    const moves = h(
      "div",
      { class: "row-actions" },
      index > 0 ? button(t("boards.up"), () => void act(ctx, `up-${id}`, "board.card.move", { card_id: id, column_id: card.column_id, position: index - 1 }), { class: "small", "data-focus-key": `up-${id}`, "data-testid": "card-up" }) : null,
      index < column.length - 1 ? button(t("boards.down"), () => void act(ctx, `down-${id}`, "board.card.move", { card_id: id, column_id: card.column_id, position: index + 1 }), { class: "small", "data-focus-key": `down-${id}`, "data-testid": "card-down" }) : null,
    );
    const others = board.columns.filter((c) => c.id !== card.column_id);
    const to = others.length ? select(t("boards.to_column"), `to-${id}`, others.map((c) => [c.id, textIn(c.name)]), "card-column") : null;
    const move = to
      ? button(t("boards.move"), () => void act(ctx, `move-${id}`, "board.card.move", { card_id: id, column_id: to.control.value, position: 10_000 }), { class: "small", "data-focus-key": `move-${id}`, "data-testid": "card-move" })
      : null;
    const targets = boardsOf(state).cards.filter((c) => c.board_id === board.id && c.id !== id && !c.hidden);
    const into = targets.length ? select(t("boards.merge_into"), `into-${id}`, targets.map((c) => [c.id, c.text.slice(0, 60)]), "card-merge-target") : null;
    const merge = into
      ? button(t("boards.merge"), () => void act(ctx, `merge-${id}`, "board.card.merge", { card_id: id, into_id: into.control.value }), { class: "small", "data-focus-key": `merge-${id}` })
      : null;
    const tags = board.tags.length
      ? h(
          "fieldset",
          { class: "card-tags" },
          h("legend", {}, t("boards.tags")),
          ...board.tags.map((tag) => {
            const box = checkbox(tagLabel(tag), { "data-focus-key": `tag-${id}-${tag}`, "data-testid": `card-tag-${tag}` });
            box.control.checked = card.tags.includes(tag);
            box.control.addEventListener("change", () => {
              const next = board.tags.filter((x) => (x === tag ? box.control.checked : card.tags.includes(x)));
              void act(ctx, `tag-${id}`, "board.card.tag", { card_id: id, tags: next });
            });
            return box.wrap;
          }),
        )
      : null;
    const themeKey = `theme-${id}`;
    const theme = board.themes ? field(t("boards.theme"), draftInput(themeKey, h("input", { type: "text", maxlength: 80, "data-testid": "card-theme" }), card.theme ?? "")) : null;
    const setTheme = theme
      ? button(t("boards.set_theme"), () => void act(ctx, `theme-${id}`, "board.card.theme", { card_id: id, theme: theme.control.value.trim() || null }, [themeKey]), { class: "small", "data-focus-key": `settheme-${id}`, "data-testid": "card-set-theme" })
      : null;
    const ownerKey = `owner-${id}`;
    const dueKey = `due-${id}`;
    const owner = board.owners ? field(t("boards.owner"), draftInput(ownerKey, h("input", { type: "text", maxlength: 120, "data-testid": "card-owner" }), card.owner ?? "")) : null;
    const due = board.owners ? field(t("boards.due"), draftInput(dueKey, h("input", { type: "date", "data-testid": "card-due" }), card.due ?? "")) : null;
    const assign =
      owner && due
        ? button(t("boards.assign"), () => void act(ctx, `assign-${id}`, "board.card.assign", { card_id: id, owner: owner.control.value.trim() || null, due: due.control.value || null }, [ownerKey, dueKey]), { class: "small", "data-focus-key": `assign-${id}`, "data-testid": "card-assign" })
        : null;
    const hide = card.hidden
      ? button(t("boards.unhide"), () => void act(ctx, `unhide-${id}`, "board.card.unhide", { card_id: id }), { class: "small", "data-focus-key": `unhide-${id}` })
      : button(t("boards.hide"), () => void act(ctx, `hide-${id}`, "board.card.hide", { card_id: id }), { class: "small danger", "data-focus-key": `hide-${id}`, "data-testid": "card-hide" });
    append(
      details,
      text.wrap,
      h("div", { class: "row-actions" }, save),
      moves,
      to ? h("div", { class: "tool-row" }, to.wrap, move) : null,
      into ? h("div", { class: "tool-row" }, into.wrap, merge) : null,
      tags ?? "",
      theme ? h("div", { class: "tool-row" }, theme.wrap, setTheme) : null,
      owner && due ? h("div", { class: "tool-row" }, owner.wrap, due.wrap, assign) : null,
      h("div", { class: "row-actions" }, hide),
    );
  }
}

function cardItem(ctx: PanelContext, state: State, board: BoardInfo, card: CardView, column: CardView[], index: number): HTMLElement {
  return h(
    "li",
    { class: `board-card${card.hidden ? " card-hidden" : ""}`, "data-card": card.id, "data-focus-item": card.id, "data-testid": "board-card" },
    h("p", { class: "card-text" }, card.text),
    cardMeta(card, board, state),
    voteButtons(ctx, state, board, card),
    may(state, "edit_cards") && (!card.hidden || ctx.role === "moderator") ? tools(ctx, state, board, card, column, index) : null,
  );
}

function columnsView(ctx: PanelContext, state: State, board: BoardInfo): HTMLElement {
  return h(
    "div",
    { class: "board-columns" },
    ...board.columns.map((column) => {
      const cards = columnCards(state, board.id, column.id);
      return h(
        "section",
        // A board's only column is the board itself: labelling it too would make two regions of one name
        // where the column is named as the board (Concerns: Concerns).
        { class: "board-column", "data-column": column.id, "aria-label": board.columns.length > 1 ? textIn(column.name) : null },
        h("h4", {}, textIn(column.name)),
        column.hint ? h("p", { class: "hint" }, textIn(column.hint)) : null,
        h("ol", { class: "board-cards" }, ...(cards.length ? cards.map((card, i) => cardItem(ctx, state, board, card, cards, i)) : [h("li", { class: "empty" }, t("boards.empty_column"))])),
      );
    }),
  );
}

function mapView(state: State, board: BoardInfo): HTMLElement {
  const rows = coverage(board, boardsOf(state).cards.filter((c) => c.board_id === board.id && !c.hidden));
  if (!rows.length) return h("p", { class: "empty" }, t("boards.map.empty"));
  return h(
    "div",
    { class: "table-scroll" },
    h(
      "table",
      { class: "board-map", "data-testid": "board-map" },
      h("caption", {}, t("boards.map.caption")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("boards.map.theme")), h("th", { scope: "col" }, t("boards.map.organisations")), h("th", { scope: "col" }, t("boards.map.coverage")))),
      h(
        "tbody",
        {},
        ...rows.map((row) =>
          h(
            "tr",
            { class: `coverage-${row.coverage}`, "data-coverage": row.coverage },
            h("th", { scope: "row" }, row.theme),
            h("td", {}, row.organisations.join(", ") || "—"),
            h("td", {}, badge(t(`boards.map.${row.coverage}`), `badge-${row.coverage}`)),
          ),
        ),
      ),
    ),
  );
}

function planView(ctx: PanelContext, state: State, board: BoardInfo): HTMLElement {
  const { signed, waiting } = signing(state, board.id);
  const me = state.you.participant_id;
  const mine = signed.some((s) => s.participant_id === me);
  const open = isOpen(state, board) && state.meeting.status !== "ended";
  const asked = ctx.role === "moderator" || waiting.some((p) => p.participant_id === me) || mine;
  return h(
    "div",
    { class: "plan-signing", "data-testid": "plan-signing" },
    h("h4", {}, t("boards.plan.signed")),
    signed.length
      ? h("ul", { "data-testid": "plan-signed" }, ...signed.map((s) => h("li", {}, s.display_name, " · ", h("time", { datetime: s.signed_at }, dateTime(s.signed_at)))))
      : h("p", { class: "empty" }, t("boards.plan.nobody")),
    h("h4", {}, t("boards.plan.waiting")),
    waiting.length ? h("ul", { "data-testid": "plan-waiting" }, ...waiting.map((p) => h("li", {}, p.display_name))) : h("p", { class: "meta" }, t("boards.plan.everyone")),
    mine ? h("p", { class: "answered" }, t("boards.plan.you_signed")) : null,
    open && asked
      ? mine
        ? button(t("boards.plan.unsign"), () => void act(ctx, `unsign-${board.id}`, "board.plan.unsign", { board_id: board.id }), { "data-focus-key": `unsign-${board.id}`, "data-testid": "plan-unsign" })
        : button(t("boards.plan.sign"), () => void act(ctx, `sign-${board.id}`, "board.plan.sign", { board_id: board.id }), { class: "primary", "data-focus-key": `sign-${board.id}`, "data-testid": "plan-sign" })
      : null,
  );
}

/** The add form of one board: built once, so that typing is never interrupted by events. */
function addForm(ctx: PanelContext, board: BoardInfo): HTMLFormElement {
  const text = field(t("boards.add.text"), h("textarea", { rows: 2, maxlength: 500, required: true, "data-testid": "card-text" }));
  const column =
    board.columns.length > 1
      ? field(t("boards.add.column"), h("select", { "data-testid": "card-column-new" }, ...board.columns.map((c) => h("option", { value: c.id }, textIn(c.name)))))
      : null;
  const anonymous = board.anonymous ? checkbox(t("boards.add.anonymous"), { "data-testid": "card-anonymous" }) : null;
  const form = h(
    "form",
    { class: "card-form", "data-testid": "card-form" },
    h("fieldset", {}, h("legend", {}, t("boards.add.legend")), column?.wrap ?? "", text.wrap, anonymous?.wrap ?? "", h("button", { type: "submit", class: "primary", "data-testid": "card-add" }, t("boards.add.submit"))),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = text.control.value.trim();
    if (!value) return;
    const hidden = anonymous?.control.checked ?? false;
    void once(`add-${board.id}`, async () => {
      const ack = await ctx.send("board.card.add", { board_id: board.id, column_id: column?.control.value ?? board.columns[0].id, text: value, anonymous: hidden });
      if (!ack.ok) return;
      text.control.value = "";
      if (hidden) showNotice(t("boards.add.anonymous_sent"), "info");
    });
  });
  return form;
}

interface Drawn {
  board: BoardInfo;
  status: HTMLElement;
  body: HTMLElement;
  form: HTMLFormElement;
  signature: string;
}

function signature(state: State, board: BoardInfo): string {
  const boards = boardsOf(state);
  const cards = boards.cards.filter((c) => c.board_id === board.id);
  const people = board.kind === "plan" ? state.meeting.participants : [];
  return JSON.stringify([cards, cards.map((c) => boards.my_votes[c.id] ?? 0), boards.sign_offs.filter((s) => s.board_id === board.id), isOpen(state, board), state.meeting.status, people, dotsLeft(state, board)]);
}

registerPanel({
  id: "boards",
  roles: ["participant", "moderator"],
  area: "main",
  order: 15,
  mount(section, ctx) {
    panelHeading(section, "boards.heading");
    const body = h("div", { class: "boards", "data-testid": "boards" });
    section.appendChild(body);
    let drawn: Drawn[] = [];
    let shape = "";

    function build(state: State): void {
      drawn = boardsOf(state).boards.map((board) => {
        const status = h("p", { class: "meta board-status" });
        const content = h("div", { class: "board-body" });
        const form = addForm(ctx, board);
        return { board, status, body: content, form, signature: "" };
      });
      replaceChildren(
        body,
        ...drawn.map((d) =>
          h(
            "section",
            { class: `board board-${d.board.kind}`, "data-board": d.board.id, "aria-label": textIn(d.board.name) },
            h("h3", {}, textIn(d.board.name)),
            d.board.private ? h("p", { class: "meta" }, t("boards.private")) : null,
            d.status,
            d.body,
            d.form,
          ),
        ),
      );
    }

    return {
      update(state, cause) {
        const boards = boardsOf(state).boards;
        section.hidden = boards.length === 0;
        const nextShape = JSON.stringify([boards, (state.you as { rights?: string[] }).rights ?? null]);
        if (nextShape !== shape) {
          shape = nextShape;
          build(state);
        }
        for (const d of drawn) {
          const sig = signature(state, d.board);
          if (sig === d.signature) continue;
          d.signature = sig;
          const open = isOpen(state, d.board);
          const ended = state.meeting.status === "ended";
          d.status.textContent = [open ? "" : t("boards.closed"), d.board.voting && open ? t("boards.dots_left", { count: dotsLeft(state, d.board) }) : ""].filter(Boolean).join(" ");
          d.status.hidden = !d.status.textContent;
          d.form.hidden = ended || (!open && !may(state, "edit_cards")) || !(may(state, "propose_card") || may(state, "edit_cards"));
          replaceChildren(
            d.body,
            columnsView(ctx, state, d.board),
            d.board.kind === "map" ? mapView(state, d.board) : null,
            d.board.kind === "plan" ? planView(ctx, state, d.board) : null,
          );
        }
        if (cause.kind !== "event") return;
        const event = cause.event;
        if (event.type === "board.card_added" && event.data.card.author?.participant_id !== state.you.participant_id) {
          ctx.announce(t("boards.announce.added", { text: event.data.card.text.slice(0, 80) }));
        }
        if (event.type === "board.plan_signed" && ctx.role === "moderator") ctx.announce(t("boards.announce.signed", { name: event.data.sign_off.display_name }));
      },
    };
  },
});
