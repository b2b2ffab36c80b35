import type { MotionRow } from "./bindings/MotionRow";

export type MotionSortKey = "number" | "title" | "date" | "outcome";

/** Share of the votes for, 0–100; null when the counts are unknown. */
export function forShare(m: MotionRow): number | null {
  if (m.votesFor === null || m.votesAgainst === null) return m.unanimous ? 100 : null;
  const total = m.votesFor + m.votesAgainst;
  return total === 0 ? null : Math.round((m.votesFor / total) * 100);
}

function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Items whose number, title or submitters hold every typed word, with this outcome (or any). */
export function filterMotions(list: MotionRow[], text: string, outcome: string): MotionRow[] {
  const words = fold(text).split(/\s+/).filter((w) => w !== "");
  return list.filter((m) => {
    if (outcome === "unknown" ? m.outcome !== null : outcome !== "" && m.outcome !== outcome) return false;
    const haystack = fold([m.number ?? "", m.title, ...m.submitters].join(" "));
    return words.every((w) => haystack.includes(w));
  });
}

/** A sorted copy; missing values last either way. Numbers compare part by part ("23161.002" < "23161.010"). */
export function sortMotions(list: MotionRow[], key: MotionSortKey, ascending: boolean): MotionRow[] {
  const value = (m: MotionRow): string | null => {
    switch (key) {
      case "number":
        return m.number;
      case "title":
        return m.title;
      case "date":
        return m.date;
      case "outcome":
        return m.outcome;
    }
  };
  return [...list].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = x.localeCompare(y, "nl", { numeric: true, sensitivity: "base" });
    return ascending ? order : -order;
  });
}

/** Parties that voted for and against, from the per-party votes. */
export function partySides(m: MotionRow): { voor: string[]; tegen: string[] } {
  const voor: string[] = [];
  const tegen: string[] = [];
  for (const v of m.partyVotes) {
    if (v.option === "voor") voor.push(v.party);
    else if (v.option === "tegen") tegen.push(v.party);
  }
  return { voor, tegen };
}
