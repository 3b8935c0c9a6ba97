// The organiser page: sign in with the organiser key, then the desk (./desk.ts), a new meeting (./create.ts) and
// the collated form results (./results.ts); series of meetings at /organise#series (./series.ts). Each section is
// a module of its own; this file only puts them on the page.

import "./strings";
import { h, replaceChildren } from "../shared/dom";
import { t } from "../shared/i18n";
import { startPage } from "../shared/page";
import { field } from "../shared/ui";
import { createSection } from "./create";
import { deskSection, showUpcoming } from "./desk";
import { formatEditor } from "./formats";
import { forget, keyForm, organiser, organiserKey, resume } from "./key";
import { resultsCard } from "./results";
import { renderSeries } from "./series";

let checked = false;

function signedIn(name: string, main: HTMLElement): HTMLElement {
  const signOut = h("button", { type: "button", class: "link-button", "data-testid": "sign-out", onclick: () => { forget(); render(main); main.focus(); } }, t("desk.sign_out"));
  return h("p", { class: "row", "data-testid": "signed-in" }, h("span", { dir: "auto" }, t("desk.signed_in", { name })), signOut);
}

function render(main: HTMLElement): void {
  document.title = `${t("desk.title")} · Roundtable`;
  const me = organiser();
  if (!checked) {
    // The key kept from before is being checked.
    replaceChildren(main, h("h1", {}, t("organise.title")), h("p", { class: "loading" }, t("desk.loading")));
    return;
  }
  if (window.location.hash === "#series") {
    if (me) {
      renderSeries(main, signedIn(me.name, main), organiserKey);
    } else {
      const key = field(t("organise.key"), h("input", { type: "password", autocomplete: "off", required: true, "data-testid": "organiser-key" }), t("organise.key_hint"));
      renderSeries(main, key.wrap, () => key.control.value.trim());
    }
    return;
  }
  if (!me) {
    replaceChildren(main, h("h1", {}, t("organise.title")), keyForm(() => { render(main); main.focus(); }));
    return;
  }
  replaceChildren(
    main,
    h("h1", {}, t("desk.title")),
    signedIn(me.name, main),
    h("p", {}, h("a", { href: "/organise#series", "data-testid": "open-series" }, t("series.open"))),
    deskSection(),
    createSection(showUpcoming),
    // A format saved in the editor is chosen in the new meeting's format picker (./create.ts).
    formatEditor(organiserKey, (id) => {
      const picker = main.querySelector<HTMLSelectElement>('[data-testid="meeting-format"]');
      if (!picker) return;
      picker.value = id;
      picker.dispatchEvent(new Event("change"));
      picker.focus();
    }),
    resultsCard(organiserKey),
  );
}

document.body.classList.add("page-narrow");
const frame = startPage({ render: ({ main }) => render(main) });
// /organise and /organise#series are two views of one page.
window.addEventListener("hashchange", () => render(frame.main));
void resume().then(() => {
  checked = true;
  render(frame.main);
});
