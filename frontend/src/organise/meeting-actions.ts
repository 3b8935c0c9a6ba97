// What the desk does with one meeting: open its console under the organiser's own name (a fresh link), copy the
// invite link, make a new moderator link after a confirmation (the old one stops working at once), add
// co-moderators, duplicate it, and read its record. Text from the server only ever becomes textContent.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { coModeratorForm } from "../shared/co-moderators";
import { copyField } from "../shared/copy";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { once } from "../shared/ui";
import type { DeskMeeting } from "./desk";
import { organiserKey } from "./key";

interface ConsoleLink {
  participant_id: string;
  token: string;
  links: { console: string };
}

interface Created {
  id: string;
  title: string;
}

const path = (meeting: DeskMeeting, rest: string): string => `/api/v1/meetings/${encodeURIComponent(meeting.id)}/${rest}`;

export function meetingActions(meeting: DeskMeeting, headingId: string, hooks: { duplicated: () => void }): HTMLElement {
  const extra = h("div", { class: "desk-extra", "data-testid": "desk-extra" });
  const fail = (error: unknown): void => showNotice(errorText(error as ApiError));
  const action = (name: string, label: string, run: () => Promise<void> | void): HTMLButtonElement =>
    h("button", {
      type: "button",
      "data-testid": `desk-${name}`,
      "data-focus-key": `${meeting.id}-${name}`,
      "aria-describedby": headingId,
      onclick: () => void once(`${meeting.id}-${name}`, async () => {
        try {
          await run();
        } catch (error) {
          fail(error);
        }
      }),
    }, label);

  const close = (back: HTMLElement): HTMLButtonElement =>
    h("button", { type: "button", class: "link-button", "data-testid": "desk-close", onclick: () => { replaceChildren(extra); back.focus(); } }, t("desk.close"));

  const openConsole = action("open-console", t("desk.open_console"), async () => {
    const made = await apiFetch<ConsoleLink>(path(meeting, "console-link"), { method: "POST", token: organiserKey() });
    window.location.assign(made.links.console);
  });

  const copyInvite = action("copy-invite", t("desk.copy_invite"), async () => {
    try {
      await navigator.clipboard.writeText(meeting.join_link);
      showNotice(t("desk.invite_copied"), "info");
    } catch {
      // No clipboard here (not a secure context, or refused): show the link to copy by hand.
      replaceChildren(extra, copyField(t("desk.invite_link", { title: meeting.title }), meeting.join_link, "desk-invite-link"), close(copyInvite));
      extra.querySelector<HTMLInputElement>("input")?.select();
    }
  });

  const newLink = action("new-link", t("desk.new_link"), () => {
    const question = h("p", { tabindex: "-1", "data-testid": "desk-new-link-question" }, t("desk.new_link_confirm", { title: meeting.title }));
    const yes = h("button", {
      type: "button",
      class: "primary",
      "data-testid": "desk-new-link-confirm",
      onclick: () => void once(`${meeting.id}-reissue`, async () => {
        try {
          const made = await apiFetch<ConsoleLink>(path(meeting, "moderator-link"), { method: "POST", token: organiserKey() });
          replaceChildren(
            extra,
            copyField(t("desk.new_link_made", { title: meeting.title }), made.links.console, "desk-new-link-field", t("desk.new_link_hint")),
            close(newLink),
          );
          extra.querySelector<HTMLInputElement>("input")?.focus();
        } catch (error) {
          fail(error);
        }
      }),
    }, t("desk.new_link_yes"));
    const no = h("button", { type: "button", "data-testid": "desk-new-link-cancel", onclick: () => { replaceChildren(extra); newLink.focus(); } }, t("desk.cancel"));
    replaceChildren(extra, h("div", { class: "desk-confirm", role: "group", "aria-label": t("desk.new_link") }, question, h("div", { class: "row" }, yes, no)));
    question.focus();
  });

  const coModerators = action("co-moderators", t("desk.co_moderators"), () => {
    replaceChildren(extra, coModeratorForm(meeting.id, organiserKey()), close(coModerators));
    extra.querySelector<HTMLInputElement>("input")?.focus();
  });

  const duplicate = action("duplicate", t("desk.duplicate"), async () => {
    const made = await apiFetch<Created>(path(meeting, "duplicate"), { method: "POST", token: organiserKey() });
    showNotice(t("desk.duplicated", { title: made.title }), "info");
    hooks.duplicated();
  });

  const record = action("record", t("desk.record"), async () => {
    const text = await apiFetch<string>(path(meeting, "summary.md"), { token: organiserKey() });
    const heading = h("h4", { tabindex: "-1" }, t("desk.record_heading", { title: meeting.title }));
    replaceChildren(extra, heading, h("pre", { class: "desk-record", dir: "auto", tabindex: "0", "data-testid": "desk-record-text" }, text), close(record));
    heading.focus();
  });

  const buttons = [
    openConsole,
    meeting.status !== "ended" ? copyInvite : null,
    newLink,
    meeting.status !== "ended" ? coModerators : null,
    duplicate,
    meeting.status !== "scheduled" ? record : null,
  ];
  return h("div", {}, h("div", { class: "row-actions" }, ...buttons), extra);
}
