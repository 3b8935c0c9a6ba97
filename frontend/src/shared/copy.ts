// A read-only link with a copy button (the clipboard needs a secure context; select-and-copy otherwise).

import { h } from "./dom";
import { t } from "./i18n";
import { showNotice } from "./page";
import { field } from "./ui";

export function copyField(label: string, value: string, testid: string, hint?: string): HTMLElement {
  const input = h("input", { type: "text", readonly: true, value, "data-testid": testid, class: "link-field" });
  const f = field(label, input, hint);
  const copy = h(
    "button",
    {
      type: "button",
      "data-testid": `${testid}-copy`,
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(value);
        } catch {
          input.select();
          document.execCommand("copy");
        }
        showNotice(t("common.copied"), "info");
      },
    },
    t("common.copy"),
  );
  f.wrap.appendChild(h("div", { class: "row" }, copy));
  return f.wrap;
}
