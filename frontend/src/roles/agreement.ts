// The format's agreement (the learning conversation's ground rules): shown first, as a modal dialog, to
// everyone who has not acknowledged it yet; the server refuses their other commands until they do
// (agreement_required). Once acknowledged, the rules stay readable in a folded section. The console
// lists who acknowledged and when.

import "./strings";
import { h, replaceChildren, uid } from "../shared/dom";
import { dateTime } from "../shared/format";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import type { State } from "../shared/store";
import { once } from "../shared/ui";
import { text } from "./text";

function principles(state: State): HTMLElement {
  const agreement = state.meeting.agreement;
  return h("ul", { class: "agreement-principles" }, ...(agreement?.principles ?? []).map((p) => h("li", {}, text(p))));
}

registerPanel({
  id: "agreement",
  roles: ["participant", "moderator"],
  area: "top",
  order: 1,
  place: { moderator: { area: "live", order: 1 } },
  mount(section, ctx) {
    const titleId = uid("agreement-title");
    const dialog = h("dialog", { class: "agreement-dialog", "aria-labelledby": titleId, "data-testid": "agreement-dialog" }) as HTMLDialogElement;
    // Escape does not dismiss the ground rules: taking part waits for them.
    dialog.addEventListener("cancel", (e) => e.preventDefault());
    const folded = h("details", { class: "agreement-folded", "data-testid": "agreement-folded" });
    const console = h("div", { class: "agreement-console", "data-testid": "agreement-console" });
    section.append(dialog, folded, console);

    const acknowledge = (): void =>
      void once("agreement", async () => {
        const ack = await ctx.send("agreement.acknowledge");
        if (ack.ok) {
          const s = ctx.state();
          if (s.meeting.agreement) s.meeting.agreement.acknowledged = true;
          draw(s);
        }
      });

    function drawDialog(state: State): void {
      const agreement = state.meeting.agreement;
      if (!agreement) return;
      const agree = h("button", { type: "button", class: "primary", "data-testid": "agreement-acknowledge", onclick: acknowledge }, t("agreement.acknowledge"));
      replaceChildren(dialog, h("h2", { id: titleId }, text(agreement.title)), h("p", {}, t("agreement.intro")), principles(state), agree);
    }

    function draw(state: State): void {
      const agreement = state.meeting.agreement;
      section.hidden = !agreement;
      if (!agreement) {
        if (dialog.open) dialog.close();
        return;
      }
      const waiting = !agreement.acknowledged && !state.you.observer;
      if (waiting && !dialog.open) {
        drawDialog(state);
        dialog.showModal();
        dialog.querySelector<HTMLButtonElement>("[data-testid=agreement-acknowledge]")?.focus();
      } else if (!waiting && dialog.open) {
        dialog.close();
      }
      replaceChildren(folded, h("summary", {}, text(agreement.title)), principles(state));
      folded.hidden = waiting;
      const listed = agreement.acknowledgements;
      console.hidden = !listed;
      if (listed) {
        const total = state.meeting.participants.filter((p) => p.role === "moderator" || state.meeting.roles.find((r) => r.id === p.format_role)?.observer !== true).length;
        replaceChildren(
          console,
          h("h3", {}, t("agreement.heading_console")),
          h("p", { "data-testid": "agreement-count" }, t("agreement.count", { count: listed.length, total })),
          listed.length
            ? h("ul", { class: "agreement-list" }, ...listed.map((a) => h("li", {}, t("agreement.at", { name: a.display_name, at: dateTime(a.acknowledged_at) }))))
            : h("p", { class: "empty" }, t("agreement.none_yet")),
        );
      }
    }

    return { update: (state) => draw(state) };
  },
});
