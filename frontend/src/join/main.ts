// The invite link, /join/{code}: the meeting, its circulated keynote questions, and joining
// (with a question for the meeting, anonymous if the person wishes).

import "../mail/strings";
import "../privacy/strings";
import { invitationCard, invitationToken, joinPath, loadInvitation, type InvitationView } from "../series/invitation";
import { apiFetch, ApiError } from "../shared/api";
import { Connection } from "../shared/connection";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { dateTime } from "../shared/format";
import { language, t } from "../shared/i18n";
import { showNotice, startPage } from "../shared/page";
import { textIn, type Texts } from "../shared/texts";
import { loadToken, pathId, saveToken } from "../shared/tokens";
import type { Ack, Question } from "../shared/types";
import { badge, checkbox, field, once } from "../shared/ui";

interface Invite {
  meeting_id: string;
  title: string;
  format: string;
  format_name: Texts;
  format_description: Texts | null;
  language: string;
  status: "scheduled" | "live" | "ended";
  scheduled_for: string | null;
  circulated_questions: Question[];
  retention_days: number;
}

const code = pathId();
// A personal invitation of a series (#invitation=...) fills in who is joining.
const invitationKey = invitationToken(code);
// A role link (`#role=<code>`, made by a moderator): the code goes with the join request, and leaves the
// address bar at once (it is in the fragment, so no server ever logged it).
const roleCode = new URLSearchParams(window.location.hash.slice(1)).get("role");
if (roleCode) history.replaceState(null, "", window.location.pathname + window.location.search);

/** Sends one command over a short-lived connection (the question typed on this page). */
function sendOnce(token: string, type: string, data: Record<string, unknown>): Promise<Ack> {
  return new Promise((resolve) => {
    let done = false;
    const conn: Connection = new Connection({
      token,
      onStatus: () => undefined,
      onState: async () => {
        if (done) return;
        done = true;
        const ack = await conn.command(type, data);
        conn.close();
        resolve(ack);
      },
    });
  });
}

function page(main: HTMLElement, invite: Invite, invitation: InvitationView | null): void {
  document.title = `${invite.title} · Roundtable`;
  const known = loadToken("participant", invite.meeting_id);
  const questions = invite.circulated_questions;
  const intro = h(
    "div",
    { class: "card" },
    h("h1", { "data-testid": "invite-title" }, invite.title),
    h("p", { class: "meeting-status" }, textIn(invite.format_name), " · ", t(`status.${invite.status}`), invite.scheduled_for ? ` · ${dateTime(invite.scheduled_for)}` : ""),
    invite.format_description ? h("p", {}, textIn(invite.format_description)) : null,
  );
  const circulated = questions.length
    ? h(
        "section",
        { class: "card", "aria-labelledby": "circulated-heading" },
        h("h2", { id: "circulated-heading" }, t("join.circulated")),
        h("p", { class: "hint" }, t("join.circulated_hint")),
        h(
          "ol",
          { class: "questions", "data-testid": "circulated" },
          ...questions.map((q) => h("li", { class: "question" }, h("p", { class: "text" }, q.text), h("p", { class: "meta" }, q.author ? t("questions.by", { name: q.author.display_name }) : t("questions.anonymous"), badge(t("questions.keynote"))))),
        ),
      )
    : null;

  if (invite.status === "ended") {
    replaceChildren(main, intro, h("p", { class: "card", "data-testid": "join-ended" }, t("join.ended")));
    return;
  }

  const name = field(t("join.name"), h("input", { type: "text", required: true, maxlength: 80, autocomplete: "name", "data-testid": "join-name" }));
  const org = field(t("join.organisation"), h("input", { type: "text", maxlength: 120, autocomplete: "organization", "data-testid": "join-organisation" }), t("join.organisation_hint"));
  const email = field(t("mail.join_email"), h("input", { type: "email", maxlength: 254, autocomplete: "email", "data-testid": "join-email" }), t("mail.join_email_hint"));
  const question = field(t("join.question"), h("textarea", { rows: 3, maxlength: 1000, "data-testid": "join-question" }), t("join.question_hint"));
  const anonymous = checkbox(t("questions.anonymous_label"), { "data-testid": "join-anonymous" });
  if (invitation) {
    name.control.value = invitation.name;
    org.control.value = invitation.organisation;
    org.control.readOnly = true;
  }
  const form = h(
    "form",
    { class: "card", "aria-labelledby": "join-heading" },
    h("h2", { id: "join-heading" }, t("join.heading")),
    name.wrap,
    org.wrap,
    invitation ? null : email.wrap,
    question.wrap,
    anonymous.wrap,
    // Said before anyone types their name: how long it is kept.
    h("p", { class: "hint", "data-testid": "join-retention" }, t("privacy.retention", { days: invite.retention_days })),
    h("button", { type: "submit", class: "primary", "data-testid": "join-submit" }, invite.status === "live" ? t("join.enter") : t("join.submit")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void once("join", async () => {
      try {
        const joined = await apiFetch<{ meeting_id: string; participant_id: string; token: string }>(
          invitation && invitationKey ? joinPath(invitationKey) : "/api/v1/join",
          {
            method: "POST",
            json: invitation
              ? { display_name: name.control.value.trim() || invitation.name }
              : {
                  join_code: code,
                  display_name: name.control.value.trim(),
                  organisation: org.control.value.trim() || null,
                  ...(roleCode ? { role_code: roleCode } : {}),
                  ...(email.control.value.trim() ? { email: email.control.value.trim(), email_language: language() } : {}),
                },
          },
        );
        saveToken("participant", joined.meeting_id, { token: joined.token, name: name.control.value.trim() });
        const text = question.control.value.trim();
        if (text) {
          const ack = await sendOnce(joined.token, "question.submit", { text, anonymous: anonymous.control.checked });
          if (!ack.ok) showNotice(errorText(ack.error));
        }
        window.location.assign(`/meeting/${encodeURIComponent(joined.meeting_id)}`);
      } catch (error) {
        showNotice(errorText(error as ApiError));
      }
    });
  });

  replaceChildren(
    main,
    intro,
    invitation && invitationKey ? invitationCard(invitation, invitationKey) : null,
    known ? h("p", { class: "card" }, t("join.known", { name: known.name ?? "" }), " ", h("a", { href: `/meeting/${encodeURIComponent(invite.meeting_id)}`, class: "button primary", "data-testid": "join-continue" }, t("join.continue"))) : null,
    circulated,
    form,
  );
}

async function main(): Promise<void> {
  let invite: Invite | null = null;
  let invitation: InvitationView | null = null;
  let failure: ApiError | null = null;
  try {
    invite = await apiFetch<Invite>(`/api/v1/invite/${encodeURIComponent(code)}`);
    invitation = invitationKey ? await loadInvitation(invitationKey) : null;
  } catch (error) {
    failure = error as ApiError;
  }
  document.body.classList.add("page-narrow");
  startPage({
    meetingLanguage: invitation?.language ?? invite?.language,
    render({ main }) {
      if (invite) page(main, invite, invitation);
      else replaceChildren(main, h("h1", {}, t("join.not_found.title")), h("p", {}, failure?.status === 404 ? t("join.not_found.body") : errorText(failure as ApiError)), h("p", {}, h("a", { href: "/" }, t("common.home"))));
    },
  });
}

void main();
