// Charts as SVG built with plain DOM: every text goes in through textContent, never parsed as markup.

import { t } from "../shared/i18n";

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** The 0–10 distribution: one bar per point of the scale, its count above it, the point below. */
export function distributionChart(distribution: number[]): SVGSVGElement {
  const width = 330;
  const height = 150;
  const top = 18;
  const base = height - 22;
  const step = width / 11;
  const highest = Math.max(1, ...distribution);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img", "data-testid": "distribution-chart" });
  chart.appendChild(svg("title", {}, t("results.chart_label")));
  // The bars run from 0 at the left in every language: a scale is read as numbers, not as text.
  chart.setAttribute("direction", "ltr");
  distribution.forEach((count, point) => {
    const barHeight = Math.round(((base - top) * count) / highest);
    const x = Math.round(point * step + 3);
    const group = svg("g", { "data-point": point, "data-count": count });
    group.appendChild(svg("title", {}, t("results.chart", { n: count, value: point })));
    group.appendChild(svg("rect", { x, y: base - barHeight, width: Math.round(step - 6), height: Math.max(barHeight, count ? 1 : 0), fill: "currentColor", opacity: 0.75 }));
    group.appendChild(svg("text", { x: x + (step - 6) / 2, y: base - barHeight - 4, "text-anchor": "middle", "font-size": 11, fill: "currentColor" }, count ? String(count) : ""));
    group.appendChild(svg("text", { x: x + (step - 6) / 2, y: height - 6, "text-anchor": "middle", "font-size": 12, fill: "currentColor" }, String(point)));
    chart.appendChild(group);
  });
  chart.appendChild(svg("line", { x1: 0, x2: width, y1: base + 0.5, y2: base + 0.5, stroke: "currentColor", "stroke-width": 1 }));
  return chart;
}

/** A horizontal bar for a count out of a total (choice and yes/no counts). */
export function countBar(count: number, total: number): SVGSVGElement {
  const bar = svg("svg", { viewBox: "0 0 100 8", class: "count-bar", "aria-hidden": "true", preserveAspectRatio: "none" });
  bar.appendChild(svg("rect", { x: 0, y: 0, width: 100, height: 8, fill: "currentColor", opacity: 0.15 }));
  bar.appendChild(svg("rect", { x: 0, y: 0, width: total ? Math.round((100 * count) / total) : 0, height: 8, fill: "currentColor", opacity: 0.7 }));
  return bar;
}
