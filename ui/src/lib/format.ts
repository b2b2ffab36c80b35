import { locale, t } from "./i18n";

const MONTHS_NL = [
  "januari", "februari", "maart", "april", "mei", "juni",
  "juli", "augustus", "september", "oktober", "november", "december",
];
const MONTHS_EN = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** `2018-03-15` as "15 maart 2018" (or "15 March 2018"); anything else as it is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return t("doc.undated");
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = Number(m[2]) - 1;
  const months = locale() === "en" ? MONTHS_EN : MONTHS_NL;
  if (month < 0 || month > 11) return iso;
  return `${Number(m[3])} ${months[month]} ${m[1]}`;
}

/** "1 resultaat" / "12 resultaten", with thousands grouped the Dutch way ("1.234"). */
export function formatCount(n: number): string {
  if (n === 1) return t("search.results.one");
  return t("search.results.many", { n: groupThousands(n) });
}

export function groupThousands(n: number): string {
  const sep = locale() === "en" ? "," : ".";
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** The last part of a path ("/a/b/motie.md" -> "motie.md"), for either kind of slash. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p !== "");
  return parts.length > 0 ? parts[parts.length - 1] : path;
}

/** The words the core marked in a snippet (`<mark>…</mark>`), unescaped and without repeats. */
export function markedWords(snippetHtml: string): string[] {
  const words: string[] = [];
  for (const m of snippetHtml.matchAll(/<mark>(.*?)<\/mark>/g)) {
    const word = unescapeHtml(m[1]).trim();
    if (word !== "" && !words.includes(word)) words.push(word);
  }
  return words;
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}
