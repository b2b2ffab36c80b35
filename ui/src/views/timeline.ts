import type { Hit } from "../lib/bindings/Hit";
import { h, replace } from "../lib/dom";
import { formatDate } from "../lib/format";
import { t } from "../lib/i18n";
import * as ipc from "../lib/ipc";
import type { Shell } from "../shell";
import { errorText } from "../lib/errors";

export interface TimelineView {
  el: HTMLElement;
  refresh(): Promise<void>;
}

/** Groups dated hits by year, oldest first. */
export function byYear(hits: Hit[]): [string, Hit[]][] {
  const dated = hits.filter((hit) => hit.date).sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
  const groups = new Map<string, Hit[]>();
  for (const hit of dated) {
    const year = (hit.date ?? "").slice(0, 4);
    groups.set(year, [...(groups.get(year) ?? []), hit]);
  }
  return [...groups.entries()];
}

export function createTimelineView(shell: Shell): TimelineView {
  const list = h("div", { class: "timeline", id: "timeline" });
  const el = h(
    "section",
    { class: "view view-timeline", id: "view-timeline", hidden: true },
    h("header", { class: "page-head" }, h("h1", {}, t("timeline.title")), h("p", { class: "muted" }, t("timeline.hint"))),
    h("div", { class: "page-scroll" }, list),
  );

  return {
    el,
    async refresh() {
      if (shell.documentCount() === 0) {
        replace(list, shell.emptyArchive());
        return;
      }
      try {
        const r = await ipc.search({ query: "", kinds: [], parties: [], sort: "date", limit: 1000 });
        const groups = byYear(r.hits);
        if (groups.length === 0) {
          replace(list, h("p", { class: "muted" }, t("timeline.empty")));
          return;
        }
        replace(
          list,
          groups.map(([year, hits]) =>
            h(
              "section",
              { class: "year" },
              h("h2", { class: "year-label" }, year),
              h(
                "ol",
                {},
                hits.map((hit) =>
                  h(
                    "li",
                    { class: "event" },
                    h(
                      "button",
                      { type: "button", class: "event-button", onclick: () => shell.openDocument(hit.id, []) },
                      h("span", { class: "event-date" }, formatDate(hit.date)),
                      h("span", { class: `kind kind-${hit.kind}` }, hit.kindLabel),
                      h("span", { class: "event-title" }, hit.title),
                    ),
                  ),
                ),
              ),
            ),
          ),
        );
      } catch (e) {
        replace(list, h("div", { class: "error-box", role: "alert" }, errorText(ipc.toApiError(e))));
      }
    },
  };
}
