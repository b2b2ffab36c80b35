import type { AgendaItemView } from "./bindings/AgendaItemView";
import type { Outcome } from "./bindings/Outcome";
import type { VoteNew } from "./bindings/VoteNew";

/** What the vote form holds, as typed. */
export interface VoteForm {
  date: string;
  votesFor: string;
  votesAgainst: string;
  unanimous: boolean;
  /** "voor: CU, PvdA; tegen: PVV" */
  parties: string;
  /** An outcome, or null to let the counts decide. */
  outcome: Outcome | null;
}

/** A whole number of votes, or undefined for an empty field; anything else throws. */
export function parseCount(text: string, label: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (!/^\d+$/.test(t)) throw new Error(`${label}: ${JSON.stringify(text)} is geen aantal`);
  return Number.parseInt(t, 10);
}

/** The vote to record from the form; empty fields are left out. */
export function voteFromForm(form: VoteForm): VoteNew {
  const vote: VoteNew = { date: form.date, unanimous: form.unanimous };
  const votesFor = parseCount(form.votesFor, "voor");
  const votesAgainst = parseCount(form.votesAgainst, "tegen");
  if (votesFor !== undefined) vote.votesFor = votesFor;
  if (votesAgainst !== undefined) vote.votesAgainst = votesAgainst;
  if (form.parties.trim() !== "") vote.partyVotes = form.parties.trim();
  if (form.outcome !== null) vote.outcome = form.outcome;
  return vote;
}

/** Every agenda item with its depth, in agenda order (parents before their sub-items). */
export function flattenAgenda(items: AgendaItemView[], depth = 0): { item: AgendaItemView; depth: number }[] {
  return items.flatMap((item) => [{ item, depth }, ...flattenAgenda(item.items, depth + 1)]);
}

/** The number and title of an item as a line: "2a. Moties". */
export function itemLabel(item: { number: string | null; title: string }): string {
  return item.number ? `${item.number}. ${item.title}` : item.title;
}

/** A document id typed by hand ("12" or "#12"); null when it is not one. */
export function parseDocumentId(text: string): number | null {
  const m = /^#?\s*(\d+)$/.exec(text.trim());
  if (!m) return null;
  const id = Number.parseInt(m[1], 10);
  return id > 0 ? id : null;
}
