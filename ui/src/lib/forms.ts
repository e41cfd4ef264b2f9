// Interview forms in the UI: labels in a chosen language, which questions
// are asked (`show_if`), the answers sent to the shell, and answers and
// proposals as people read them. The rules themselves live in the core;
// this only mirrors what the editor needs to show before it saves.
import type {
  AnswerLineView, FormAnswer, FormView, QuestionView, ReasonView,
} from './ipc/bindings';

export type Labels = { [key in string]?: string };
export type Answers = Record<string, FormAnswer>;

/** The text in `lang`, else English, else any language (as the core). */
export function label(labels: Labels | null | undefined, lang: string): string {
  if (!labels) return '';
  return labels[lang] ?? labels.en ?? Object.values(labels).find((x) => x !== undefined) ?? '';
}

/** The language the questions are asked in by default: the app's when
 * the form has it, else English, else the form's first. */
export function defaultFormLang(form: FormView, appLang: string): string {
  if (form.languages.includes(appLang)) return appLang;
  return form.languages.includes('en') ? 'en' : (form.languages[0] ?? appLang);
}

/** Whether an answer says something (blank text and an empty list do not). */
export function isGiven(a: FormAnswer | undefined): boolean {
  if (a === undefined || a === null) return false;
  if (typeof a === 'string') return a.trim() !== '';
  if (Array.isArray(a)) return a.length > 0;
  return true;
}

/** Whether `a` is `choice` (`yes`/`no` for a yes/no), or holds it. */
export function matches(a: FormAnswer | undefined, choice: string): boolean {
  if (typeof a === 'boolean') return choice === (a ? 'yes' : 'no');
  if (typeof a === 'string') return a === choice;
  if (Array.isArray(a)) return a.includes(choice);
  return false;
}

/** The ids of the questions asked, given `answers`: a question whose
 * condition names a question not asked is not asked either. */
export function askedIds(form: FormView, answers: Answers): Set<string> {
  const asked = new Set<string>();
  for (const q of form.sections.flatMap((s) => s.questions)) {
    const c = q.show_if;
    if (!c || (asked.has(c.question) && matches(answers[c.question], c.answer))) asked.add(q.id);
  }
  return asked;
}

/** The answers to send: those given to questions asked, text trimmed. */
export function answersToSend(form: FormView, answers: Answers): Answers {
  const asked = askedIds(form, answers);
  const out: Answers = {};
  for (const [id, a] of Object.entries(answers)) {
    if (!asked.has(id) || !isGiven(a)) continue;
    out[id] = typeof a === 'string' ? a.trim() : a;
  }
  return out;
}

/** The required questions asked but not answered, in form order. */
export function missingRequired(form: FormView, answers: Answers): string[] {
  const asked = askedIds(form, answers);
  return form.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.required && asked.has(q.id) && !isGiven(answers[q.id]))
    .map((q) => q.id);
}

/** Whether any answer is given (a form note then needs no narrative). */
export function anyGiven(answers: Answers): boolean {
  return Object.values(answers).some(isGiven);
}

/** The question an `invalid_answer` error is about, if any. */
export function questionOfError(e: { code: string; question?: string } | null): string | null {
  if (!e || e.code !== 'invalid_answer') return null;
  return e.question ?? null;
}

/** An answer line as read: yes/no words, chosen labels, or the value. */
export function lineText(line: AnswerLineView, yesNo: (yes: boolean) => string): string {
  const a = line.answer;
  if (line.choices.length) return line.choices.join(', ');
  if (typeof a === 'boolean') return yesNo(a);
  if (Array.isArray(a)) return a.join(', ');
  return String(a);
}

function question(form: FormView, id: string): QuestionView | undefined {
  return form.sections.flatMap((s) => s.questions).find((q) => q.id === id);
}

/** Why a need or risk is proposed: "<question>: <answer>" in `lang`. */
export function reasonText(
  form: FormView | null, r: ReasonView, lang: string, yesNo: (yes: boolean) => string,
): string {
  const q = form ? question(form, r.question) : undefined;
  if (!q) return `${r.question}: ${r.answer}`;
  const choice = q.choices.find((c) => c.id === r.answer);
  const answer = choice ? label(choice.label, lang)
    : r.answer === 'yes' || r.answer === 'no' ? yesNo(r.answer === 'yes') : r.answer;
  return `${label(q.label, lang)}: ${answer}`;
}

/** A language code's name in the app's language (`Intl.DisplayNames`). */
export function languageName(code: string, appLang: string): string {
  try {
    return new Intl.DisplayNames([appLang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
