import { describe, expect, it } from "vitest";
import type { MotionRow } from "./bindings/MotionRow";
import { forShare, partySides } from "./motions";

function motion(over: Partial<MotionRow>): MotionRow {
  return {
    id: 1,
    number: null,
    title: "Motie",
    kind: "motie",
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
const c = motion({ id: 13, title: "Motie Aanpak Mensenhandel", date: "2018-03-15", unanimous: true });

describe("the motions table", () => {
  it("gives the share of votes for, unanimous as 100, unknown as null", () => {
    expect(forShare(a)).toBe(89);
    expect(forShare(c)).toBe(100);
    expect(forShare(motion({}))).toBeNull();
  });

  it("splits per-party votes into for and against", () => {
    const m = motion({ partyVotes: [{ party: "CU", option: "voor" }, { party: "PVV", option: "tegen" }] });
    expect(partySides(m)).toEqual({ voor: ["CU"], tegen: ["PVV"] });
  });
});
