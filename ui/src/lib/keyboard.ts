/**
 * The keyboard of the meeting page: a clerk types a meeting's agenda and votes during the
 * meeting without the mouse. Pure functions over key events and the agenda, so that they can
 * be tested without a window; the view (views/meetings.ts) wires them to the page.
 */
import type { AgendaItemView } from "./bindings/AgendaItemView";
import type { Outcome } from "./bindings/Outcome";
import type { EditView } from "./bindings/EditView";
import { hasKey, t } from "./i18n";
import { flattenAgenda } from "./register";

/** The parts of a key event the page decides on. */
export interface KeyPress {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

/** True when an element holds text a person is editing: the browser's own undo is theirs. */
export function isEditingText(el: Element | null): boolean {
  if (el === null) return false;
  if ((el as HTMLElement).isContentEditable) return true;
  const tag = el.tagName.toLowerCase();
  if (tag === "textarea") return (el as HTMLTextAreaElement).value !== "";
  if (tag !== "input") return false;
  const input = el as HTMLInputElement;
  const texty = ["text", "search", "number", "email", "url", "tel", ""].includes(input.type);
  return texty && input.value !== "";
}

/** True when focus is in a field that takes typed characters (a `?` there is a question mark). */
export function isTextField(el: Element | null): boolean {
  if (el === null) return false;
  const tag = el.tagName.toLowerCase();
  return tag === "input" || tag === "textarea" || tag === "select" || (el as HTMLElement).isContentEditable;
}

export type PageAction = "undo" | "help" | null;

/** What a key pressed anywhere on the meeting page asks for: Ctrl+Z (⌘Z) undoes the last edit
 * unless a text field is being edited; `?` shows the shortcuts unless one is typing. */
export function pageAction(e: KeyPress, target: Element | null): PageAction {
  const ctrl = (e.ctrlKey === true || e.metaKey === true) && e.altKey !== true;
  if (ctrl && e.shiftKey !== true && e.key.toLowerCase() === "z") {
    return isEditingText(target) ? null : "undo";
  }
  if (e.key === "?" && !ctrl && !isTextField(target)) return "help";
  return null;
}

export type EntryAction = "save" | "indent" | "outdent" | "clear" | "agenda" | null;

/** Keys of the row where the next agenda item is typed: Enter saves it (and opens the next
 * row), Alt+→ makes it a sub-item of the item above, Alt+← takes it back a level, Esc empties
 * it, ↑ in an empty field goes up into the agenda. */
export function entryAction(e: KeyPress, fieldEmpty = false): EntryAction {
  if (e.ctrlKey === true || e.metaKey === true) return null;
  if (e.key === "Enter" && e.altKey !== true && e.shiftKey !== true) return "save";
  if (e.altKey === true && e.key === "ArrowRight") return "indent";
  if (e.altKey === true && e.key === "ArrowLeft") return "outdent";
  if (e.altKey === true) return null;
  if (e.key === "Escape") return "clear";
  if (e.key === "ArrowUp" && fieldEmpty && e.shiftKey !== true) return "agenda";
  return null;
}

/** Where a new item typed at `depth` goes, after every item of the agenda: under which parent,
 * after which sibling, and how deep it may go (one level below the last item). */
export interface EntryPlace {
  depth: number;
  maxDepth: number;
  parent: AgendaItemView | null;
  previous: AgendaItemView | null;
}

export function entryPlace(agenda: AgendaItemView[], depth: number): EntryPlace {
  const flat = flattenAgenda(agenda);
  const last = flat.length > 0 ? flat[flat.length - 1] : null;
  const maxDepth = last === null ? 0 : last.depth + 1;
  const d = Math.max(0, Math.min(depth, maxDepth));
  let parent: AgendaItemView | null = null;
  let previous: AgendaItemView | null = null;
  for (const { item, depth: at } of flat) {
    if (at === d - 1) {
      parent = item;
      previous = null;
    } else if (at === d) {
      previous = item;
    }
  }
  return { depth: d, maxDepth, parent, previous };
}

/** The number the next item probably has: one on from the item before it ("2" → "3",
 * "8a" → "8b", "3.1" → "3.2"), the parent's first sub-item ("2" → "2a", "2a" → "2a.1"), or
 * "1" for the first item; "" when there is no telling. */
export function nextNumber(previous: string | null, parent: string | null): string {
  const prev = previous?.trim() ?? "";
  if (prev !== "") {
    const digits = /^(.*?)(\d+)([.)]?)$/.exec(prev);
    if (digits) return `${digits[1]}${Number.parseInt(digits[2], 10) + 1}${digits[3]}`;
    const letter = /^(.*\d)([a-y])$/.exec(prev);
    if (letter) return `${letter[1]}${String.fromCharCode(letter[2].charCodeAt(0) + 1)}`;
    return "";
  }
  const up = parent?.trim() ?? "";
  if (parent === null) return "1";
  if (up === "") return "";
  return /\d$/.test(up) ? `${up}a` : `${up}.1`;
}

export type AgendaAction =
  | "next"
  | "previous"
  | "first"
  | "last"
  | "motion"
  | "vote"
  | "entry"
  | "move-up"
  | "move-down"
  | "delete"
  | null;

/** Keys on a row of the agenda (an item, or a motion on it): ↑/↓ or J/K move, Home/End go to
 * the first or last row, M adds a motion to an item, S (or Enter) opens a motion's vote, N goes
 * to the row where the next item is typed; on an item, Alt+↑/Alt+↓ move it up or down among
 * its siblings and Delete removes it (Ctrl+Z puts it back). */
export function agendaAction(e: KeyPress, row: "item" | "motion"): AgendaAction {
  if (e.ctrlKey === true || e.metaKey === true) return null;
  if (e.altKey === true) {
    if (row !== "item" || e.shiftKey === true) return null;
    if (e.key === "ArrowUp") return "move-up";
    if (e.key === "ArrowDown") return "move-down";
    return null;
  }
  if (e.key === "Delete" && row === "item") return "delete";
  switch (e.key.toLowerCase()) {
    case "arrowdown":
    case "j":
      return "next";
    case "arrowup":
    case "k":
      return "previous";
    case "home":
      return "first";
    case "end":
      return "last";
    case "m":
      return row === "item" ? "motion" : null;
    case "s":
      return row === "motion" ? "vote" : null;
    case "enter":
      return row === "motion" ? "vote" : null;
    case "n":
      return "entry";
    default:
      return null;
  }
}

/** A vote option and the key that gives it. */
export const VOTE_OPTIONS = ["voor", "tegen", "onthouden", "afwezig"] as const;
export type VoteOption = (typeof VOTE_OPTIONS)[number];

export type VoteAction =
  | { kind: "set"; option: VoteOption }
  | { kind: "clear" }
  | { kind: "next" }
  | { kind: "previous" }
  | { kind: "first" }
  | { kind: "last" }
  | { kind: "save" }
  | { kind: "close" };

/** Keys on a party's row of the vote: V voor, T tegen, O onthouden, A afwezig (each moves on
 * to the next party), Backspace/Delete/0 empties it, ↑/↓ move (Home/End: first, last), Enter
 * records, Esc closes. */
export function voteAction(e: KeyPress): VoteAction | null {
  if (e.ctrlKey === true || e.metaKey === true || e.altKey === true) return null;
  switch (e.key.toLowerCase()) {
    case "v":
      return { kind: "set", option: "voor" };
    case "t":
      return { kind: "set", option: "tegen" };
    case "o":
      return { kind: "set", option: "onthouden" };
    case "a":
      return { kind: "set", option: "afwezig" };
    case "backspace":
    case "delete":
    case "0":
      return { kind: "clear" };
    case "arrowdown":
    case "j":
      return { kind: "next" };
    case "arrowup":
    case "k":
      return { kind: "previous" };
    case "home":
      return { kind: "first" };
    case "end":
      return { kind: "last" };
    case "enter":
      return { kind: "save" };
    case "escape":
      return { kind: "close" };
    default:
      return null;
  }
}

/** The outcomes the last row of the vote gives, by their key. */
export const OUTCOME_KEYS: Readonly<Record<string, Outcome>> = {
  a: "aangenomen",
  v: "verworpen",
  i: "ingetrokken",
  h: "aangehouden",
};

/** Keys on the outcome row of the vote: A aangenomen, V verworpen, I ingetrokken,
 * H aangehouden; the other keys as on a party's row. */
export function outcomeAction(e: KeyPress): { kind: "outcome"; outcome: Outcome } | VoteAction | null {
  if (e.ctrlKey === true || e.metaKey === true || e.altKey === true) return null;
  const outcome = OUTCOME_KEYS[e.key.toLowerCase()];
  if (outcome !== undefined) return { kind: "outcome", outcome };
  const action = voteAction(e);
  return action?.kind === "set" ? null : action;
}

/** The parties' choices as a clerk would type them: "voor: CU, Volt; tegen: PVV"; "" when no
 * party has one. Parties keep the order given. */
export function partyVotesText(choices: ReadonlyArray<readonly [string, VoteOption | null]>): string {
  return VOTE_OPTIONS.map((option) => {
    const names = choices.filter(([, o]) => o === option).map(([p]) => p);
    return names.length > 0 ? `${option}: ${names.join(", ")}` : "";
  })
    .filter((g) => g !== "")
    .join("; ");
}

/** The next row to focus in a list of `count` rows: wraps neither way. */
export function step(index: number, count: number, by: 1 | -1): number {
  return Math.max(0, Math.min(count - 1, index + by));
}

/** An edit in words: "agendapunt ‘Rondvraag’ toegevoegd". */
export function editText(edit: Pick<EditView, "action" | "subject">): string {
  const key = `edit.${edit.action}`;
  return hasKey(key) ? t(key, { subject: edit.subject }) : t("edit.unknown", { subject: edit.subject });
}
