import type { AlertHitView } from "../lib/bindings/AlertHitView";
import type { SavedSearchView } from "../lib/bindings/SavedSearchView";
import { h, replace } from "../lib/dom";
import { formatDate } from "../lib/format";
import { t } from "../lib/i18n";
import { kindLabel } from "../lib/labels";
import * as ipc from "../lib/ipc";
import { emptyState, errorState, loadingState } from "../lib/states";
import { formatMoment, totalNew } from "../lib/sources";
import type { Shell } from "../shell";
import { errorText } from "../lib/errors";

export interface AlertsView {
  el: HTMLElement;
  refresh(): Promise<void>;
}

/** The words of a saved search as the search box takes them (its kinds as `soort:` filters). */
function searchText(s: SavedSearchView): string {
  return [s.query, ...s.kinds.map((k) => `soort:${k}`)].filter((p) => p !== "").join(" ");
}

function describe(s: SavedSearchView): string {
  const parts = [s.query !== "" ? `“${s.query}”` : ""];
  if (s.kinds.length > 0) parts.push(s.kinds.join(", "));
  if (s.parties.length > 0) parts.push(s.parties.join(", "));
  if (s.from || s.to) parts.push(`${s.from ? formatDate(s.from) : "…"} – ${s.to ? formatDate(s.to) : "…"}`);
  return parts.filter((p) => p !== "").join(" · ");
}

/** "Bewaarde zoekopdrachten": each with its count of new documents; one opened shows them. */
export function createAlertsView(shell: Shell): AlertsView {
  let openId: number | null = null;
  let showAll = false;
  let searches: SavedSearchView[] = [];

  const total = h("p", { class: "alerts-total", id: "alerts-total", "aria-live": "polite" });
  const list = h("div", { id: "alerts-list" });
  const page = h("div", { id: "alert-page", hidden: true });
  const el = h(
    "section",
    { class: "view view-alerts", id: "view-alerts", hidden: true },
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, t("alerts.title")),
      h("p", { class: "muted" }, t("alerts.hint")),
      total,
    ),
    h("div", { class: "page-scroll" }, list, page),
  );

  function renderList() {
    total.textContent = t("alerts.newSince", { n: totalNew(searches) });
    if (searches.length === 0) {
      replace(
        list,
        emptyState({
          title: t("alerts.empty.title"),
          next: t("alerts.empty"),
          action: { label: t("nav.search"), id: "alerts-to-search", onclick: () => shell.showView("search") },
        }),
      );
      return;
    }
    replace(
      list,
      h(
        "ul",
        { class: "alerts" },
        searches.map((s) =>
          h(
            "li",
            { class: "alert card", "data-id": s.id },
            h(
              "div",
              { class: "alert-head" },
              h("button", { type: "button", class: "link open-alert", onclick: () => void open(s.id) }, s.name),
              s.newCount > 0 ? h("span", { class: "badge new-badge" }, t("alerts.new", { n: s.newCount })) : null,
            ),
            h("p", { class: "muted" }, describe(s)),
          ),
        ),
      ),
    );
  }

  function hitItem(hit: AlertHitView) {
    return h(
      "li",
      { class: hit.seen ? "alert-hit seen" : "alert-hit new", "data-id": hit.id },
      h("span", { class: `kind kind-${hit.kind}` }, kindLabel(hit.kind)),
      " ",
      h("button", { type: "button", class: "link", onclick: () => shell.openDocument(hit.id, []) }, hit.title),
      h("span", { class: "muted" }, ` · ${formatDate(hit.date)} · ${t("alerts.found", { when: formatMoment(hit.foundAt) })}`),
    );
  }

  async function open(id: number) {
    openId = id;
    const s = searches.find((x) => x.id === id);
    if (!s) return;
    let hits: AlertHitView[];
    try {
      hits = await ipc.alertHits(id, !showAll);
    } catch (e) {
      replace(page, errorState(ipc.toApiError(e), () => void open(id)));
      page.hidden = false;
      list.hidden = true;
      return;
    }
    const note = h("p", { class: "form-message", "aria-live": "polite" });
    const all = h("input", { type: "checkbox", id: "alert-show-all", checked: showAll });
    all.addEventListener("change", () => {
      showAll = all.checked;
      void open(id);
    });
    replace(
      page,
      h("button", { type: "button", class: "link back", id: "alert-back", onclick: () => void close() }, `← ${t("alerts.back")}`),
      h("h2", { id: "alert-name" }, s.name),
      h("p", { class: "muted" }, describe(s)),
      s.lastSeenAt ? h("p", { class: "muted" }, t("alerts.lastSeen", { when: formatMoment(s.lastSeenAt) })) : null,
      h(
        "div",
        { class: "buttons" },
        h(
          "button",
          {
            type: "button",
            class: "primary",
            id: "alert-seen",
            disabled: s.newCount === 0,
            onclick: async () => {
              try {
                await ipc.markSeen(id);
                await refresh();
                await shell.alertsChanged();
              } catch (e) {
                note.classList.add("error");
                note.textContent = errorText(ipc.toApiError(e));
              }
            },
          },
          t("alerts.seen"),
        ),
        h("button", { type: "button", id: "alert-search", onclick: () => shell.searchFor(searchText(s)) }, t("alerts.search")),
        h(
          "button",
          {
            type: "button",
            class: "link",
            id: "alert-delete",
            onclick: async () => {
              try {
                await ipc.deleteSavedSearch(id);
                await close();
                await shell.alertsChanged();
              } catch (e) {
                note.classList.add("error");
                note.textContent = errorText(ipc.toApiError(e));
              }
            },
          },
          t("alerts.delete"),
        ),
        h("label", { class: "check" }, all, " ", t("alerts.all")),
        note,
      ),
      hits.length === 0
        ? emptyState({ title: showAll ? t("alerts.none.all") : t("alerts.none"), next: t("alerts.none.next") })
        : h("ul", { class: "alert-hits", id: "alert-hits" }, hits.map(hitItem)),
    );
    list.hidden = true;
    page.hidden = false;
  }

  async function close() {
    openId = null;
    page.hidden = true;
    list.hidden = false;
    await refresh();
  }

  async function refresh() {
    if (searches.length === 0) replace(list, loadingState());
    try {
      searches = await ipc.savedSearches();
    } catch (e) {
      replace(list, errorState(ipc.toApiError(e), () => void refresh()));
      return;
    }
    renderList();
    if (openId !== null) {
      if (searches.some((s) => s.id === openId)) await open(openId);
      else await close();
    }
  }

  return { el, refresh };
}
