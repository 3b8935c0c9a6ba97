// One form's results as the console and the organise page show them: counts, the 0–10 chart and median,
// choice counts and the written answers per question. Texts reach the page only as text.

import "./strings";
import { h } from "../shared/dom";
import { language, t } from "../shared/i18n";
import { countBar, distributionChart } from "./chart";
import type { QuestionResult, Texts } from "./types";

export function textIn(texts: Texts | null | undefined): string {
  if (!texts) return "";
  return texts[language()] || texts.en || "";
}

export function questionResult(q: QuestionResult): HTMLElement {
  const box = h("div", { class: "question-result", "data-question": q.id }, h("h4", {}, textIn(q.text)), h("p", { class: "hint" }, t("results.count", { n: q.answered })));
  if (q.distribution) {
    box.append(distributionChart(q.distribution));
    if (q.low && q.high) box.append(h("p", { class: "hint" }, t("forms.scale_low", { text: textIn(q.low) }), h("br"), t("forms.scale_high", { text: textIn(q.high) })));
    if (q.median !== null && q.median !== undefined) box.append(h("p", { "data-testid": "median" }, t("results.median", { median: q.median })));
  }
  if (q.counts) {
    const total = Object.values(q.counts).reduce((a, b) => a + b, 0);
    box.append(
      h(
        "ul",
        { class: "counts" },
        ...Object.entries(q.counts).map(([id, n]) => {
          const label = q.kind === "yes_no" ? t(`forms.${id}`) : textIn(q.labels?.[id]) || id;
          return h("li", {}, h("span", {}, `${label}: ${n}`), countBar(n, total));
        }),
      ),
    );
  }
  if (q.texts && q.texts.length) {
    box.append(
      h(
        "ul",
        { class: "texts", "aria-label": t("results.texts") },
        ...q.texts.map((answer) => h("li", {}, h("span", { dir: "auto" }, answer.text), answer.by ? h("span", { class: "hint" }, ` — ${answer.by}`) : null)),
      ),
    );
  }
  return box;
}

export function download(text: string, filename: string, type: string): void {
  const blob = new Blob([text], { type });
  const link = document.createElement("a");
  // A blob: address made here, not user input; set directly because h() only takes http(s) links.
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
