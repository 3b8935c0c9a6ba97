// The console's role links: a moderator picks a role of the format and gets a join link that gives it
// (POST /api/v1/meetings/{id}/role-links). Links made stay listed while the page is open.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { copyField } from "../shared/copy";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { registerPanel } from "../shared/panels";
import { field, once, panelHeading } from "../shared/ui";
import { hasFormatRoles, roleName } from "./state";
import { text } from "./text";

interface Made {
  role: string;
  code: string;
  link: string;
}

const made: Made[] = [];

registerPanel({
  id: "role-links",
  roles: ["moderator"],
  area: "side",
  order: 25,
  mount(section, ctx) {
    panelHeading(section, "roles.links.heading");
    const role = field(t("roles.links.role"), h("select", { "data-testid": "role-link-role" }) as HTMLSelectElement);
    const links = h("div", { class: "role-links", "data-testid": "role-links" });
    const form = h("form", { class: "role-link-form" }, role.wrap, h("button", { type: "submit", "data-testid": "role-link-make" }, t("roles.links.make")), links);
    section.append(form);
    const draw = (): void => {
      const state = ctx.state();
      replaceChildren(
        links,
        ...made.map((m, i) => copyField(t("roles.links.link", { role: roleName(state, m.role) }), m.link, `role-link-${i}`, t("roles.links.hint", { role: roleName(state, m.role) }))),
      );
    };
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const chosen = role.control.value;
      void once("role-link", async () => {
        try {
          const state = ctx.state();
          made.push(await apiFetch<Made>(`/api/v1/meetings/${encodeURIComponent(state.meeting.id)}/role-links`, { method: "POST", token: ctx.token, json: { role: chosen } }));
          draw();
          links.querySelectorAll<HTMLInputElement>("input")[made.length - 1]?.focus();
        } catch (error) {
          showNotice(errorText(error as ApiError));
        }
      });
    });
    let filled = false;
    return {
      update(state) {
        section.hidden = !hasFormatRoles(state);
        if (!filled) {
          filled = true;
          replaceChildren(role.control, ...state.meeting.roles.map((r) => h("option", { value: r.id }, text(r.name))));
          draw();
        }
      },
    };
  },
});
