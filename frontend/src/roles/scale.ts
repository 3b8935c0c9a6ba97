// A 0–10 scaling question while its stage runs: each person picks a number (changeable until the reveal),
// everyone sees how many answered; after the moderator reveals it, the spread and the median, never who
// gave which number. Each person sees their own answer.

import "./strings";
import { h, replaceChildren, uid } from "../shared/dom";
import { t } from "../shared/i18n";
import { registerPanel } from "../shared/panels";
import type { State } from "../shared/store";
import type { ScaleView } from "../shared/wire";
import { once } from "../shared/ui";
import { can } from "./state";
import { text } from "./text";

const VALUES = Array.from({ length: 11 }, (_, i) => i);
const MIN_TO_REVEAL = 3;

function isOpen(state: State, scale: ScaleView): boolean {
  const current = state.meeting.stage?.current;
  return !scale.spread && !!current && scale.stages.includes(current);
}

registerPanel({
  id: "scale",
  roles: ["participant", "moderator"],
  area: "main",
  order: 5,
  place: { moderator: { area: "live2", order: 5 } },
  mount(section, ctx) {
    const body = h("div", { class: "scales" });
    section.append(body);

    function spread(scale: ScaleView): HTMLElement | null {
      if (!scale.spread) return null;
      const most = Math.max(1, ...scale.spread.counts);
      return h(
        "div",
        { class: "scale-spread", "data-testid": "scale-spread" },
        h("h3", {}, t("scale.spread")),
        h(
          "ol",
          { class: "scale-bars", start: "0" },
          ...scale.spread.counts.map((count, value) =>
            h(
              "li",
              { class: "scale-bar", "data-value": String(value) },
              h("span", { class: "scale-bar-label" }, t("scale.value_count", { value, count })),
              h("span", { class: "scale-bar-fill", style: `inline-size: ${(count / most) * 100}%`, "aria-hidden": "true" }),
            ),
          ),
        ),
        h("p", { "data-testid": "scale-median" }, t("scale.median", { median: scale.spread.median })),
      );
    }

    function one(state: State, scale: ScaleView): HTMLElement {
      const open = isOpen(state, scale);
      const legendId = uid("scale");
      const choices = h(
        "fieldset",
        { class: "scale-choices", "aria-describedby": `${legendId}-anchors` },
        h("legend", { id: legendId }, text(scale.question)),
        h("p", { class: "scale-anchors", id: `${legendId}-anchors` }, h("span", {}, `0 = ${text(scale.low)}`), h("span", {}, `10 = ${text(scale.high)}`)),
        h(
          "div",
          { class: "scale-values", role: "radiogroup", "aria-labelledby": legendId },
          ...VALUES.map((value) => {
            const id = `${legendId}-${value}`;
            const input = h("input", { type: "radio", name: legendId, id, value: String(value), "data-testid": `scale-value-${value}` }) as HTMLInputElement;
            input.checked = scale.my_answer === value;
            input.addEventListener("change", () => {
              if (!input.checked) return;
              void once(`scale-${scale.id}`, () => ctx.send("scale.answer", { scale_id: scale.id, value }));
            });
            return h("span", { class: "scale-value" }, input, h("label", { for: id }, String(value)));
          }),
        ),
      );
      const mayAnswer = open && can(state, "scale") && !state.you.observer;
      choices.hidden = !mayAnswer;
      const reveal =
        ctx.role === "moderator" && !scale.spread
          ? h(
              "button",
              {
                type: "button",
                class: "primary",
                "data-testid": "scale-reveal",
                "aria-disabled": scale.answered < MIN_TO_REVEAL ? "true" : null,
                onclick: () => {
                  if (scale.answered < MIN_TO_REVEAL) return;
                  void once(`reveal-${scale.id}`, () => ctx.send("scale.reveal", { scale_id: scale.id }));
                },
              },
              t("scale.reveal"),
            )
          : null;
      return h(
        "div",
        { class: "scale-item", "data-scale": scale.id },
        mayAnswer ? null : h("p", { class: "scale-question" }, text(scale.question)),
        choices,
        scale.my_answer !== null ? h("p", { "data-testid": "scale-mine" }, t("scale.your_answer", { value: scale.my_answer })) : null,
        h("p", { "data-testid": "scale-answered", role: "status" }, t("scale.answered", { count: scale.answered })),
        scale.spread ? spread(scale) : open ? h("p", { class: "hint" }, t("scale.waiting")) : null,
        reveal,
      );
    }

    const heading = h("h2", { id: uid("scale-heading") }, t("scale.heading"));
    section.prepend(heading);
    section.setAttribute("aria-labelledby", heading.id);
    return {
      update(state) {
        // Shown while its stage asks it, and once revealed (the group's result stays in view).
        const shown = state.meeting.scales.filter((s) => isOpen(state, s) || s.spread);
        section.hidden = !shown.length;
        const focused = document.activeElement instanceof HTMLInputElement && section.contains(document.activeElement) ? document.activeElement.id : null;
        replaceChildren(body, ...shown.map((s) => one(state, s)));
        if (focused) document.getElementById(focused)?.focus();
      },
    };
  },
});
