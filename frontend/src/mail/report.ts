// The moderators' list of mails: per person, the address they gave and each mail with where it stands. Without a
// mail server nothing is sent, and a link the moderator may hand over themselves (an invitation's) is shown.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { button, once, panelHeading } from "../shared/ui";

interface MailView {
  id: string;
  kind: string;
  subject: string;
  status: "queued" | "held" | "sent" | "failed";
  reason: string | null;
  link: string | null;
}

interface Report {
  mail_server: boolean;
  people: { participant_id: string; display_name: string; email: string | null; mails: MailView[] }[];
  others: { email: string; mails: MailView[] }[];
}

function mailItem(mail: MailView): HTMLElement {
  return h(
    "li",
    { "data-testid": "mail-item" },
    `${t(`mail.kind.${mail.kind}`)}: ${mail.subject} · `,
    h("span", { class: `mail-${mail.status}` }, t(`mail.status.${mail.status}`)),
    mail.status === "failed" && mail.reason ? ` (${mail.reason})` : "",
    mail.link ? h("div", {}, `${t("mail.copy_link")}: `, h("input", { type: "text", readonly: true, value: mail.link, "aria-label": t("mail.copy_link") })) : null,
  );
}

registerPanel({
  id: "mail-report",
  roles: ["moderator"],
  area: "side",
  order: 92,
  mount(section, ctx) {
    panelHeading(section, "mail.report_heading");
    const body = h("div", { "data-testid": "mail-report" });

    async function load(): Promise<void> {
      try {
        const report = await apiFetch<Report>(`/api/v1/meetings/${encodeURIComponent(ctx.state().meeting.id)}/mail`, { token: ctx.token });
        const rows = [
          ...report.people.map((p) => ({ who: p.display_name, email: p.email, mails: p.mails })),
          ...report.others.map((o) => ({ who: o.email, email: o.email, mails: o.mails })),
        ].filter((row) => row.email || row.mails.length);
        replaceChildren(
          body,
          report.mail_server ? null : h("p", { class: "hint", "data-testid": "mail-no-server" }, t("mail.no_server")),
          rows.length
            ? h(
                "ul",
                { class: "plain" },
                ...rows.map((row) => h("li", {}, h("strong", {}, row.who), ` · ${row.email ?? t("mail.no_address")}`, h("ul", {}, ...row.mails.map(mailItem)))),
              )
            : h("p", {}, t("mail.nothing")),
        );
      } catch (error) {
        replaceChildren(body, h("p", {}, errorText(error as ApiError)));
      }
    }

    section.append(h("div", { class: "actions" }, button(t("mail.report_refresh"), () => void once("mail-report", load), { "data-testid": "mail-report-show" })), body);
    return { update() {} };
  },
});
