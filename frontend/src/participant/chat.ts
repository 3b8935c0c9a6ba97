// The chat with its kinds; a resource shows as a link with its title. Moderators may hide a message
// and move a chat question into the question queue.

import "../console/strings";
import { apiFetch } from "../shared/api";
import { h, KeptRows, patchChildren, replaceChildren, safeUrl } from "../shared/dom";
import { errorText } from "../shared/errors";
import { clockTime } from "../shared/format";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import { short } from "../shared/text";
import type { ChatKind, ChatMessage } from "../shared/types";
import type { State } from "../shared/store";
import { badge, button, field, once, panelHeading } from "../shared/ui";
import { can } from "../roles/state";

/** The chat messages already promoted into the question queue (a question names its source message). */
export function promotedMessages(state: State): Set<string> {
  return new Set(state.meeting.questions.map((q) => (q as { promoted_from?: string | null }).promoted_from).filter((id): id is string => !!id));
}

/** For moderators: a chat question goes into the question queue with one click; afterwards a badge says so. */
export function promoteControl(ctx: PanelContext, m: ChatMessage, promoted: Set<string>): HTMLElement | null {
  if (ctx.role !== "moderator" || m.kind !== "question") return null;
  if (promoted.has(m.id)) return badge(t("chat.promoted"), "badge-current");
  return button(t("chat.promote"), () => void once(`promote-${m.id}`, () => ctx.send("question.promote", { message_id: m.id })), {
    class: "link-button promote",
    "data-testid": "promote-question",
    "data-focus-key": `promote-${m.id}`,
    "aria-label": t("chat.promote_label", { name: m.author.display_name, text: short(m.text, 60) }),
  });
}

export const KINDS: ChatKind[] = ["message", "reflection", "question", "resource"];
// How many lines a person reading along sees at most, and how many more each "Earlier messages" shows.
const SHOWN_AT_MOST = 200;
const EARLIER_PAGE = 50;

/** Who wrote a line, its kind unless a plain message, and when. */
export function messageMeta(m: ChatMessage): HTMLElement {
  return h(
    "p",
    { class: "meta" },
    h("span", { class: "name" }, m.author.display_name),
    m.kind !== "message" ? badge(t(`chat.kind.${m.kind}`), `badge-${m.kind}`) : null,
    h("time", { datetime: m.created_at }, clockTime(m.created_at)),
  );
}

export function messageBody(m: ChatMessage): HTMLElement {
  if (m.kind === "resource" && m.url && safeUrl(m.url)) {
    return h(
      "p",
      { class: "text" },
      h("a", { href: m.url, target: "_blank", rel: "noopener noreferrer nofollow", "data-testid": "resource-link" }, m.title || m.url),
      m.text && m.text !== m.title ? h("span", { class: "resource-note" }, " — ", m.text) : null,
    );
  }
  return h("p", { class: "text" }, m.text);
}

registerPanel({
  id: "chat",
  roles: ["participant", "moderator"],
  area: "side",
  order: 10,
  mount(section, ctx) {
    panelHeading(section, "chat.heading");
    const older = h("button", { type: "button", class: "link-button", "data-testid": "chat-older" }, t("chat.older"));
    const log = h("ol", { class: "chat", "data-testid": "chat", tabindex: "0", "aria-label": t("chat.log") });
    const kind = field(
      t("chat.kind"),
      h("select", { "data-testid": "chat-kind" }, ...KINDS.map((k) => h("option", { value: k }, t(`chat.kind.${k}`)))),
    );
    const text = field(t("chat.text"), h("textarea", { rows: 2, maxlength: 2000, "data-testid": "chat-text" }));
    const url = field(t("chat.url"), h("input", { type: "url", inputmode: "url", maxlength: 2000, placeholder: "https://", "data-testid": "chat-url" }));
    const title = field(t("chat.title"), h("input", { type: "text", maxlength: 200, "data-testid": "chat-title" }));
    const resourceFields = h("div", { class: "resource-fields", hidden: true }, url.wrap, title.wrap);
    const send = h("button", { type: "submit", class: "primary", "data-testid": "chat-send" }, t("chat.send"));
    const form = h("form", { class: "chat-form" }, text.wrap, h("div", { class: "row" }, kind.wrap), resourceFields, send);
    section.append(older, log, form);

    kind.control.addEventListener("change", () => {
      resourceFields.hidden = kind.control.value !== "resource";
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = text.control.value.trim();
      if (!value) {
        text.control.focus();
        return;
      }
      const data: Record<string, unknown> = { text: value, kind: kind.control.value };
      if (kind.control.value === "resource") {
        data.url = url.control.value.trim();
        data.title = title.control.value.trim() || undefined;
        if (!safeUrl(String(data.url)) || !/^https?:\/\//i.test(String(data.url))) {
          showNotice(t("chat.url_invalid"));
          url.control.focus();
          return;
        }
      }
      // The form empties at once, so the next message can be typed while this one travels;
      // a refused message comes back into the form unless something new was typed meanwhile.
      const sent = { text: text.control.value, kind: kind.control.value, url: url.control.value, title: title.control.value };
      text.control.value = url.control.value = title.control.value = "";
      kind.control.value = "message";
      resourceFields.hidden = true;
      void ctx.send("chat.send", data).then((ack) => {
        if (ack.ok || text.control.value || url.control.value) return;
        text.control.value = sent.text;
        kind.control.value = sent.kind;
        url.control.value = sent.url;
        title.control.value = sent.title;
        resourceFields.hidden = sent.kind !== "resource";
      });
    });
    older.addEventListener("click", () =>
      void once("older", async () => {
        const s = ctx.state();
        const shown = firstShown(s.meeting.chat.messages);
        if (shown > 0) {
          // Lines this page already holds come back at once; only beyond them does it ask the server.
          firstShownId = s.meeting.chat.messages[Math.max(0, shown - EARLIER_PAGE)].id;
          render(s.meeting.chat.messages, s.meeting.chat.has_more, "earlier");
          return;
        }
        const first = s.meeting.chat.messages[0];
        const before = first?.seq;
        const query = new URLSearchParams({ limit: String(EARLIER_PAGE) });
        if (before !== undefined) query.set("before", String(before));
        try {
          const page = await apiFetch<{ messages: ChatMessage[]; has_more: boolean }>(`/api/v1/meetings/${encodeURIComponent(s.meeting.id)}/chat?${query}`, { token: ctx.token });
          const known = new Set(s.meeting.chat.messages.map((m) => m.id));
          s.meeting.chat.messages.unshift(...page.messages.filter((m) => !known.has(m.id)));
          s.meeting.chat.has_more = page.has_more;
          firstShownId = s.meeting.chat.messages[0]?.id ?? null;
          render(s.meeting.chat.messages, s.meeting.chat.has_more, "earlier");
        } catch (error) {
          showNotice(errorText(error as { code: string; message: string }));
        }
      }),
    );

    // Each message's row, kept: a long meeting's chat holds thousands of lines, and rebuilding them all on every
    // event made each event cost more than the one before.
    const rows = new KeptRows();
    // The first line shown (null: the first one held). A person reading along at the bottom sees the last
    // SHOWN_AT_MOST lines; "Earlier messages" shows more. Every line in the page costs a little on every event, and
    // a long meeting's chat grows without end: at 2,000 lines the console spent 78 ms of every event on it.
    let firstShownId: string | null = null;
    let firstShownAt = 0;

    function firstShown(messages: ChatMessage[]): number {
      const at = firstShownId === null ? 0 : messages.findIndex((m) => m.id === firstShownId);
      // The first line shown was hidden by a moderator: show from where it was.
      return at < 0 ? Math.min(firstShownAt, messages.length) : at;
    }

    function messageRow(m: ChatMessage, promoted: Set<string>): HTMLElement {
      return h(
        "li",
        { class: `chat-message kind-${m.kind}`, "data-message": m.id },
        messageMeta(m),
        messageBody(m),
        promoteControl(ctx, m, promoted),
        ctx.role === "moderator"
          ? h(
              "button",
              {
                type: "button",
                class: "link-button hide-message",
                "data-focus-key": `hide-${m.id}`,
                "aria-label": t("chat.hide_label", { name: m.author.display_name, text: short(m.text, 40) }),
                onclick: () => void once(`hide-${m.id}`, () => ctx.send("chat.hide", { message_id: m.id })),
              },
              t("chat.hide"),
            )
          : null,
      );
    }

    /** `earlier`: the person asked for earlier lines, which are then scrolled into view. */
    function render(messages: ChatMessage[], hasMore: boolean, why: "snapshot" | "event" | "earlier"): void {
      const promoted = promotedMessages(ctx.state());
      const stick = why === "snapshot" || (why === "event" && log.scrollHeight - log.scrollTop - log.clientHeight < 40);
      let from = firstShown(messages);
      // Lines drop off the top only while the person reads at the bottom: never under someone reading back.
      if (stick && messages.length - from > SHOWN_AT_MOST) from = messages.length - SHOWN_AT_MOST;
      firstShownId = messages[from]?.id ?? null;
      firstShownAt = from;
      older.hidden = !(hasMore || from > 0);
      if (!messages.length) {
        replaceChildren(log, h("li", { class: "empty" }, t("chat.empty")));
      } else {
        // A message shows the same from one event to the next, unless a moderator put its question in the queue.
        patchChildren(log, messages.slice(from).map((m) => rows.row(m.id, String(promoted.has(m.id)), () => messageRow(m, promoted))));
      }
      rows.sweep();
      if (stick) log.scrollTop = log.scrollHeight;
      if (why === "earlier") log.scrollTop = 0;
    }

    return {
      update(state, cause) {
        render(state.meeting.chat.messages, state.meeting.chat.has_more, cause.kind);
        form.hidden = state.meeting.status === "ended" || !can(state, "chat");
        // Resources and reflections are the professionals' kinds of line: the simple view sends plain messages.
        kind.wrap.hidden = state.you.view === "simple";
        if (cause.kind === "event" && cause.event.type === "chat.sent") {
          const m = (cause.event.data as { message: ChatMessage }).message;
          if (m.author.participant_id !== state.you.participant_id && m.room_id === null) {
            ctx.announce(t("chat.announce", { name: m.author.display_name, text: short(m.text, 140) }));
          }
        }
      },
    };
  },
});
