// What the chat collected: the resources list and its Markdown download.

import { apiFetch } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel } from "../shared/panels";
import { button, once, panelHeading } from "../shared/ui";

registerPanel({
  id: "resources",
  roles: ["moderator"],
  area: "side",
  order: 30,
  mount(section, ctx) {
    panelHeading(section, "resources.heading");
    const list = h("ul", { class: "resources", "data-testid": "resources" });
    const download = button(
      t("resources.download"),
      () =>
        void once("download", async () => {
          const id = ctx.state().meeting.id;
          try {
            // The token goes in a header, so the file is fetched here and handed to the browser as a blob.
            const text = await apiFetch<string>(`/api/v1/meetings/${encodeURIComponent(id)}/resources.md`, { token: ctx.token });
            const url = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
            const a = h("a", { download: `resources-${id.slice(0, 8)}.md`, class: "visually-hidden" });
            a.href = url;
            document.body.appendChild(a);
            a.click();
            a.remove();
            window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
          } catch (error) {
            showNotice(errorText(error as { code: string; message: string }));
          }
        }),
      { "data-testid": "resources-download" },
    );
    section.append(list, download);
    return {
      update(state) {
        const items = state.meeting.resources;
        replaceChildren(
          list,
          ...(items.length
            ? items.map((r) =>
                h(
                  "li",
                  {},
                  h("a", { href: r.url, target: "_blank", rel: "noopener noreferrer nofollow" }, r.title),
                  h("span", { class: "meta" }, " ", t("resources.by", { name: r.author.display_name })),
                ),
              )
            : [h("li", { class: "empty" }, t("resources.none"))]),
        );
      },
    };
  },
});
