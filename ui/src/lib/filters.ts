import type { DocKind } from "./bindings/DocKind";
import type { SearchQuery } from "./bindings/SearchQuery";
import type { Sort } from "./bindings/Sort";
import { DOC_KINDS, keyOf } from "./keys";

/** Which facet a filter belongs to. */
export type FacetName = "kind" | "year" | "party";

/** What the search view holds: the typed text, the facet filters chosen, the order. */
export interface SearchState {
  text: string;
  kinds: DocKind[];
  parties: string[];
  year: number | null;
  sort: Sort;
}

export function emptyState(): SearchState {
  return { text: "", kinds: [], parties: [], year: null, sort: "relevance" };
}

/** True when a filter of this facet with this value is on. */
export function isActive(state: SearchState, facet: FacetName, value: string): boolean {
  switch (facet) {
    case "kind":
      return state.kinds.some((k) => k === value);
    case "party":
      return state.parties.includes(value);
    case "year":
      return state.year !== null && String(state.year) === value;
  }
}

/**
 * Turns a facet filter on or off. Kinds are OR-ed (several may be on), parties AND-ed, and one
 * year at a time (choosing another year replaces it).
 */
export function toggleFacet(state: SearchState, facet: FacetName, value: string): SearchState {
  const flip = <T extends string>(list: T[], item: T) =>
    list.includes(item) ? list.filter((v) => v !== item) : [...list, item];
  switch (facet) {
    case "kind": {
      // The facet's values are the core's kind keys; anything else is no kind to filter by.
      const kind = keyOf(DOC_KINDS, value);
      return kind === null ? state : { ...state, kinds: flip(state.kinds, kind) };
    }
    case "party":
      return { ...state, parties: flip(state.parties, value) };
    case "year": {
      const year = Number.parseInt(value, 10);
      if (!Number.isFinite(year)) return state;
      return { ...state, year: state.year === year ? null : year };
    }
  }
}

/** True when there is anything to search for: text or a filter. */
export function hasSearch(state: SearchState): boolean {
  return (
    state.text.trim() !== "" || state.kinds.length > 0 || state.parties.length > 0 || state.year !== null
  );
}

/** The request for the `search` command. */
export function toQuery(state: SearchState, limit = 50): SearchQuery {
  const query: SearchQuery = {
    query: state.text.trim(),
    kinds: [...state.kinds],
    parties: [...state.parties],
    sort: state.sort,
    limit,
  };
  if (state.year !== null) query.year = state.year;
  return query;
}

/** The active filters as a flat list, for the removable chips above the results. */
export function activeFilters(state: SearchState): { facet: FacetName; value: string }[] {
  return [
    ...state.kinds.map((value) => ({ facet: "kind" as const, value })),
    ...(state.year !== null ? [{ facet: "year" as const, value: String(state.year) }] : []),
    ...state.parties.map((value) => ({ facet: "party" as const, value })),
  ];
}
