// The recording question and its outcome, on both pages. Participants (and moderators, who vote too)
// answer with one tap and no confirmation dialog; the console adds opening and closing the questions.
// Nothing here shows who answered what: the server sends only outcomes and counts.

import "./state";
import "./strings";
import "../console/strings";
import "../privacy/strings";
import { h, redrawWhenChanged, setText } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { button, once, panelHeading } from "../shared/ui";
import { consentOf, type Consent } from "./state";

type Choice = "record" | "private" | "share" | "keep_private";

registerPanel({
  id: "consent",
  roles: ["participant", "moderator"],
  area: "top",
  order: 3,
  place: { moderator: { area: "live2", order: 1 } },
  mount(section, ctx) {
    panelHeading(section, "consent.heading");
    const status = h("p", { class: "consent-state", role: "status", "data-testid": "consent-state" });
    const tally = h("p", { class: "consent-tally", "data-testid": "consent-tally" });
    const body = h("div", { class: "consent-body" });
    section.append(status, tally, body);
    // This page's own last answer, kept only here: a privacy answer is never stored by the server.
    let mine: Choice | "withdrawn" | null = null;
    let lastState: string | null = null;
    let lastQuestion: string | null = null;

    function vote(choice: Choice): void {
      void once("consent-vote", async () => {
        const ack = await ctx.send("consent.vote", { choice });
        if (ack.ok) mine = choice;
        render(consentOf(ctx.state()));
      });
    }

    function question(c: Consent): HTMLElement | null {
      if (!c.question) return null;
      const closing = c.question === "closing";
      const [yes, no]: [Choice, Choice] = closing ? ["share", "keep_private"] : ["record", "private"];
      return h(
        "div",
        { class: "consent-question", "data-testid": "consent-question", role: "group", "aria-labelledby": "consent-ask" },
        h("h3", { id: "consent-ask" }, t(`consent.ask.${c.question}`)),
        // The moderator asked the question and knows its terms: on the console they fold away, so the
        // ballot's count and the moderator's loop stay on one screen.
        ...(ctx.role === "moderator"
          ? [h("details", { class: "consent-terms" }, h("summary", {}, t("consent.terms")), h("p", {}, t(`consent.explain.${c.question}`)), h("p", { class: "consent-secret" }, t("consent.secret")))]
          : [h("p", {}, t(`consent.explain.${c.question}`)), h("p", { class: "consent-secret" }, t("consent.secret"))]),
        h(
          "div",
          { class: "actions" },
          button(t(`consent.${yes}`), () => vote(yes), { class: "primary", "data-testid": "consent-yes", "data-focus-key": "consent-yes" }),
          button(t(`consent.${no}`), () => vote(no), { "data-testid": "consent-no", "data-focus-key": "consent-no" }),
        ),
      );
    }

    function own(c: Consent): HTMLElement[] {
      const parts: HTMLElement[] = [];
      const said = mine ?? c.my_vote;
      if (said && !c.question) parts.push(h("p", { "data-testid": "consent-mine" }, t(said === "withdrawn" ? "consent.withdrawn" : `consent.you.${said}`)));
      if (c.can_withdraw) {
        parts.push(
          h("p", { class: "hint" }, t("consent.withdraw_explain")),
          button(
            t("consent.withdraw"),
            () =>
              void once("consent-withdraw", async () => {
                const ack = await ctx.send("consent.withdraw");
                if (ack.ok) mine = "withdrawn";
                render(consentOf(ctx.state()));
              }),
            { class: "danger", "data-testid": "consent-withdraw", "data-focus-key": "consent-withdraw" },
          ),
        );
      }
      return parts;
    }

    function controls(c: Consent): HTMLElement | null {
      if (ctx.role !== "moderator") return null;
      const parts: HTMLElement[] = [];
      if (c.recording) {
        parts.push(h("p", { "data-testid": "consent-recording" }, t("consent.recording_status", { status: t(`consent.status.${c.recording.status}`) })));
      }
      const send = (type: string, data: Record<string, unknown> = {}) => () => void once(type, () => ctx.send(type, data));
      if (c.decision_due_at) {
        // The meeting ended with a recording nobody decided on: prompt the moderator before it is deleted.
        parts.push(h("p", { class: "notice", role: "alert", "data-testid": "consent-decision-due" }, t("privacy.decision_due", { date: new Date(c.decision_due_at).toLocaleString() })));
      }
      if (c.state === "undecided") {
        parts.push(button(t("consent.open_opening"), send("consent.open_ballot", { phase: "opening" }), { class: "primary", "data-testid": "consent-open-opening" }));
      }
      if ((c.state === "recording_allowed" || c.state === "recording") && c.recordings > 0 && !c.ballot) {
        parts.push(button(t("consent.open_closing"), send("consent.open_ballot", { phase: "closing" }), { class: "primary", "data-testid": "consent-open-closing" }));
      }
      if (c.ballot) {
        parts.push(
          h("p", { class: "hint" }, t("consent.close_explain")),
          button(t("consent.close"), send("consent.close_ballot"), { "data-testid": "consent-close" }),
        );
      }
      if (c.question) parts.push(h("p", { class: "hint" }, t("consent.moderator_votes")));
      return parts.length ? h("div", { class: "consent-controls", "data-testid": "consent-controls" }, ...parts) : null;
    }

    function render(c: Consent): void {
      setText(status, t(`consent.state.${c.state}`));
      tally.hidden = !c.ballot;
      setText(tally, c.ballot ? t("consent.tally", { voted: c.ballot.voted, eligible: c.ballot.eligible }) : "");
      // The counts are in the tally line: the buttons stay while only they change (a ballot of a thousand).
      const shows = JSON.stringify([{ ...c, ballot: c.ballot && { ...c.ballot, voted: 0, eligible: 0 } }, mine]);
      redrawWhenChanged(body, shows, () => [question(c), ...own(c), controls(c)]);
      // While this person is asked, the phone's thumb bar stops floating over the page (it moves to the
      // page's end), so it can never lie over the answer buttons.
      document.body.classList.toggle("being-asked", c.question !== null && c.question !== undefined);
    }

    return {
      update(state, cause) {
        const c = consentOf(state);
        render(c);
        if (cause.kind === "event") {
          if (c.state !== lastState) ctx.announce(t(`consent.state.${c.state}`));
          if (c.question && c.question !== lastQuestion) ctx.announce(t(`consent.ask.${c.question}`), "assertive");
        }
        lastState = c.state;
        lastQuestion = c.question;
      },
    };
  },
});
