// The landing page: organise a meeting, or join one with an invite code.

import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { startPage } from "../shared/page";
import { field } from "../shared/ui";

startPage({
  render({ main }) {
    document.title = "Roundtable";
    const code = field(t("landing.code"), h("input", { type: "text", autocomplete: "off", required: true, maxlength: 32, "data-testid": "join-code" }), t("landing.code_hint"));
    const form = h("form", { class: "card" }, h("h2", {}, t("landing.join")), code.wrap, h("button", { type: "submit", class: "primary" }, t("landing.join_button")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      // People paste the whole link as often as the code.
      const value = code.control.value.trim().split("/").filter(Boolean).pop();
      if (value) window.location.assign(`/join/${encodeURIComponent(value)}`);
    });
    replaceChildren(
      main,
      h("h1", {}, t("landing.title")),
      h("p", { class: "lead" }, t("landing.lead")),
      h("div", { class: "cards" }, h("div", { class: "card" }, h("h2", {}, t("landing.organise")), h("p", {}, t("landing.organise_text")), h("a", { href: "/organise", class: "button primary", "data-testid": "organise-link" }, t("landing.organise_button"))), form),
    );
  },
});
