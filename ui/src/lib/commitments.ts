import type { Flag } from "./bindings/Flag";
import type { Status } from "./bindings/Status";
import type { CommitmentChange } from "./bindings/CommitmentChange";
import { hasKey, type Key } from "./i18n";
import type { Covers, Holds } from "./keys";

/** The flags in the order the dashboard shows them: what needs attention first. */
export const FLAGS = [
  "overdue",
  "due-soon",
  "open",
  "due-unknown",
  "no-deadline",
  "met",
  "met-late",
  "withdrawn",
] as const satisfies readonly Flag[];
export type FlagName = (typeof FLAGS)[number];

export const STATUSES = ["open", "met", "partly-met", "withdrawn"] as const satisfies readonly Status[];
export type StatusName = (typeof STATUSES)[number];

/** A flag or status the core adds (its `Flag`, `Status`) and these lists miss fails the type check. */
export type ListsCoverTheCore = [Holds<Covers<Flag, FlagName>>, Holds<Covers<Status, StatusName>>];

/** A flag's words; one this window does not know (a newer app's) gets the neutral "open". */
export function flagLabel(flag: Flag): Key {
  const key = `flag.${flag}`;
  return hasKey(key) ? key : "flag.open";
}

/** A status's words; the history gives it as text, so anything else gets "open". */
export function statusLabel(status: string): Key {
  return (STATUSES as readonly string[]).includes(status) ? (`status.${status}` as Key) : "status.open";
}

/** What the dashboard's filters hold; null and the empty actor mean "any". */
export interface CommitmentFilters {
  flag: Flag | null;
  actor: string;
  status: Status | null;
  /** Words that must all occur in the text, the source or the motion. */
  topic: string;
}

export function noFilters(): CommitmentFilters {
  return { flag: null, actor: "", status: null, topic: "" };
}

/** A day as `YYYY-MM-DD` in local time (the date picker's format). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** True for a real calendar day written as `YYYY-MM-DD`. */
export function isIsoDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getFullYear() === Number(m[1]) && d.getMonth() === Number(m[2]) - 1 && d.getDate() === Number(m[3]);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const utc = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/**
 * The change the detail form makes. The status goes along only when it differs from the
 * current one (so saving a new deadline leaves an open item open); a deadline set by hand
 * goes with its reason; evidence only when a document was chosen.
 */
export function statusChange(form: {
  status: Status;
  date: string;
  evidence: string;
  note: string;
  /** The status the item has now; absent: always send the status. */
  current?: Status;
  due?: string;
  reason?: string;
}): CommitmentChange & { date: string } {
  const change: CommitmentChange & { date: string } = { date: form.date };
  const id = Number.parseInt(form.evidence, 10);
  const hasEvidence = Number.isFinite(id) && id > 0;
  if (form.current === undefined || form.status !== form.current || hasEvidence) change.status = form.status;
  if (hasEvidence) change.evidence = id;
  if (form.note.trim() !== "") change.note = form.note.trim();
  if (form.due && form.due.trim() !== "") change.due = form.due.trim();
  if (form.reason && form.reason.trim() !== "") change.reason = form.reason.trim();
  return change;
}
