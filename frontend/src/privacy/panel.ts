// "My data": what the meeting keeps about this person and for how long, their own consent record, a
// download of everything held about them (GDPR art. 15) and erasure (art. 17). Uses the person's own token.

import "./strings";
import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { forgetToken } from "../shared/tokens";
import { button, once, panelHeading } from "../shared/ui";

interface ConsentRecord {
  state: string;
  answers: { choice: "record" | "share"; asked_in: string; at: string }[];
  answers_erased: boolean;
  can_withdraw: boolean;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString();
}

registerPanel({
  id: "my-data",
  roles: ["participant", "moderator"],
  area: "side",
  order: 90,
  mount(section, ctx) {
    panelHeading(section, "privacy.heading");
    const retention = h("p", { "data-testid": "retention-notice" });
    const record = h("div", { "data-testid": "consent-record" });
    const headers = () => ({ authorization: `Bearer ${ctx.token}` });

    async function showRecord(): Promise<void> {
      const answer = await fetch("/api/v1/me/consent", { headers: headers() });
      if (!answer.ok) return;
      const mine = (await answer.json()) as ConsentRecord;
      const items = mine.answers.map((a) => h("li", {}, t(`privacy.answer.${a.choice}`, { at: when(a.at) })));
      replaceChildren(
        record,
        items.length ? h("ul", {}, ...items) : h("p", {}, t(mine.answers_erased ? "privacy.answers_erased" : "privacy.no_answers")),
        mine.can_withdraw ? h("p", { class: "hint" }, t("privacy.withdraw_hint")) : null,
      );
    }

    async function download(): Promise<void> {
      const answer = await fetch("/api/v1/me/data", { headers: headers() });
      if (!answer.ok) return;
      // A blob URL made here from the server's answer (h() allows only http(s) links, rightly for text from others).
      const url = URL.createObjectURL(await answer.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = "roundtable-my-data.json";
      document.body.append(link);
      link.click();
      link.remove();
      // Revoked a little later: revoking at once can cancel the download before it starts.
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }

    async function erase(): Promise<void> {
      if (!window.confirm(t("privacy.erase_confirm"))) return;
      // Leave first: the server closes an erased person's sockets, which would read as a removal.
      ctx.conn.close();
      const answer = await fetch("/api/v1/me", { method: "DELETE", headers: headers() });
      const main = document.getElementById("main");
      if (!answer.ok || !main) {
        window.location.reload();
        return;
      }
      forgetToken(ctx.role === "moderator" ? "console" : "participant", ctx.state().meeting.id);
      replaceChildren(main, h("div", { class: "gone" }, h("h1", { "data-testid": "erased" }, t("privacy.erased")), h("p", {}, h("a", { href: "/" }, t("common.home")))));
    }

    section.append(
      retention,
      h(
        "div",
        { class: "actions" },
        button(t("privacy.show_consent"), () => void once("my-consent", showRecord), { "data-testid": "show-consent-record" }),
        button(t("privacy.download"), () => void once("my-data", download), { "data-testid": "download-my-data" }),
        button(t("privacy.erase"), () => void once("erase-me", erase), { class: "danger", "data-testid": "erase-my-data" }),
      ),
      record,
    );
    return {
      update(state) {
        const days = (state.meeting as { retention_days?: number }).retention_days;
        retention.textContent = days ? t("privacy.retention", { days }) : "";
      },
    };
  },
});
