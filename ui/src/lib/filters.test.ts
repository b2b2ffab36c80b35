import { describe, expect, it } from "vitest";
import { activeFilters, emptyState, hasSearch, isActive, toggleFacet, toQuery, type SearchState } from "./filters";

describe("facet filters", () => {
  it("kinds and parties toggle in and out, several at a time", () => {
    let s = toggleFacet(emptyState(), "kind", "motie");
    s = toggleFacet(s, "kind", "amendement");
    s = toggleFacet(s, "party", "CU");
    expect(s.kinds).toEqual(["motie", "amendement"]);
    expect(isActive(s, "party", "CU")).toBe(true);
    s = toggleFacet(s, "kind", "motie");
    expect(s.kinds).toEqual(["amendement"]);
    // A kind facet's value that is no kind of the core's filters nothing.
    expect(toggleFacet(s, "kind", "gedicht")).toBe(s);
  });

  it("one year at a time: another replaces it, the same one clears it", () => {
    let s = toggleFacet(emptyState(), "year", "2018");
    expect(s.year).toBe(2018);
    s = toggleFacet(s, "year", "2023");
    expect(s.year).toBe(2023);
    s = toggleFacet(s, "year", "2023");
    expect(s.year).toBeNull();
    expect(toggleFacet(s, "year", "geen jaar")).toBe(s);
  });

  it("builds the search request", () => {
    let s: SearchState = { ...emptyState(), text: "  mensenhandel ", sort: "date" };
    s = toggleFacet(toggleFacet(s, "kind", "motie"), "year", "2018");
    expect(toQuery(s, 20)).toEqual({
      query: "mensenhandel",
      kinds: ["motie"],
      parties: [],
      sort: "date",
      limit: 20,
      year: 2018,
    });
    expect(toQuery(emptyState())).not.toHaveProperty("year");
  });

  it("knows when there is something to search for and lists the chips", () => {
    expect(hasSearch(emptyState())).toBe(false);
    expect(hasSearch({ ...emptyState(), text: "   " })).toBe(false);
    const s = toggleFacet(toggleFacet(emptyState(), "party", "VVD"), "year", "2019");
    expect(hasSearch(s)).toBe(true);
    expect(activeFilters(s)).toEqual([
      { facet: "year", value: "2019" },
      { facet: "party", value: "VVD" },
    ]);
  });
});
