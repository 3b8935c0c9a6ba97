// Follow-up items and the summary download for moderators; the name opt-in for everyone else.

import "./strings";
import { apiFetch } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel, type PanelContext } from "../shared/panels";
import { button, checkbox, field, once, panelHeading } from "../shared/ui";
import { followupsOf } from "./state";

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

registerPanel({
  id: "followups",
  roles: ["moderator"],
  area: "side",
  order: 40,
  mount(section, ctx) {
    panelHeading(section, "followup.heading");
    const list = h("ul", { class: "resources", "data-testid": "followups" });
    const text = field(t("followup.text"), h("input", { type: "text", maxlength: 500, "data-testid": "followup-text" }), t("followup.hint"));
    const form = h("form", {}, text.wrap, h("button", { type: "submit", "data-testid": "followup-add" }, t("followup.add")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const value = text.control.value.trim();
      if (!value) return;
      text.control.value = "";
      void ctx.send("followup.add", { text: value });
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
            ...items.map((f) =>
              h(
                "li",
                { "data-focus-item": f.id },
                h("span", {}, f.text),
                button(t("followup.remove"), () => void once(`rm-${f.id}`, () => ctx.send("followup.remove", { followup_id: f.id })), { class: "link-button" }),
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
