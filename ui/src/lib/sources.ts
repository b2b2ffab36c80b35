import type { SavedSearchView } from "./bindings/SavedSearchView";
import type { SourceView } from "./bindings/SourceView";
import type { SyncCountsView } from "./bindings/SyncCountsView";
import type { SyncProgressView } from "./bindings/SyncProgressView";
import { formatDate } from "./format";
import { t, type Key } from "./i18n";

/** The systems a source can be, in the order the form lists them. */
export const SYSTEMS = ["notubiz", "ibabs", "obv", "go", "parlaeus", "tk", "ori"] as const;
export type System = (typeof SYSTEMS)[number];

/** What the key field asks for in each system. */
export function keyLabel(system: string): string {
  switch (system) {
    case "notubiz":
      return t("sources.key.notubiz");
    case "ibabs":
      return t("sources.key.ibabs");
    case "tk":
      return t("sources.key.tk");
    case "obv":
      return t("sources.key.obv");
    case "go":
      return t("sources.key.go");
    case "parlaeus":
      return t("sources.key.parlaeus");
    default:
      return t("sources.key.ori");
  }
}

/** A sync's status in words (never, running, ok, failed, cancelled). */
export function statusLabel(status: string): string {
  const known = ["never", "running", "ok", "failed", "cancelled"];
  return known.includes(status) ? t(`sources.status.${status}` as Key) : status;
}

/** `2026-12-01T15:32:02Z` as "1 december 2026 15:32" in the user's time zone. */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) return "—";
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}`;
  return `${formatDate(day)} ${pad(when.getHours())}:${pad(when.getMinutes())}`;
}

/** What a sync brought, in a line: "3 vergaderstukken, 1 document, 0 problemen". */
export function broughtLine(counts: SyncCountsView | null | undefined): string {
  if (!counts) return "—";
  const parts = [
    t(counts.records === 1 ? "sources.records.one" : "sources.records", { n: counts.records }),
    t(counts.documents === 1 ? "sources.documents.one" : "sources.documents", { n: counts.documents }),
  ];
  if (counts.unchanged > 0) parts.push(t("sources.unchanged", { n: counts.unchanged }));
  parts.push(t(counts.problems === 1 ? "sources.problems.one" : "sources.problems", { n: counts.problems }));
  return parts.join(", ");
}

/** One count of a year as shown: what the archive holds, and "van N" when the source reported N. */
export function countOf(held: number, reported: number | null | undefined): string {
  if (reported === null || reported === undefined) return String(held);
  return t("sources.years.of", { n: held, reported });
}

/** A source's years, newest first, as rows of cells: year, meetings, motions, documents. */
export function yearRows(source: SourceView): string[][] {
  return [...source.years]
    .sort((a, b) => (a.year === "" ? 1 : b.year === "" ? -1 : b.year.localeCompare(a.year)))
    .map((y) => [
      y.year === "" ? t("sources.years.undated") : y.year,
      countOf(y.meetings, y.reportedMeetings),
      countOf(y.motions, y.reportedMotions),
      y.documentsWaiting > 0
        ? t("sources.years.waiting", { n: countOf(y.documents, y.reportedDocuments), waiting: y.documentsWaiting })
        : countOf(y.documents, y.reportedDocuments),
    ]);
}

/** Topics as typed in a field: separated by commas or semicolons, trimmed, none empty. */
export function topicsOf(typed: string): string[] {
  return typed
    .split(/[,;\n]/)
    .map((s) => s.trim().replace(/\s+/g, " "))
    .filter((s) => s.length > 0);
}

/** The downloads still to do and those that failed, or "" when there are none. */
export function downloadsLine(source: SourceView): string {
  const parts: string[] = [];
  if (source.pendingDownloads > 0) parts.push(t("sources.pending", { n: source.pendingDownloads }));
  if (source.failedDownloads.length > 0) parts.push(t("sources.failed", { n: source.failedDownloads.length }));
  if (source.outsideTopics > 0) parts.push(t("sources.outside", { n: source.outsideTopics }));
  return parts.join(", ");
}

/** Where a running sync is: "Vergaderingen: 3 van 10 — vergadering 7101". */
export function progressLine(p: SyncProgressView): string {
  const stage = p.stage === "documents" ? t("sources.stage.documents") : t("sources.stage.records");
  const count = p.total !== null ? t("sources.progress.of", { done: p.done, total: p.total }) : String(p.done);
  return `${stage}: ${count} — ${p.message}`;
}

/** The documents new since the user last looked, over all saved searches. */
export function totalNew(searches: SavedSearchView[]): number {
  return searches.reduce((sum, s) => sum + s.newCount, 0);
}

/** A name for a search to save: its words, else its filters. */
export function suggestedName(text: string, kinds: string[], year: number | null): string {
  const parts = [text.trim(), ...kinds, year !== null ? String(year) : ""].filter((p) => p !== "");
  return parts.join(" · ").slice(0, 80);
}
