// A personal invitation on the join page (/join/{code}#invitation=...): when the meeting is in the person's
// language and the series' time zone, their answer (yes / no / maybe), and an update to the series.

import "./strings";
import "./invitation-strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { button, field, once } from "../shared/ui";

export interface InvitationView {
  meeting_id: string;
  series: string;
  when: string;
  name: string;
  organisation: string;
  role: string | null;
  language: string;
  answer: "yes" | "no" | "maybe" | null;
}

const STORAGE = "roundtable.invitation";
const ANSWERS = ["yes", "maybe", "no"] as const;

/** Moves `#invitation=...` out of the address bar (into this tab's storage) and returns it. */
export function invitationToken(code: string): string | null {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get("invitation");
  try {
    if (token) {
      sessionStorage.setItem(`${STORAGE}.${code}`, token);
      history.replaceState(null, "", window.location.pathname + window.location.search);
      return token;
    }
    return sessionStorage.getItem(`${STORAGE}.${code}`);
  } catch {
    return token;
  }
}

export async function loadInvitation(token: string): Promise<InvitationView | null> {
  try {
    return await apiFetch<InvitationView>(`/api/v1/invitations/${encodeURIComponent(token)}`);
  } catch {
    return null;
  }
}

export function joinPath(token: string): string {
  return `/api/v1/invitations/${encodeURIComponent(token)}/join`;
}

/** The invitation's card: who is invited as whom, when, the answer buttons and an update to the series. */
export function invitationCard(view: InvitationView, token: string): HTMLElement {
  const answers = h("div", { class: "actions", role: "group", "aria-labelledby": "invitation-answer" });
  const status = h("p", { "aria-live": "polite", "data-testid": "invitation-status" });
  const show = (current: InvitationView["answer"]) => {
    replaceChildren(
      answers,
      ...ANSWERS.map((a) =>
        button(t(`invitation.answer.${a}`), () => void once("invitation-answer", async () => {
          try {
            const next = await apiFetch<InvitationView>(`/api/v1/invitations/${encodeURIComponent(token)}/answer`, { method: "POST", json: { answer: a } });
            show(next.answer);
          } catch (error) {
            showNotice(errorText(error as ApiError));
          }
        }), { "aria-pressed": String(current === a), "data-testid": `invitation-${a}`, "data-focus-key": `answer-${a}` }),
      ),
    );
    status.textContent = current ? t("invitation.answered", { answer: t(`invitation.answer.${current}`) }) : t("invitation.not_answered");
  };
  show(view.answer);
  const text = field(t("invitation.update"), h("textarea", { maxlength: 1000, rows: 2, "data-testid": "invitation-update-text" }), t("invitation.update_hint"));
  const link = field(t("invitation.update_link"), h("input", { type: "url", maxlength: 2000, "data-testid": "invitation-update-url" }));
  const update = h("form", { class: "update-form" }, text.wrap, link.wrap, h("button", { type: "submit", "data-testid": "invitation-update-post" }, t("invitation.post_update")));
  update.addEventListener("submit", (e) => {
    e.preventDefault();
    void once("invitation-update", async () => {
      try {
        const body: Record<string, string> = { text: text.control.value };
        if (link.control.value.trim()) body.url = link.control.value.trim();
        await apiFetch(`/api/v1/invitations/${encodeURIComponent(token)}/updates`, { method: "POST", json: body });
        text.control.value = "";
        link.control.value = "";
        showNotice(t("invitation.update_posted"), "info");
      } catch (error) {
        showNotice(errorText(error as ApiError));
      }
    });
  });
  return h(
    "section",
    { class: "card", "aria-labelledby": "invitation-heading", "data-testid": "invitation" },
    h("h2", { id: "invitation-heading" }, t("invitation.heading", { name: view.name })),
    h("p", {}, t("invitation.as", { organisation: view.organisation, series: view.series })),
    h("p", { "data-testid": "invitation-when" }, view.when),
    h("h3", { id: "invitation-answer" }, t("invitation.will_you")),
    answers,
    status,
    h("details", {}, h("summary", {}, t("invitation.update_heading")), update),
  );
}
