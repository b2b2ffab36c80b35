import { describe, expect, it } from "vitest";
import type { MotionRow } from "./bindings/MotionRow";
import { filterMotions, forShare, partySides, sortMotions } from "./motions";

function motion(over: Partial<MotionRow>): MotionRow {
  return {
    id: 1,
    number: null,
    title: "Motie",
    kind: "motie",
    kindLabel: "Motie",
    date: null,
    outcome: null,
    votesFor: null,
    votesAgainst: null,
    unanimous: false,
    submitters: [],
    partyVotes: [],
    documentId: null,
    meetingId: null,
    agendaItemId: null,
    outcomeHistory: [],
    ...over,
  };
}

const a = motion({ id: 11, number: "23161.010", title: "Motie Doelgericht", date: "2023-10-12", outcome: "aangenomen", votesFor: 34, votesAgainst: 4, submitters: ["CU", "PvdA"] });
const b = motion({ id: 12, number: "23161.002", title: "Amendement Één", date: "2023-10-12", outcome: "verworpen", votesFor: 10, votesAgainst: 28 });
const c = motion({ id: 13, title: "Motie Aanpak Mensenhandel", date: "2018-03-15", unanimous: true });

describe("the motions table", () => {
  it("gives the share of votes for, unanimous as 100, unknown as null", () => {
    expect(forShare(a)).toBe(89);
    expect(forShare(c)).toBe(100);
    expect(forShare(motion({}))).toBeNull();
  });

  it("filters on number, title and submitters, accents folded, and on outcome", () => {
    expect(filterMotions([a, b, c], "een", "").map((m) => m.id)).toEqual([12]);
    expect(filterMotions([a, b, c], "pvda", "").map((m) => m.id)).toEqual([11]);
    expect(filterMotions([a, b, c], "", "aangenomen").map((m) => m.id)).toEqual([11]);
    expect(filterMotions([a, b, c], "", "unknown").map((m) => m.id)).toEqual([13]);
  });

  it("sorts numbers part by part and puts missing values last", () => {
    expect(sortMotions([a, b, c], "number", true).map((m) => m.id)).toEqual([12, 11, 13]);
    expect(sortMotions([a, b, c], "number", false).map((m) => m.id)).toEqual([11, 12, 13]);
    expect(sortMotions([c, a], "date", false).map((m) => m.id)).toEqual([11, 13]);
  });

  it("splits per-party votes into for and against", () => {
    const m = motion({ partyVotes: [{ party: "CU", option: "voor" }, { party: "PVV", option: "tegen" }] });
    expect(partySides(m)).toEqual({ voor: ["CU"], tegen: ["PVV"] });
  });
});
