import type { AgendaItemView } from "./bindings/AgendaItemView";

/** An agenda item for the tests: the fields that matter, the rest empty. */
export function agendaItem(id: number, number: string | null, title: string, items: AgendaItemView[] = []): AgendaItemView {
  return {
    id,
    meetingId: 1,
    parentId: null,
    number,
    title,
    description: null,
    position: 0,
    documents: [],
    motions: [],
    items,
  };
}
