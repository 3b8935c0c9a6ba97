// Follow-up items and the summary download for moderators; the name opt-in for everyone else.

import "./strings";
import "../series/strings";
import { apiFetch } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import { badge, button, checkbox, field, once, panelHeading } from "../shared/ui";
import { followupsOf, type FollowUp } from "./state";

async function download(ctx: PanelContext, meetingId: string, kind: "md" | "json"): Promise<void> {
  const path = `/api/v1/meetings/${encodeURIComponent(meetingId)}/${kind === "md" ? "summary.md" : "summary"}`;
  try {
    const body = await apiFetch<unknown>(path, { token: ctx.token });
    const text = typeof body === "string" ? body : JSON.stringify(body, null, 2);
    const blob = new Blob([text], { type: kind === "md" ? "text/markdown" : "application/json" });
    const link = document.createElement("a");
    // A blob: address made here, not user input; set directly because h() only takes http(s) links.
    link.href = URL.createObjectURL(blob);
    link.download = `summary-${meetingId.slice(0, 8)}.${kind}`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  } catch (error) {
    showNotice(errorText(error as { code: string; message: string }));
  }
}

const KINDS = ["action", "webinar", "publication", "other"] as const;
const STATUSES = ["open", "in_progress", "done", "dropped"] as const;

function options(values: readonly string[], prefix: string, selected?: string): HTMLOptionElement[] {
  return values.map((v) => h("option", { value: v, selected: v === selected }, t(`${prefix}.${v}`)));
}

/** An item's details as text: kind, who, by when, and the overdue flag. */
function details(f: FollowUp): HTMLElement {
  return h(
    "span",
    { class: "meta" },
    ` ${t(`followup.kind.${f.kind}`)}`,
    f.owner ? ` · ${t("followup.owner_is", { owner: f.owner })}` : "",
    f.due_on ? ` · ${t("followup.due_on", { date: f.due_on })}` : "",
    " ",
    f.overdue ? badge(t("followup.overdue"), "badge-away") : null,
  );
}

registerPanel({
  id: "followups",
  roles: ["moderator"],
  area: "side",
  order: 40,
  mount(section, ctx) {
    panelHeading(section, "followup.heading");
    const list = h("ul", { class: "resources followups", "data-testid": "followups" });
    const text = field(t("followup.text"), h("input", { type: "text", maxlength: 500, "data-testid": "followup-text" }), t("followup.hint"));
    const kind = field(t("followup.kind"), h("select", { "data-testid": "followup-kind" }, ...options(KINDS, "followup.kind")));
    const owner = field(t("followup.owner"), h("input", { type: "text", maxlength: 120, "data-testid": "followup-owner" }));
    const due = field(t("followup.due"), h("input", { type: "date", "data-testid": "followup-due" }));
    const form = h("form", { class: "followup-form" }, text.wrap, kind.wrap, owner.wrap, due.wrap, h("button", { type: "submit", "data-testid": "followup-add" }, t("followup.add")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = text.control.value.trim();
      if (!value) return;
      const data: Record<string, unknown> = { text: value, kind: kind.control.value };
      if (owner.control.value.trim()) data.owner = owner.control.value.trim();
      if (due.control.value) data.due_on = due.control.value;
      text.control.value = "";
      owner.control.value = "";
      due.control.value = "";
      void ctx.send("followup.add", data);
    });
    const downloads = h(
      "div",
      { class: "actions" },
      button(t("summary.markdown"), () => void once("summary-md", () => download(ctx, ctx.state().meeting.id, "md")), { "data-testid": "summary-markdown" }),
      button(t("summary.json"), () => void once("summary-json", () => download(ctx, ctx.state().meeting.id, "json"))),
    );
    section.append(list, form, downloads);
    return {
      update(state) {
        const items = followupsOf(state);
        if (!items.length) replaceChildren(list, h("li", { class: "empty" }, t("followup.empty")));
        else
          replaceChildren(
            list,
            ...items.map((f) => {
              const status = h(
                "select",
                { "aria-label": t("followup.status_of", { text: f.text }), "data-testid": "followup-status", "data-focus-key": `status-${f.id}` },
                ...options(STATUSES, "followup.status", f.status),
              );
              status.addEventListener("change", () => void ctx.send("followup.set_status", { followup_id: f.id, status: status.value }));
              return h(
                "li",
                { "data-focus-item": f.id, "data-testid": "followup-item" },
                h("span", { class: "text" }, f.text),
                details(f),
                status,
                button(t("followup.remove"), () => void once(`rm-${f.id}`, () => ctx.send("followup.remove", { followup_id: f.id })), { class: "link-button" }),
              );
            }),
          );
      },
    };
  },
});

registerPanel({
  id: "followups-view",
  roles: ["participant"],
  area: "side",
  order: 39,
  mount(section) {
    panelHeading(section, "followup.list_heading");
    const list = h("ul", { class: "resources followups", "data-testid": "followups" });
    section.append(list);
    return {
      update(state) {
        const items = followupsOf(state);
        section.hidden = items.length === 0;
        replaceChildren(
          list,
          ...items.map((f) =>
            h(
              "li",
              { "data-testid": "followup-item" },
              h("span", { class: "text" }, f.text),
              details(f),
              " ",
              badge(t(`followup.status.${f.status}`), f.status === "done" ? "badge-first" : ""),
              f.carried ? badge(f.review ? t("carried.reviewed", { outcome: t(`carried.review.${f.review}`) }) : t("carried.heading")) : null,
            ),
          ),
        );
      },
    };
  },
});

registerPanel({
  id: "summary-name",
  roles: ["participant"],
  area: "side",
  order: 40,
  mount(section, ctx) {
    const box = checkbox(t("summary.share_name"), { "data-testid": "summary-share-name" });
    section.appendChild(box.wrap);
    section.setAttribute("aria-label", t("followup.heading"));
    box.control.addEventListener("change", () => void ctx.send("summary.share_name", { share: box.control.checked }));
    return {
      update(state) {
        box.control.checked = state.meeting.my_name_in_summary === true;
      },
    };
  },
});
