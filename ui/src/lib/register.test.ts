import { describe, expect, it } from "vitest";
import { agendaItem as item } from "./agenda.fixture";
import { flattenAgenda, itemLabel, parseCount, parseDocumentId, voteFromForm } from "./register";

describe("the register forms", () => {
  it("makes a vote of the form, leaving empty fields out", () => {
    expect(
      voteFromForm({
        date: "2026-12-10",
        votesFor: " 30 ",
        votesAgainst: "5",
        unanimous: false,
        parties: " voor: CU, PvdA; tegen: PVV ",
        outcome: null,
      }),
    ).toEqual({ date: "2026-12-10", unanimous: false, votesFor: 30, votesAgainst: 5, partyVotes: "voor: CU, PvdA; tegen: PVV" });
    expect(
      voteFromForm({ date: "2026-12-10", votesFor: "", votesAgainst: "", unanimous: true, parties: "", outcome: "aangenomen" }),
    ).toEqual({ date: "2026-12-10", unanimous: true, outcome: "aangenomen" });
  });

  it("refuses a count that is not a whole number", () => {
    expect(parseCount("", "voor")).toBeUndefined();
    expect(parseCount("0", "voor")).toBe(0);
    expect(() => parseCount("-3", "voor")).toThrow(/geen aantal/);
    expect(() => parseCount("3,5", "tegen")).toThrow(/tegen/);
  });

  it("lists the agenda in order with depth", () => {
    const agenda = [item(1, "1", "Opening"), item(2, "2", "Mensenhandel", [item(3, "2a", "Moties")]), item(4, null, "Sluiting")];
    expect(flattenAgenda(agenda).map(({ item, depth }) => [item.id, depth])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 0],
    ]);
    expect(itemLabel(agenda[1].items[0])).toBe("2a. Moties");
    expect(itemLabel(agenda[2])).toBe("Sluiting");
  });

  it("reads a document id typed by hand", () => {
    expect(parseDocumentId("12")).toBe(12);
    expect(parseDocumentId(" #7 ")).toBe(7);
    expect(parseDocumentId("0")).toBeNull();
    expect(parseDocumentId("doc-5")).toBeNull();
  });
});
