/**
 * The keys of the core's closed values that the window sends back (a document's kind, a vote's
 * outcome), as lists for its selects and filters. The requests take the unions generated from
 * the Rust side; what a select or a facet holds is text, and `keyOf` turns it into one of them.
 */
import type { DocKind } from "./bindings/DocKind";
import type { Outcome } from "./bindings/Outcome";

/** `true` when `List` names every member of `All`. */
export type Covers<All, List> = [Exclude<All, List>] extends [never] ? true : false;
export type Holds<T extends true> = T;

/** The kinds in the order the core lists them. */
export const DOC_KINDS = [
  "motie",
  "amendement",
  "raadsvoorstel",
  "raadsbesluit",
  "besluitenlijst",
  "agendapunt",
  "raadsinformatiebrief",
  "schriftelijke-vragen",
  "antwoorden",
  "plan",
  "verslag",
  "nieuws",
  "overig",
] as const satisfies readonly DocKind[];

/** The outcomes in the order the vote forms offer them. */
export const OUTCOMES = ["aangenomen", "verworpen", "ingetrokken", "aangehouden"] as const satisfies readonly Outcome[];

/** A kind or outcome the core adds and these lists miss fails the type check. */
export type KeysCoverTheCore = [
  Holds<Covers<DocKind, (typeof DOC_KINDS)[number]>>,
  Holds<Covers<Outcome, (typeof OUTCOMES)[number]>>,
];

/** The key among `keys` that `text` is (a select's value, a facet's), or null when it is none. */
export function keyOf<K extends string>(keys: readonly K[], text: string): K | null {
  return keys.find((k) => k === text) ?? null;
}
