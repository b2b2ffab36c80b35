import type { MotionRow } from "./bindings/MotionRow";

export type MotionSortKey = "number" | "title" | "date" | "outcome";

/** Share of the votes for, 0–100; null when the counts are unknown. */
export function forShare(m: MotionRow): number | null {
  if (m.votesFor === null || m.votesAgainst === null) return m.unanimous ? 100 : null;
  const total = m.votesFor + m.votesAgainst;
  return total === 0 ? null : Math.round((m.votesFor / total) * 100);
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
