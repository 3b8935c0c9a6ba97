// The running breakout or thinking break, on every page: one countdown to the server's deadline,
// the person's room and its chat; for moderators every room, a message to all rooms, extend and end.

import "./strings";
import { h, keepingFocus, KeptRows, patchChildren, replaceChildren, setText } from "../shared/dom";
import { duration } from "../shared/format";
import { t } from "../shared/i18n";
import { registerPanel, type PanelContext } from "../shared/panels";
import { showNotice } from "../shared/page";
import { messageBody, messageMeta, promoteControl, promotedMessages, KINDS } from "../participant/chat";
import type { State } from "../shared/store";
import type { ChatMessage } from "../shared/types";
import { button, field, once } from "../shared/ui";
import { breakoutOf, remainingMs, type Breakout } from "./state";

function chatList(ctx: PanelContext, state: State, messages: ChatMessage[]): HTMLElement {
  if (!messages.length) return h("ol", { class: "chat", "data-testid": "room-chat" }, h("li", { class: "empty" }, t("breakout.room_chat_empty")));
  const promoted = promotedMessages(state);
  return h(
    "ol",
    { class: "chat", "data-testid": "room-chat" },
    ...messages.map((m) =>
      h(
        "li",
        { class: `chat-message kind-${m.kind}` },
        messageMeta(m),
        messageBody(m),
        promoteControl(ctx, m, promoted),
      ),
    ),
  );
}

registerPanel({
  id: "breakout",
  roles: ["participant", "moderator"],
  area: "top",
  order: 4,
  place: { moderator: { area: "live2", order: 2 } },
  mount(section, ctx) {
    const heading = h("h2", { id: "breakout-heading", tabindex: "-1" });
    section.setAttribute("aria-labelledby", "breakout-heading");
    const timer = h("span", { class: "floor-timer", role: "timer", "aria-live": "off", "data-testid": "breakout-countdown" });
    const countdown = h("p", { class: "countdown" }, h("span", { class: "visually-hidden" }, t("breakout.timer_label"), " "), timer, " ", t("breakout.left"));
    const body = h("div", { class: "breakout-body" });
    const returned = h("p", { class: "breakout-returned", "data-testid": "breakout-returned", role: "status", hidden: true }, t("breakout.returned"));
    section.append(heading, countdown, body, returned);
    let current: Breakout | null = null;
    let lookInto: string | null = null;
    // Who is in which room: filled only while the moderator has it open, and then kept from one render to the
    // next. Rebuilt on every event, a breakout of a thousand people in fifty rooms cost the console half a second
    // per event (a thousand pickers of fifty-one rooms each) and closed a picker the moderator had open; kept but
    // closed, its 54,000 elements alone still cost a third of a second per event.
    const roomsSummary = h("summary", { "data-testid": "breakout-rooms" });
    const roomsBody = h("div", { class: "assignments" });
    // In a breakout of hundreds, the moderator looks for one person to move: a name narrows the lists to who
    // matches (and the page then draws only their pickers).
    const find = field(t("breakout.find"), h("input", { type: "search", maxlength: 100, autocomplete: "off", "data-testid": "breakout-find" }));
    const found = h("p", { class: "meta", role: "status", "data-testid": "breakout-found" });
    find.control.addEventListener("input", () => render(ctx.state()));
    const roomsDetails = h("details", {}, roomsSummary, h("div", { class: "row" }, find.wrap), found, roomsBody);
    roomsDetails.addEventListener("toggle", () => render(ctx.state()));
    const movers = new KeptRows();
    const warning = h("p", { class: "breakout-warning", role: "alert", "data-testid": "breakout-warning" }, t("breakout.warning"));
    const groups = new Map<string, { el: HTMLElement; heading: HTMLElement; list: HTMLElement }>();

    function tick(): void {
      const state = ctx.state();
      if (!current) return;
      setText(timer, duration(Math.max(0, remainingMs(state, current)) + 999));
    }
    window.setInterval(tick, 250);

    // A room's chat, kept per room from one render to the next: what is typed in its form stays, and no form
    // control is added to the page per event (each one added makes Chromium's autofill read every control of the
    // page again: in a breakout of a thousand with the assignments open, 115 ms of every event).
    const roomChats = new Map<string, { el: HTMLElement; heading: HTMLElement; lines: HTMLElement }>();

    function roomChat(state: State, b: Breakout, roomId: string): HTMLElement {
      let kept = roomChats.get(roomId);
      if (!kept) {
        const heading = h("h3");
        const lines = h("div");
        kept = { el: h("div", { class: "room-chat" }, heading, lines, roomChatForm(roomId)), heading, lines };
        roomChats.set(roomId, kept);
      }
      const room = b.rooms.find((r) => r.id === roomId);
      setText(kept.heading, t("breakout.room_chat", { room: room?.name ?? "" }));
      replaceChildren(kept.lines, chatList(ctx, state, b.chats[roomId]?.messages ?? []));
      return kept.el;
    }

    function roomChatForm(roomId: string): HTMLFormElement {
      const text = field(t("breakout.chat_text"), h("textarea", { rows: 2, maxlength: 2000, "data-testid": "room-chat-text", "data-focus-key": "room-chat-text" }));
      const kind = field(
        t("chat.kind"),
        h("select", { "data-testid": "room-chat-kind", "data-focus-key": "room-chat-kind" }, ...KINDS.map((k) => h("option", { value: k }, t(`chat.kind.${k}`)))),
      );
      const url = field(t("chat.url"), h("input", { type: "url", inputmode: "url", maxlength: 2000, placeholder: "https://", "data-testid": "room-chat-url", "data-focus-key": "room-chat-url" }));
      const title = field(t("chat.title"), h("input", { type: "text", maxlength: 200, "data-testid": "room-chat-title", "data-focus-key": "room-chat-title" }));
      const resourceFields = h("div", { class: "resource-fields", hidden: true }, url.wrap, title.wrap);
      kind.control.addEventListener("change", () => {
        resourceFields.hidden = kind.control.value !== "resource";
      });
      const form = h(
        "form",
        { class: "chat-form" },
        text.wrap,
        h("div", { class: "row" }, kind.wrap),
        resourceFields,
        h("button", { type: "submit", class: "primary", "data-testid": "room-chat-send" }, t("breakout.chat_send")),
      );
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const value = text.control.value.trim();
        if (!value) return;
        const data: Record<string, unknown> = { text: value, room: roomId, kind: kind.control.value };
        if (kind.control.value === "resource") {
          data.url = url.control.value.trim();
          data.title = title.control.value.trim() || undefined;
          if (!/^https?:\/\//i.test(String(data.url))) {
            showNotice(t("chat.url_invalid"));
            url.control.focus();
            return;
          }
        }
        text.control.value = url.control.value = title.control.value = "";
        kind.control.value = "message";
        resourceFields.hidden = true;
        void ctx.send("chat.send", data);
      });
      return form;
    }

    /** A moderator moves someone to another room or back to the main room. */
    function mover(b: Breakout, person: { participant_id: string; display_name: string }, roomId: string | null): HTMLElement {
      const select = h(
        "select",
        { "aria-label": t("breakout.move", { name: person.display_name }), "data-focus-key": `move-${person.participant_id}`, "data-move": person.participant_id },
        h("option", { value: "" }, t("breakout.main_room")),
        ...b.rooms.map((r) => h("option", { value: r.id }, r.name)),
      );
      select.value = roomId ?? "";
      select.addEventListener("change", () => {
        void ctx.send("breakout.assign", { participant_id: person.participant_id, room_id: select.value || null });
      });
      return h("li", { "data-focus-item": person.participant_id }, h("span", { class: "name" }, person.display_name), select);
    }

    function assignments(state: State, b: Breakout): HTMLElement {
      setText(roomsSummary, b.rooms.map((r) => `${r.name} (${r.members.length})`).join(" · "));
      if (!roomsDetails.open) {
        patchChildren(roomsBody, []);
        movers.sweep();
        groups.clear();
        return roomsDetails;
      }
      const placed = new Set(b.rooms.flatMap((r) => r.members.map((m) => m.participant_id)));
      const wanted = find.control.value.trim().toLocaleLowerCase();
      const matches = (person: { display_name: string }): boolean => !wanted || person.display_name.toLocaleLowerCase().includes(wanted);
      const unplaced = state.meeting.participants.filter((p) => p.role === "participant" && !placed.has(p.participant_id) && matches(p));
      // A person's row shows their name, their room and every room to move to.
      const rooms = JSON.stringify(b.rooms.map((r) => [r.id, r.name]));
      const moverOf = (person: { participant_id: string; display_name: string }, roomId: string | null): HTMLElement =>
        movers.row(person.participant_id, JSON.stringify([person.display_name, roomId]) + rooms, () => mover(b, person, roomId));
      const listed = b.rooms.map((r) => ({ room: r, members: r.members.filter(matches) })).filter((x) => !wanted || x.members.length);
      const shown = listed.map(({ room, members }) => group(room.id, room.name, members.map((m) => moverOf(m, room.id))));
      if (unplaced.length) shown.push(group("", t("breakout.main_room"), unplaced.map((p) => moverOf(p, null))));
      const count = unplaced.length + listed.reduce((n, x) => n + x.members.length, 0);
      setText(found, wanted ? t(count ? "breakout.found" : "breakout.found_none", { count: String(count) }) : "");
      movers.sweep();
      const groupIds = new Set([...listed.map((x) => x.room.id), ...(unplaced.length ? [""] : [])]);
      for (const id of [...groups.keys()]) if (!groupIds.has(id)) groups.delete(id);
      patchChildren(roomsBody, shown);
      return roomsDetails;
    }

    /** A room's part of the assignments (the main room's has the id ""). */
    function group(id: string, name: string, rows: HTMLElement[]): HTMLElement {
      let kept = groups.get(id);
      if (!kept) {
        const heading = h("h3");
        const list = h("ul", { class: "people" });
        kept = { el: h("div", id ? { "data-room": id } : {}, heading, list), heading, list };
        groups.set(id, kept);
      }
      setText(kept.heading, name);
      patchChildren(kept.list, rows);
      return kept.el;
    }

    // The moderator's controls, made once: the buttons keep their place and the fields what is typed in them.
    const lookIntoField = field(t("breakout.look_into"), h("select", { "data-testid": "breakout-look-into", "data-focus-key": "look-into" }));
    let lookIntoRooms = "";
    lookIntoField.control.addEventListener("change", () => {
      lookInto = lookIntoField.control.value;
      render(ctx.state());
    });
    const broadcastText = field(t("breakout.broadcast"), h("input", { type: "text", maxlength: 1000, "data-testid": "breakout-broadcast-text" }));
    const broadcastForm = h("form", { class: "row" }, broadcastText.wrap, h("button", { type: "submit", "data-testid": "breakout-broadcast-send" }, t("breakout.broadcast_send")));
    broadcastForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = broadcastText.control.value.trim();
      if (!value) return;
      broadcastText.control.value = "";
      void ctx.send("breakout.broadcast", { text: value });
    });
    const actions = h(
      "div",
      { class: "actions" },
      button(t("breakout.extend", { minutes: 1 }), () => void once(`extend1-${breakoutOf(ctx.state())?.deadline}`, () => ctx.send("breakout.extend", { seconds: 60 })), { "data-testid": "breakout-extend", "data-focus-key": "extend1" }),
      button(t("breakout.extend", { minutes: 5 }), () => void once(`extend5-${breakoutOf(ctx.state())?.deadline}`, () => ctx.send("breakout.extend", { seconds: 300 })), { "data-focus-key": "extend5" }),
      button(
        t("breakout.end"),
        () => {
          if (window.confirm(t("breakout.end_confirm"))) void once("end-breakout", () => ctx.send("breakout.end"));
        },
        { class: "danger", "data-testid": "breakout-end", "data-focus-key": "end-breakout" },
      ),
    );

    function moderatorView(state: State, b: Breakout): HTMLElement[] {
      if (b.kind !== "rooms") return [actions];
      if (!lookInto || !b.rooms.some((r) => r.id === lookInto)) lookInto = b.rooms[0]?.id ?? null;
      const rooms = JSON.stringify(b.rooms.map((r) => [r.id, r.name]));
      if (rooms !== lookIntoRooms) {
        lookIntoRooms = rooms;
        replaceChildren(lookIntoField.control, ...b.rooms.map((r) => h("option", { value: r.id }, r.name)));
      }
      if (lookInto && lookIntoField.control.value !== lookInto) lookIntoField.control.value = lookInto;
      return [actions, assignments(state, b), lookIntoField.wrap, ...(lookInto ? [roomChat(state, b, lookInto)] : []), broadcastForm];
    }

    function participantView(state: State, b: Breakout): HTMLElement[] {
      if (b.kind !== "rooms") return [];
      const parts: HTMLElement[] = [];
      const mine = b.rooms.find((r) => r.id === b.my_room_id);
      if (mine) {
        const others = mine.members.filter((m) => m.participant_id !== state.you.participant_id).map((m) => m.display_name);
        parts.push(h("p", { class: "breakout-room", "data-testid": "breakout-my-room" }, t("breakout.your_room", { room: mine.name })));
        if (others.length) parts.push(h("p", { class: "meta" }, t("breakout.members", { names: others.join(", ") })));
      } else {
        parts.push(h("p", { "data-testid": "breakout-my-room" }, t("breakout.no_room")));
      }
      if (b.assignment === "choose") {
        parts.push(
          h(
            "div",
            { class: "actions" },
            ...b.rooms
              .filter((r) => r.id !== b.my_room_id)
              .map((r) => button(t("breakout.choose", { room: r.name }), () => void once(`choose-${r.id}`, () => ctx.send("breakout.choose", { room_id: r.id })), { "data-focus-key": `choose-${r.id}` })),
          ),
        );
      }
      if (mine) parts.push(roomChat(state, b, mine.id));
      return parts;
    }

    function render(state: State): void {
      const b = breakoutOf(state);
      current = b;
      section.hidden = !b && returned.hidden;
      countdown.hidden = !b;
      if (!b) {
        setText(heading, t("breakout.heading.thinking"));
        patchChildren(body, []);
        movers.sweep();
        groups.clear();
        roomChats.clear();
        lookIntoRooms = "";
        return;
      }
      returned.hidden = true;
      setText(heading, t(`breakout.heading.${b.kind}`));
      section.classList.toggle("breakout-warned", b.warned);
      const broadcasts = (b.broadcasts ?? []).map((m) => h("p", { class: "current-text", "data-testid": "breakout-broadcast" }, t("breakout.broadcast_from", { name: m.author.display_name }), " ", m.text));
      // Patched, not replaced: the rooms' assignments stay in place (see `assignments`), and so does the warning,
      // which a screen reader would otherwise announce again with every event. The focus is looked for in the
      // whole body: a person moved to another room has their picker in that room's list.
      keepingFocus(body, () =>
        patchChildren(body, [
          ...(b.prompt ? [h("p", { class: "current-text", "data-testid": "breakout-prompt" }, b.prompt)] : []),
          ...(b.warned ? [warning] : []),
          ...broadcasts,
          ...(ctx.role === "moderator" ? moderatorView(state, b) : participantView(state, b)),
        ]),
      );
      tick();
    }

    return {
      update(state, cause) {
        if (cause.kind === "event") {
          const { type } = cause.event;
          if (type === "breakout.started") {
            ctx.announce(t(breakoutOf(state)?.kind === "thinking" ? "breakout.started_thinking" : "breakout.started_rooms"), "assertive");
          } else if (type === "breakout.warned") {
            ctx.announce(t("breakout.warning"), "assertive");
          } else if (type === "breakout.ended") {
            returned.hidden = false;
            ctx.announce(t("breakout.returned"), "assertive");
          }
        }
        render(state);
      },
    };
  },
});
