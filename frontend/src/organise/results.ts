// The organiser's collated form results: forms of many meetings, chosen by format, series and meeting date,
// taken together per template (the 0–10 distribution as a chart, counts, written answers), with CSV and JSON.

import "../forms/strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { language, t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { field, once } from "../shared/ui";
import { download, questionResult, textIn } from "../forms/results-view";
import type { QuestionResult, Texts } from "../forms/types";

interface Group {
  template: string | null;
  title: Texts;
  anonymous: boolean;
  forms: number;
  meetings: number;
  count: number;
  questions: QuestionResult[];
}

interface Collated {
  groups: Group[];
}

/** The results card of the organise page; `key()` is the organiser key typed on the page. */
export function resultsCard(key: () => string): HTMLElement {
  const format = field(t("results.format"), h("input", { type: "text", maxlength: 40, "data-testid": "results-format" }));
  const series = field(t("results.series"), h("input", { type: "text", maxlength: 36 }));
  const from = field(t("results.from"), h("input", { type: "date", "data-testid": "results-from" }));
  const to = field(t("results.to"), h("input", { type: "date", "data-testid": "results-to" }));
  const out = h("div", { class: "collated", "aria-live": "polite", "data-testid": "collated" });

  const query = (extra: Record<string, string> = {}): string => {
    const params = new URLSearchParams();
    if (format.control.value.trim()) params.set("format", format.control.value.trim());
    if (series.control.value.trim()) params.set("series", series.control.value.trim());
    if (from.control.value) params.set("from", from.control.value);
    if (to.control.value) params.set("to", to.control.value);
    for (const [name, value] of Object.entries(extra)) params.set(name, value);
    return `/api/v1/results?${params.toString()}`;
  };

  const show = async (): Promise<void> => {
    try {
      const collated = await apiFetch<Collated>(query(), { token: key() });
      if (!collated.groups.length) {
        replaceChildren(out, h("p", { class: "empty" }, t("results.none")));
        return;
      }
      replaceChildren(
        out,
        ...collated.groups.map((group) =>
          h(
            "section",
            { class: "card group", "data-template": group.template ?? "" },
            h("h3", {}, textIn(group.title)),
            h("p", { class: "hint" }, t("results.forms", { n: group.forms, meetings: group.meetings }), " · ", t("results.count", { n: group.count })),
            ...group.questions.map(questionResult),
          ),
        ),
      );
    } catch (error) {
      showNotice(errorText(error as ApiError));
    }
  };

  const exportAs = async (kind: "csv" | "json"): Promise<void> => {
    try {
      const body = await apiFetch<unknown>(query({ export: kind, language: language() }), { token: key() });
      download(typeof body === "string" ? body : JSON.stringify(body, null, 2), `results.${kind}`, kind === "csv" ? "text/csv" : "application/json");
    } catch (error) {
      showNotice(errorText(error as ApiError));
    }
  };

  const form = h(
    "form",
    { class: "card results-filters", "data-testid": "results-form" },
    h("h2", {}, t("results.filters")),
    format.wrap,
    series.wrap,
    from.wrap,
    to.wrap,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary" }, t("results.show")),
      h("button", { type: "button", onclick: () => void once("results-csv", () => exportAs("csv")) }, t("results.download_csv")),
      h("button", { type: "button", onclick: () => void once("results-json", () => exportAs("json")) }, t("results.download_json")),
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void once("results-show", show);
  });
  return h("div", { class: "organise-results" }, form, out);
}
