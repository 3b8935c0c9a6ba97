// The take-home record on the participant page: once the meeting has ended and the moderator has published it
// (or released it first to this person as the lead), what it holds in short, and three ways to keep it:
// Markdown, JSON and a printable page. It is read over HTTP with the token the person joined with, which keeps
// working after the end; the record.published event and the end of the meeting make the panel look again.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import { button, once, panelHeading } from "../shared/ui";

interface RecordData {
  meeting: { id: string; title: string };
  record: { published_at: string | null; lead_released_at: string | null };
  questions: unknown[];
  boards?: unknown[];
  followups?: unknown[];
  forms: unknown[];
}

function path(ctx: PanelContext, suffix: string): string {
  return `/api/v1/meetings/${encodeURIComponent(ctx.state().meeting.id)}/record${suffix}`;
}

async function download(ctx: PanelContext, kind: "md" | "json"): Promise<void> {
  try {
    const body = await apiFetch<unknown>(path(ctx, kind === "md" ? ".md" : ""), { token: ctx.token });
    const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
    const link = document.createElement("a");
    // A blob: address made here, not user input; set directly because h() only takes http(s) links.
    link.href = URL.createObjectURL(new Blob([text], { type: kind === "md" ? "text/markdown" : "application/json" }));
    link.download = `record-${ctx.state().meeting.id.slice(0, 8)}.${kind}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    showNotice(errorText(error as ApiError));
  }
}

/** The printable page opens in a new tab as a page of the server's own (its own strict policy, no script):
 * a form posts the token in the body, never in an address. */
function printForm(ctx: PanelContext): HTMLFormElement {
  return h(
    "form",
    { method: "post", action: path(ctx, ".html"), target: "_blank", class: "record-print" },
    h("input", { type: "hidden", name: "token", value: ctx.token }),
    h("button", { type: "submit", "data-testid": "record-print" }, t("record.print")),
  );
}

function when(iso: string): string {
  return new Date(iso).toLocaleString(document.documentElement.lang || undefined, { dateStyle: "medium", timeStyle: "short" });
}

registerPanel({
  id: "record",
  roles: ["participant"],
  area: "top",
  order: 4,
  mount(section, ctx) {
    // Shown once there is a record to show; the page sets `hidden` from the role's rights at every update, so the
    // panel applies its own condition again after it (update below).
    let visible = false;
    section.hidden = true;
    section.dataset.testid = "record";
    panelHeading(section, "record.heading");
    const body = h("div", { class: "record" });
    section.append(body);
    let shown = "";

    const refresh = async (announce: boolean): Promise<void> => {
      if (ctx.state().meeting.status !== "ended") return;
      let data: RecordData;
      try {
        data = await apiFetch<RecordData>(path(ctx, ""), { token: ctx.token });
      } catch {
        return; // not published yet (record_not_published), or offline: nothing to show
      }
      const state = `${data.record.published_at}|${data.record.lead_released_at}`;
      if (state === shown) return;
      shown = state;
      const published = data.record.published_at ?? data.record.lead_released_at;
      const parts = [
        t("record.questions", { n: data.questions.length }),
        t("record.boards", { n: (data.boards ?? []).length }),
        t("record.followups", { n: (data.followups ?? []).length }),
        t("record.forms", { n: data.forms.length }),
      ];
      replaceChildren(
        body,
        h("p", {}, t("record.intro")),
        data.record.published_at ? null : h("p", { class: "hint" }, t("record.lead")),
        published ? h("p", { class: "hint" }, t("record.published", { when: when(published) })) : null,
        h("p", {}, `${t("record.sections")}: ${parts.join(", ")}`),
        h(
          "div",
          { class: "actions" },
          button(t("record.markdown"), () => void once("record-md", () => download(ctx, "md")), { "data-testid": "record-markdown" }),
          button(t("record.json"), () => void once("record-json", () => download(ctx, "json")), { "data-testid": "record-json" }),
          printForm(ctx),
        ),
      );
      visible = true;
      section.hidden = false;
      if (announce) ctx.announce(t("record.announce"));
    };

    void refresh(false);
    return {
      update(_state, cause) {
        if (!visible) section.hidden = true;
        if (cause.kind === "snapshot") void refresh(false);
        else if (cause.event.type === "meeting.ended" || cause.event.type === "record.published") void refresh(true);
      },
    };
  },
});
