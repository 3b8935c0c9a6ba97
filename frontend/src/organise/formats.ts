// The organise page's formats: the picker lists GET /api/v1/formats (built-ins and the organiser's own, with
// their stages), and the editor copies a format (or starts empty) to rename, reorder, add or drop stages,
// boards and columns, then saves it with POST /api/v1/formats (docs/protocol.md, "Formats as data").

import "./format-strings";
import { apiFetch, ApiError } from "../shared/api";
import { h, replaceChildren } from "../shared/dom";
import { errorText } from "../shared/errors";
import { has, language, t } from "../shared/i18n";
import { showNotice } from "../shared/page";
import { textIn, type Texts } from "../shared/texts";
import { button, checkbox, field, once } from "../shared/ui";

interface ColumnDef {
  id: string;
  name: Texts;
  [more: string]: unknown;
}
interface BoardDef {
  id: string;
  name: Texts;
  columns: ColumnDef[];
  [more: string]: unknown;
}
interface StageDef {
  id: string;
  name: Texts;
  guidance?: Texts | null;
  boards?: string[];
  [more: string]: unknown;
}
export interface FormatDefinition {
  id: string;
  name: Texts;
  description?: Texts | null;
  stages: StageDef[];
  boards: BoardDef[];
  [more: string]: unknown;
}
export interface Format {
  id: string;
  name: string;
  description: string | null;
  builtin: boolean;
  stages: { id: string; name: string }[];
  definition: FormatDefinition;
}

let known: Format[] = [];
const listeners = new Set<() => void>();

/** Loads the formats this key may use; the picker and the editor follow. */
export async function loadFormats(key: string): Promise<void> {
  if (!key) return;
  try {
    const answer = await apiFetch<{ formats: Format[] }>(`/api/v1/formats?language=${encodeURIComponent(language())}`, { token: key });
    known = answer.formats;
    for (const listener of listeners) listener();
  } catch (error) {
    // A wrong or half-typed key: the picker keeps what it shows; creating the meeting names the problem.
    if ((error as ApiError).status !== 401) showNotice(errorText(error as ApiError));
  }
}

/** A format's name: from the list the server gave, else the page's own string for a built-in, else its id. */
export function formatLabel(id: string): string {
  const format = known.find((f) => f.id === id);
  if (format) return format.name;
  return has(`format.${id}`) ? t(`format.${id}`) : id;
}

/** The fallback before the key is known: the built-ins the page knows by name. */
const FALLBACK = ["ask_the_audience", "tour_de_table", "open"];
/** Every built-in, for a picker that offers all of them before the key is known (the series'). */
export const BUILTIN = ["network_meeting", "drop_in_session", "learning_conversation", "network_group_conference", "open", "tour_de_table", "ask_the_audience"];

/** The format picker: a select of every format, and the chosen format's description and stages. */
export function formatPicker(testId = "meeting-format", fallback = FALLBACK): { wrap: HTMLElement; control: HTMLSelectElement } {
  const select = h("select", { "data-testid": testId }) as HTMLSelectElement;
  const about = h("div", { class: "format-about", "data-testid": "format-about", "aria-live": "polite" });
  const picked = field(t("organise.format"), select);
  const fill = (): void => {
    const chosen = select.value;
    const options = known.length
      ? known.map((f) => h("option", { value: f.id }, f.builtin ? f.name : t("formats.own", { name: f.name })))
      : fallback.map((id) => h("option", { value: id }, t(`format.${id}`)));
    replaceChildren(select, ...options);
    // Keep the choice across a reload of the list (a key typed after choosing, a format just saved).
    if (chosen && [...select.options].some((o) => o.value === chosen)) select.value = chosen;
    describe();
  };
  const describe = (): void => {
    const format = known.find((f) => f.id === select.value);
    if (!format) {
      replaceChildren(about, h("p", { class: "hint" }, t("organise.format_hint")));
      return;
    }
    replaceChildren(
      about,
      format.description ? h("p", { class: "hint" }, format.description) : null,
      format.stages.length
        ? h("ol", { class: "format-stages", "aria-label": t("formats.stages_of", { name: format.name }) }, ...format.stages.map((s) => h("li", {}, s.name)))
        : h("p", { class: "hint" }, t("formats.no_stages")),
    );
  };
  select.addEventListener("change", describe);
  listeners.add(fill);
  fill();
  picked.wrap.appendChild(about);
  return { wrap: picked.wrap, control: select };
}

// The editor -------------------------------------------------------------------------------------

function slug(text: string, fallback: string): string {
  const made = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/^[^a-z]+/, "")
    .slice(0, 40);
  return made || fallback;
}

function unique(base: string, taken: string[]): string {
  let id = base.slice(0, 36);
  for (let n = 2; taken.includes(id); n++) id = `${base.slice(0, 36)}_${n}`;
  return id;
}

/** A text edited in the page's language; English is kept (the definition needs it) or set when missing. */
function setText(texts: Texts, value: string): Texts {
  const next = { ...texts, [language()]: value };
  if (!next.en) next.en = value;
  return next;
}

function emptyFormat(): FormatDefinition {
  return { id: "", name: { en: "" }, stages: [], boards: [] };
}

/** The editor, folded away under "Make your own format" until asked for. */
export function formatEditor(keyOf: () => string, chosen: (id: string) => void): HTMLElement {
  let draft: FormatDefinition = emptyFormat();
  let editing = false;
  const body = h("div", { class: "format-editor", "data-testid": "format-editor" });
  const source = h("select", { "data-testid": "format-source" }) as HTMLSelectElement;
  const sourceField = field(t("formats.start_from"), source, t("formats.start_hint"));
  const fillSources = (): void => {
    const current = source.value;
    replaceChildren(source, h("option", { value: "" }, t("formats.empty")), ...known.map((f) => h("option", { value: f.id }, f.name)));
    if ([...source.options].some((o) => o.value === current)) source.value = current;
  };
  listeners.add(fillSources);
  fillSources();

  const start = (): void => {
    const from = known.find((f) => f.id === source.value);
    draft = from ? (JSON.parse(JSON.stringify(from.definition)) as FormatDefinition) : emptyFormat();
    const taken = known.map((f) => f.id);
    if (from) {
      draft.name = setText(draft.name, t("formats.copy_of", { name: from.name }));
      draft.id = unique(`${from.id}_copy`, taken);
    }
    editing = true;
    render();
    body.querySelector<HTMLElement>('[data-testid="format-name"]')?.focus();
  };

  const section = h(
    "details",
    { class: "card format-maker", "data-testid": "format-maker" },
    h("summary", {}, t("formats.make")),
    h("p", { class: "hint" }, t("formats.lead")),
    sourceField.wrap,
    button(t("formats.start"), start, { "data-testid": "format-start" }),
    body,
  );

  function move<T>(list: T[], index: number, by: number): void {
    const to = index + by;
    if (to < 0 || to >= list.length) return;
    [list[index], list[to]] = [list[to], list[index]];
  }

  /** Re-renders and puts focus back on the control the person used (by its data-focus-key). */
  function rerender(focusKey?: string): void {
    render();
    if (focusKey) body.querySelector<HTMLElement>(`[data-focus-key="${focusKey}"]`)?.focus();
  }

  function stageItem(stage: StageDef, index: number): HTMLElement {
    const label = textIn(stage.name) || t("formats.unnamed");
    const name = field(t("formats.stage_name"), h("input", { type: "text", maxlength: 200, value: textIn(stage.name), "data-testid": `stage-name-${index}` }));
    name.control.addEventListener("input", () => {
      stage.name = setText(stage.name, name.control.value);
    });
    const guidance = field(t("formats.stage_guidance"), h("textarea", { rows: 2, maxlength: 2000, "data-testid": `stage-guidance-${index}` }));
    guidance.control.value = textIn(stage.guidance);
    guidance.control.addEventListener("input", () => {
      const value = guidance.control.value.trim();
      stage.guidance = value ? setText(stage.guidance ?? { en: value }, value) : null;
    });
    const open = new Set(stage.boards ?? []);
    const boards = draft.boards.length
      ? h(
          "fieldset",
          { class: "stage-boards" },
          h("legend", {}, t("formats.stage_boards")),
          ...draft.boards.map((board) => {
            const box = checkbox(textIn(board.name) || board.id, { "data-testid": `stage-${index}-board-${board.id}` });
            box.control.checked = open.has(board.id);
            box.control.addEventListener("change", () => {
              if (box.control.checked) open.add(board.id);
              else open.delete(board.id);
              stage.boards = draft.boards.map((b) => b.id).filter((id) => open.has(id));
            });
            return box.wrap;
          }),
        )
      : null;
    return h(
      "li",
      { class: "format-item", "data-testid": `stage-item-${index}` },
      h("h3", {}, t("formats.stage_n", { n: index + 1 }), " · ", label),
      name.wrap,
      guidance.wrap,
      boards,
      h(
        "div",
        { class: "actions" },
        button(t("formats.up"), () => { move(draft.stages, index, -1); rerender(`stage-up-${index - 1}`); }, { disabled: index === 0, "aria-label": t("formats.move_up", { name: label }), "data-focus-key": `stage-up-${index}`, "data-testid": `stage-up-${index}` }),
        button(t("formats.down"), () => { move(draft.stages, index, 1); rerender(`stage-down-${index + 1}`); }, { disabled: index === draft.stages.length - 1, "aria-label": t("formats.move_down", { name: label }), "data-focus-key": `stage-down-${index}`, "data-testid": `stage-down-${index}` }),
        button(t("formats.remove"), () => { draft.stages.splice(index, 1); rerender("add-stage"); }, { class: "danger", "aria-label": t("formats.remove_named", { name: label }), "data-testid": `stage-remove-${index}` }),
      ),
    );
  }

  function boardItem(board: BoardDef, index: number): HTMLElement {
    const label = textIn(board.name) || t("formats.unnamed");
    const name = field(t("formats.board_name"), h("input", { type: "text", maxlength: 200, value: textIn(board.name), "data-testid": `board-name-${index}` }));
    name.control.addEventListener("input", () => {
      board.name = setText(board.name, name.control.value);
    });
    const columns = h(
      "ul",
      { class: "format-columns", "aria-label": t("formats.columns_of", { name: label }) },
      ...board.columns.map((column, c) => {
        const columnName = field(t("formats.column_n", { n: c + 1 }), h("input", { type: "text", maxlength: 200, value: textIn(column.name), "data-testid": `board-${index}-column-${c}` }));
        columnName.control.addEventListener("input", () => {
          column.name = setText(column.name, columnName.control.value);
        });
        return h(
          "li",
          {},
          columnName.wrap,
          button(t("formats.remove"), () => { board.columns.splice(c, 1); rerender(`add-column-${index}`); }, { class: "link-button", disabled: board.columns.length === 1, "aria-label": t("formats.remove_named", { name: textIn(column.name) || t("formats.column_n", { n: c + 1 }) }) }),
        );
      }),
    );
    const addColumn = button(
      t("formats.add_column"),
      () => {
        board.columns.push({ id: unique(`column_${board.columns.length + 1}`, board.columns.map((x) => x.id)), name: { en: "" } });
        render();
        body.querySelector<HTMLInputElement>(`[data-testid="board-${index}-column-${board.columns.length - 1}"]`)?.focus();
      },
      { "data-focus-key": `add-column-${index}`, "data-testid": `add-column-${index}` },
    );
    return h(
      "li",
      { class: "format-item", "data-testid": `board-item-${index}` },
      h("h3", {}, t("formats.board_n", { n: index + 1 }), " · ", label),
      name.wrap,
      columns,
      h(
        "div",
        { class: "actions" },
        addColumn,
        button(t("formats.up"), () => { move(draft.boards, index, -1); rerender(`board-up-${index - 1}`); }, { disabled: index === 0, "aria-label": t("formats.move_up", { name: label }), "data-focus-key": `board-up-${index}` }),
        button(t("formats.down"), () => { move(draft.boards, index, 1); rerender(`board-down-${index + 1}`); }, { disabled: index === draft.boards.length - 1, "aria-label": t("formats.move_down", { name: label }), "data-focus-key": `board-down-${index}` }),
        button(
          t("formats.remove"),
          () => {
            draft.boards.splice(index, 1);
            // A stage cannot open a board the format no longer has.
            for (const stage of draft.stages) stage.boards = (stage.boards ?? []).filter((id) => id !== board.id);
            rerender("add-board");
          },
          { class: "danger", "aria-label": t("formats.remove_named", { name: label }), "data-testid": `board-remove-${index}` },
        ),
      ),
    );
  }

  /** Ids of new stages, boards and columns follow their names (the server wants slugs). */
  function settleIds(): void {
    const stageIds: string[] = [];
    for (const [i, stage] of draft.stages.entries()) {
      if (stage.id.startsWith("new_stage")) stage.id = unique(slug(stage.name.en ?? "", `stage_${i + 1}`), stageIds);
      stageIds.push(stage.id);
    }
    const renamed = new Map<string, string>();
    const boardIds: string[] = [];
    for (const [i, board] of draft.boards.entries()) {
      if (board.id.startsWith("new_board")) {
        const id = unique(slug(board.name.en ?? "", `board_${i + 1}`), boardIds);
        renamed.set(board.id, id);
        board.id = id;
      }
      boardIds.push(board.id);
      const columnIds: string[] = [];
      for (const [c, column] of board.columns.entries()) {
        if (/^column_\d+$/.test(column.id) && column.name.en) column.id = unique(slug(column.name.en, `column_${c + 1}`), columnIds);
        columnIds.push(column.id);
      }
    }
    for (const stage of draft.stages) stage.boards = (stage.boards ?? []).map((id) => renamed.get(id) ?? id);
  }

  function render(): void {
    if (!editing) {
      replaceChildren(body);
      return;
    }
    const name = field(t("formats.name"), h("input", { type: "text", required: true, maxlength: 200, value: textIn(draft.name), "data-testid": "format-name" }));
    name.control.addEventListener("input", () => {
      draft.name = setText(draft.name, name.control.value);
      if (!known.some((f) => f.id === draft.id) && (id.control.dataset.touched !== "yes")) id.control.value = draft.id = slug(draft.name.en ?? "", "");
    });
    const id = field(t("formats.id"), h("input", { type: "text", required: true, maxlength: 40, pattern: "[a-z][a-z0-9_]{0,39}", value: draft.id, "data-testid": "format-id" }), t("formats.id_hint"));
    id.control.addEventListener("input", () => {
      id.control.dataset.touched = "yes";
      draft.id = id.control.value.trim();
    });
    const description = field(t("formats.description"), h("textarea", { rows: 2, maxlength: 2000, "data-testid": "format-description" }));
    description.control.value = textIn(draft.description);
    description.control.addEventListener("input", () => {
      const value = description.control.value.trim();
      draft.description = value ? setText(draft.description ?? { en: value }, value) : null;
    });
    const addStage = button(
      t("formats.add_stage"),
      () => {
        draft.stages.push({ id: unique(`new_stage_${draft.stages.length + 1}`, draft.stages.map((s) => s.id)), name: { en: "" } });
        render();
        body.querySelector<HTMLInputElement>(`[data-testid="stage-name-${draft.stages.length - 1}"]`)?.focus();
      },
      { "data-focus-key": "add-stage", "data-testid": "add-stage" },
    );
    const addBoard = button(
      t("formats.add_board"),
      () => {
        draft.boards.push({ id: unique(`new_board_${draft.boards.length + 1}`, draft.boards.map((b) => b.id)), name: { en: "" }, columns: [{ id: "column_1", name: { en: "" } }] });
        render();
        body.querySelector<HTMLInputElement>(`[data-testid="board-name-${draft.boards.length - 1}"]`)?.focus();
      },
      { "data-focus-key": "add-board", "data-testid": "add-board" },
    );
    const save = h("button", { type: "submit", class: "primary", "data-testid": "format-save" }, t("formats.save"));
    const form = h(
      "form",
      { class: "format-form", novalidate: true },
      name.wrap,
      id.wrap,
      description.wrap,
      h("h2", {}, t("formats.stages")),
      draft.stages.length ? h("ol", { class: "format-list", "data-testid": "format-stages" }, ...draft.stages.map(stageItem)) : h("p", { class: "hint" }, t("formats.no_stages")),
      addStage,
      h("h2", {}, t("formats.boards")),
      draft.boards.length ? h("ol", { class: "format-list", "data-testid": "format-boards" }, ...draft.boards.map(boardItem)) : h("p", { class: "hint" }, t("formats.no_boards")),
      addBoard,
      h("div", { class: "actions" }, save, button(t("formats.cancel"), () => { editing = false; render(); source.focus(); })),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void once("format-save", async () => {
        settleIds();
        try {
          const made = await apiFetch<Format>(`/api/v1/formats?language=${encodeURIComponent(language())}`, { method: "POST", token: keyOf(), json: draft });
          await loadFormats(keyOf());
          editing = false;
          render();
          section.open = false;
          showNotice(t("formats.saved", { name: made.name }), "info");
          chosen(made.id);
        } catch (error) {
          const err = error as ApiError;
          showNotice(err.status === 401 ? t("organise.bad_key") : `${errorText(err)} ${err.code === "invalid_input" ? err.message : ""}`.trim());
        }
      });
    });
    replaceChildren(body, form);
  }

  return section;
}
