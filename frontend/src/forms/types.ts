// The forms' HTTP shapes (docs/protocol.md, "Forms (HTTP)"): not on the socket, so not in wire.ts.

export type Texts = Record<string, string>;
export type Kind = "short_text" | "long_text" | "single_choice" | "multiple_choice" | "scale_0_10" | "yes_no";

export interface Question {
  id: string;
  kind: Kind;
  text: Texts;
  hint?: Texts;
  required?: boolean;
  choices?: { id: string; label: Texts }[];
  low?: Texts;
  high?: Texts;
  prefill?: string;
}

export interface FormView {
  id: string;
  meeting_id: string;
  template: string | null;
  definition: { title: Texts; intro?: Texts; questions: Question[] };
  audience: string;
  anonymous: boolean;
  state: "draft" | "scheduled" | "open" | "closed";
  opens_at: string | null;
  deadline: string;
  reminder_at: string | null;
  closed_at: string | null;
  for_me: boolean;
  answered: boolean;
  prefill: Record<string, string>;
  answers: number | null;
}

export interface QuestionResult {
  id: string;
  kind: Kind;
  text: Texts;
  low?: Texts | null;
  high?: Texts | null;
  answered: number;
  distribution?: number[] | null;
  median?: number | null;
  counts?: Record<string, number> | null;
  labels?: Record<string, Texts> | null;
  texts?: { text: string; by: string | null }[] | null;
}

export interface FormResults {
  form_id: string;
  meeting_id: string;
  meeting_title: string;
  meeting_date: string;
  template: string | null;
  title: Texts;
  anonymous: boolean;
  state: FormView["state"];
  shown: boolean;
  count: number | null;
  questions: QuestionResult[];
}

export interface Template {
  id: string;
  name: Texts;
}
