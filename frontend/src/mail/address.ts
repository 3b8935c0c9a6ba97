// "My e-mail": the address this person gave (at joining or here), changed or taken back with their own token.
// Nobody else in the meeting sees it but the moderators.

import "./strings";
import { apiFetch, ApiError } from "../shared/api";
import { h } from "../shared/dom";
import { errorText } from "../shared/errors";
import { language, t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import { button, field, once, panelHeading } from "../shared/ui";

interface Address {
  email: string | null;
  language: string | null;
}

registerPanel({
  id: "my-email",
  roles: ["participant", "moderator"],
  area: "side",
  order: 91,
  mount(section, ctx) {
    panelHeading(section, "mail.heading");
    const status = h("p", { "data-testid": "my-email-status", role: "status" });
    const input = field(t("mail.address"), h("input", { type: "email", maxlength: 254, autocomplete: "email", "data-testid": "my-email-input" }), t("mail.hint"));
    const takeBack = button(t("mail.take_back"), () => void once("mail-take-back", remove), { class: "danger", "data-testid": "my-email-take-back" });

    function show(address: Address, note?: string): void {
      status.textContent = note ?? (address.email ? t("mail.yours", { email: address.email }) : t("mail.none"));
      input.control.value = address.email ?? "";
      takeBack.hidden = !address.email;
    }

    async function load(): Promise<void> {
      try {
        show(await apiFetch<Address>("/api/v1/me/email", { token: ctx.token }));
      } catch (error) {
        status.textContent = errorText(error as ApiError);
      }
    }

    async function save(): Promise<void> {
      const email = input.control.value.trim();
      if (!email) return;
      try {
        const saved = await apiFetch<Address>("/api/v1/me/email", { method: "PUT", token: ctx.token, json: { email, language: language() } });
        show(saved, t("mail.saved", { email: saved.email ?? "" }));
      } catch (error) {
        status.textContent = errorText(error as ApiError);
      }
    }

    async function remove(): Promise<void> {
      try {
        await apiFetch<string>("/api/v1/me/email", { method: "DELETE", token: ctx.token });
        show({ email: null, language: null }, t("mail.taken_back"));
      } catch (error) {
        status.textContent = errorText(error as ApiError);
      }
    }

    const form = h("form", { class: "stack" }, input.wrap, h("div", { class: "actions" }, h("button", { type: "submit", "data-testid": "my-email-save" }, t("mail.save")), takeBack));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void once("mail-save", save);
    });
    section.append(status, form);
    void load();
    return { update() {} };
  },
});
