// The moderator's form to start breakout rooms or a thinking break.

import "./strings";
import "../console/strings";
import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { field, once, panelHeading } from "../shared/ui";
import { breakoutOf } from "./state";

registerPanel({
  id: "breakout-controls",
  roles: ["moderator"],
  area: "main",
  order: 40,
  mount(section, ctx) {
    panelHeading(section, "breakout.controls");
    const body = h("div");
    section.appendChild(body);
    const kind = field(
      t("breakout.kind"),
      h("select", { "data-testid": "breakout-kind" }, h("option", { value: "rooms" }, t("breakout.kind.rooms")), h("option", { value: "thinking" }, t("breakout.kind.thinking"))),
    );
    const minutes = field(t("breakout.minutes"), h("input", { type: "number", min: 0, max: 180, value: 2, inputmode: "numeric", "data-testid": "breakout-minutes" }));
    const seconds = field(t("breakout.seconds"), h("input", { type: "number", min: 0, max: 59, value: 0, inputmode: "numeric", "data-testid": "breakout-seconds" }));
    const count = field(t("breakout.count"), h("input", { type: "number", min: 1, max: 50, value: 2, inputmode: "numeric", "data-testid": "breakout-count" }));
    const assignment = field(
      t("breakout.assignment"),
      h(
        "select",
        { "data-testid": "breakout-assignment" },
        h("option", { value: "random" }, t("breakout.assignment.random")),
        h("option", { value: "choose" }, t("breakout.assignment.choose")),
        h("option", { value: "manual" }, t("breakout.assignment.manual")),
      ),
    );
    // Room names (optional): one field per room; an empty one gets the server's "Room n" in the meeting's language.
    const names = h("fieldset", { class: "room-names", "data-testid": "breakout-room-names" });
    const typedNames: string[] = [];
    const roomLabel = (r: number): string => typedNames[r]?.trim() || t("breakout.room_n", { n: r + 1 });
    function renderNames(): void {
      const rooms = Math.max(1, Math.min(50, Number(count.control.value || 1)));
      replaceChildren(
        names,
        h("legend", {}, t("breakout.room_names")),
        ...Array.from({ length: rooms }, (_, r) => {
          const name = field(t("breakout.room_name", { n: r + 1 }), h("input", { type: "text", maxlength: 80, value: typedNames[r] ?? "", "data-testid": `breakout-room-name-${r + 1}` }));
          name.control.addEventListener("input", () => {
            typedNames[r] = name.control.value;
          });
          name.control.addEventListener("change", () => {
            if (!byHand.hidden) renderByHand();
          });
          return name.wrap;
        }),
      );
    }
    // By hand: a room for each participant (or the main room), chosen before the start.
    const byHand = h("fieldset", { class: "by-hand", hidden: true, "data-testid": "breakout-by-hand" });
    const picks = new Map<string, string>();
    function renderByHand(): void {
      const rooms = Math.max(1, Math.min(50, Number(count.control.value || 1)));
      const people = ctx.state().meeting.participants.filter((p) => p.role === "participant");
      replaceChildren(
        byHand,
        h("legend", {}, t("breakout.assignment.manual")),
        ...people.map((p, i) => {
          const pick = field(
            p.display_name,
            h(
              "select",
              { "data-person": p.participant_id },
              h("option", { value: "" }, t("breakout.main_room")),
              ...Array.from({ length: rooms }, (_, r) => h("option", { value: String(r) }, roomLabel(r))),
            ),
          );
          const chosen = picks.get(p.participant_id) ?? String(i % rooms);
          pick.control.value = Number(chosen) < rooms ? chosen : "";
          picks.set(p.participant_id, pick.control.value);
          pick.control.addEventListener("change", () => picks.set(p.participant_id, pick.control.value));
          return pick.wrap;
        }),
      );
    }
    assignment.control.addEventListener("change", () => {
      byHand.hidden = assignment.control.value !== "manual";
      if (!byHand.hidden) renderByHand();
    });
    // On every keystroke, not on "change": a change fires when focus leaves, and the form would
    // shrink or grow under the pointer that is just pressing "Start".
    count.control.addEventListener("input", () => {
      renderNames();
      if (!byHand.hidden) renderByHand();
    });
    renderNames();
    const prompt = field(t("breakout.prompt"), h("input", { type: "text", maxlength: 500, "data-testid": "breakout-prompt-input" }), t("breakout.prompt_hint"));
    const roomFields = h("div", { class: "row" }, count.wrap, assignment.wrap);
    const form = h(
      "form",
      { class: "breakout-form" },
      kind.wrap,
      h("div", { class: "row" }, minutes.wrap, seconds.wrap),
      roomFields,
      names,
      byHand,
      prompt.wrap,
      h("button", { type: "submit", class: "primary", "data-testid": "breakout-start" }, t("breakout.start")),
    );
    kind.control.addEventListener("change", () => {
      roomFields.hidden = names.hidden = kind.control.value !== "rooms";
      byHand.hidden = roomFields.hidden || assignment.control.value !== "manual";
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const duration = Number(minutes.control.value || 0) * 60 + Number(seconds.control.value || 0);
      const data: Record<string, unknown> = { kind: kind.control.value, duration_s: Math.round(duration) };
      if (prompt.control.value.trim()) data.prompt = prompt.control.value.trim();
      if (kind.control.value === "rooms") {
        data.count = Number(count.control.value || 0);
        data.assignment = assignment.control.value;
        const rooms: { name?: string; participant_ids: string[] }[] = Array.from({ length: Number(data.count) || 1 }, (_, r) => {
          const name = typedNames[r]?.trim();
          return name ? { name, participant_ids: [] } : { participant_ids: [] };
        });
        if (assignment.control.value === "manual") {
          for (const [person, room] of picks) if (room !== "" && rooms[Number(room)]) rooms[Number(room)].participant_ids.push(person);
          data.rooms = rooms;
        } else if (rooms.some((r) => r.name)) {
          data.rooms = rooms;
        }
      }
      void once("breakout-start", () => ctx.send("breakout.start", data));
    });
    return {
      update(state) {
        const running = breakoutOf(state) !== null;
        const live = state.meeting.status === "live";
        if (running) replaceChildren(body, h("p", { class: "meta" }, t("breakout.running")));
        else if (!live) replaceChildren(body, h("p", { class: "empty" }, t("breakout.not_live")));
        else if (!body.contains(form)) replaceChildren(body, form);
        // People may join while the moderator prepares the rooms.
        if (!running && live && !byHand.hidden && byHand.querySelectorAll("select").length !== state.meeting.participants.filter((p) => p.role === "participant").length) renderByHand();
      },
    };
  },
});
