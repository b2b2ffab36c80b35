/** The settings page's small conversions: a recess day typed dd-mm, stored MM-DD. */
import { locale } from "./i18n";

/** The recesses the deadline extractor knows, in the order of the year. */
export const RECESSES = ["voorjaarsreces", "meireces", "zomerreces", "herfstreces", "kerstreces"] as const;

const MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function valid(month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
}

/** "4-7", "04-07" or "4/7" (day first, as a Dutch user writes it) as `07-04`; null when empty. */
export function parseMonthDay(text: string): string | null | undefined {
  const s = text.trim();
  if (s === "") return null;
  const m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (!m) return undefined;
  const day = Number(m[1]);
  const month = Number(m[2]);
  if (!valid(month, day)) return undefined;
  return `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A stored `07-04` as typed: "04-07". */
export function dutchMonthDay(mmdd: string | undefined): string {
  const m = /^(\d{2})-(\d{2})$/.exec(mmdd ?? "");
  return m ? `${m[2]}-${m[1]}` : "";
}

/** A stored `07-04` for reading: "4 juli" ("4 July"). */
export function formatMonthDay(mmdd: string): string {
  const m = /^(\d{2})-(\d{2})$/.exec(mmdd);
  if (!m) return mmdd;
  const months = locale() === "en" ? MONTHS_EN : MONTHS_NL;
  return `${Number(m[2])} ${months[Number(m[1]) - 1]}`;
}

/** "GL, Groen Links , " as ["GL", "Groen Links"]. */
export function splitAliases(text: string): string[] {
  return text
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
}

/**
 * What a number written in a council-number format looks like ("JJJJ-NNN" as "2024-013", a last
 * lone N as one digit); null for a regular expression or an empty format.
 */
export function numberFormatExample(format: string): string | null {
  const f = format.trim();
  if (f === "" || f.startsWith("/")) return null;
  return f
    .replace(/J{4}/g, "2024")
    .replace(/J{2}/g, "24")
    .replace(/N+$/, (run) => (run.length === 1 ? "7" : "1".padStart(run.length, "0")))
    .replace(/N+/g, (run) => "1".padStart(run.length, "0"));
}
