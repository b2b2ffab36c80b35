import type { TimelineEntryView } from "../lib/bindings/TimelineEntryView";
import { h, replace } from "../lib/dom";
import { formatDate } from "../lib/format";
import { t } from "../lib/i18n";
import { kindLabel } from "../lib/labels";
import * as ipc from "../lib/ipc";
import { countLabel, Pager } from "../lib/pager";
import { emptyState, errorState, loadingState, moreRow } from "../lib/states";
import type { Shell } from "../shell";

export interface TimelineView {
  el: HTMLElement;
  refresh(): Promise<void>;
}

/** How many dated documents one page of the timeline holds. */
export const TIMELINE_PAGE = 200;

/** Groups dated entries by year, in the order given (the timeline's: oldest first). */
export function byYear<T extends { date: string | null }>(entries: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const entry of entries) {
    if (!entry.date) continue;
    const year = entry.date.slice(0, 4);
    groups.set(year, [...(groups.get(year) ?? []), entry]);
  }
  return [...groups.entries()];
}

export function createTimelineView(shell: Shell): TimelineView {
  const pager = new Pager<TimelineEntryView>(async (offset, limit) => ipc.timeline({ offset, limit }), TIMELINE_PAGE);
  const count = h("p", { class: "list-count", id: "timeline-count", "aria-live": "polite" });
  const list = h("div", { class: "timeline", id: "timeline" });
  const el = h(
    "section",
    { class: "view view-timeline", id: "view-timeline", hidden: true },
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, t("timeline.title")),
      h("p", { class: "muted" }, t("timeline.hint")),
      count,
    ),
    h("div", { class: "page-scroll" }, list),
  );

  function entry(item: TimelineEntryView) {
    return h(
      "li",
      { class: "event", "data-id": item.id },
      h(
        "button",
        { type: "button", class: "event-button", onclick: () => shell.openDocument(item.id, []) },
        h("span", { class: "event-date" }, formatDate(item.date)),
        h("span", { class: `kind kind-${item.kind}` }, kindLabel(item.kind)),
        h("span", { class: "event-title" }, item.title),
      ),
    );
  }

  function render() {
    count.textContent = pager.total > 0 ? countLabel(pager.items.length, pager.total) : "";
    if (pager.items.length === 0) {
      replace(
        list,
        emptyState({
          title: t("timeline.empty.title"),
          next: t("timeline.empty"),
          action: { label: t("nav.import"), id: "timeline-import", onclick: () => shell.showView("import") },
        }),
      );
      return;
    }
    replace(
      list,
      byYear(pager.items).map(([year, items]) =>
        h(
          "section",
          { class: "year" },
          h("h2", { class: "year-label" }, year),
          h("ol", {}, items.map(entry)),
        ),
      ),
      pager.hasMore ? moreRow("timeline-more", () => pager.more(), render) : null,
    );
  }

  const api: TimelineView = {
    el,
    async refresh() {
      if (shell.documentCount() === 0) {
        count.textContent = "";
        replace(list, shell.emptyArchive());
        return;
      }
      if (pager.items.length === 0) replace(list, loadingState());
      try {
        if (await pager.reset()) render();
      } catch (e) {
        replace(list, errorState(ipc.toApiError(e), () => void api.refresh()));
      }
    },
  };
  return api;
}
