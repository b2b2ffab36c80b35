/**
 * The words for the core's closed values in the window's language. The app sends their keys
 * (`motie`, `planned`); the types of those keys come from the Rust side, so a kind or status
 * added there without words here fails the type check.
 */
import type { DocKind } from "./bindings/DocKind";
import type { MeetingStatus } from "./bindings/MeetingStatus";
import type { FacetName } from "./filters";
import { hasKey, t } from "./i18n";

/** A document kind as people name it: "Schriftelijke vragen", "Written questions". */
export function kindLabel(kind: DocKind): string {
  return t(`kind.${kind}`);
}

/** A facet's value as the filter shows it: a kind worded, a year or a party as it is. */
export function facetLabel(facet: FacetName, value: string): string {
  const key = `kind.${value}`;
  return facet === "kind" && hasKey(key) ? t(key) : value;
}

/** A meeting's status: "gepland", "held". */
export function meetingStatusLabel(status: MeetingStatus): string {
  return t(`meeting.status.${status}`);
}
