import type { FacetValue } from "../lib/bindings/FacetValue";
import type { Hit } from "../lib/bindings/Hit";
import type { SearchResponse } from "../lib/bindings/SearchResponse";
import type { Sort } from "../lib/bindings/Sort";
import { debounce, Latest } from "../lib/debounce";
import { h, replace } from "../lib/dom";
import {
  activeFilters,
  emptyState,
  hasSearch,
  isActive,
  toggleFacet,
  toQuery,
  type FacetName,
  type SearchState,
} from "../lib/filters";
import { formatCount, formatDate, groupThousands, markedWords } from "../lib/format";
import { t, type Key } from "../lib/i18n";
import { facetLabel, kindLabel } from "../lib/labels";
import * as ipc from "../lib/ipc";
import { suggestedName } from "../lib/sources";
import type { Shell } from "../shell";
import { errorText } from "../lib/errors";

/** How long typing must pause before a search runs. */
export const SEARCH_DEBOUNCE_MS = 150;

const EXAMPLES = ["zorgcoördinator", "motie mensenhandel", "\"lokaal uitvoeringsplan\"", "soort:raadsinformatiebrief"];

export interface SearchView {
  el: HTMLElement;
  focus(): void;
  /** Runs the current search again (after an import) or shows the right empty state. */
  refresh(): void;
  /** Searches for `text` as if typed. */
  searchFor(text: string): void;
}

export function createSearchView(shell: Shell): SearchView {
  let state: SearchState = emptyState();
  let response: SearchResponse | null = null;
  let selected = -1;
  const latest = new Latest();

  const input = h("input", {
    type: "search",
    id: "search-input",
    class: "search-input",
    placeholder: t("search.placeholder"),
    "aria-label": t("search.label"),
    autocomplete: "off",
    spellcheck: "false",
  });
  const sortSelect = h(
    "select",
    { id: "search-sort", class: "sort", "aria-label": t("search.sort") },
    h("option", { value: "relevance" }, t("search.sort.relevance")),
    h("option", { value: "date" }, t("search.sort.date")),
  );
  const saveButton = h(
    "button",
    { type: "button", id: "search-save", class: "save-search", disabled: true, onclick: () => openSaveForm() },
    t("search.save"),
  );
  const saveForm = h("form", { class: "save-search-form", id: "search-save-form", hidden: true });
  const notice = h("div", { class: "notice", id: "fuzzy-notice", hidden: true });
  const chips = h("div", { class: "chips" });
  const summary = h("div", { class: "summary", id: "result-count", "aria-live": "polite" });
  const list = h("ol", { class: "results", id: "results", role: "listbox", "aria-label": t("nav.search") });
  const facets = h("aside", { class: "facets", "aria-label": "Filters" });
  const body = h("div", { class: "search-body" }, h("div", { class: "results-col" }, notice, chips, summary, list), facets);
  const el = h(
    "section",
    { class: "view view-search", id: "view-search" },
    h("header", { class: "search-bar" }, input, sortSelect, saveButton),
    saveForm,
    body,
  );

  const run = async () => {
    if (!hasSearch(state)) {
      response = null;
      render();
      return;
    }
    const token = latest.next();
    try {
      const answer = await ipc.search(toQuery(state));
      if (!latest.isLatest(token)) return;
      response = answer;
      selected = -1;
      render();
    } catch (e) {
      if (!latest.isLatest(token)) return;
      response = null;
      renderError(ipc.toApiError(e));
    }
  };
  const searchSoon = debounce(run, SEARCH_DEBOUNCE_MS);

  /** The next page of results, added below those shown (the search as it stands). */
  const more = async (button: HTMLButtonElement) => {
    if (!response) return;
    const shown = response.hits.length;
    button.disabled = true;
    button.textContent = t("search.more.loading");
    const token = latest.next();
    try {
      const answer = await ipc.search({ ...toQuery(state), offset: shown });
      if (!latest.isLatest(token) || !response) return;
      response = { ...response, hits: [...response.hits, ...answer.hits] };
      render();
      const next = list.querySelectorAll<HTMLElement>(".hit")[shown];
      next?.focus();
    } catch (e) {
      if (!latest.isLatest(token)) return;
      button.disabled = false;
      button.textContent = errorText(ipc.toApiError(e));
    }
  };

  input.addEventListener("input", () => {
    state = { ...state, text: input.value };
    searchSoon();
  });
  sortSelect.addEventListener("change", () => {
    state = { ...state, sort: sortSelect.value as Sort };
    void run();
  });
  input.addEventListener("keydown", (e) => onKey(e));
  list.addEventListener("keydown", (e) => onKey(e));

  function onKey(e: KeyboardEvent) {
    const hits = response?.hits ?? [];
    if (e.key === "ArrowDown" && hits.length > 0) {
      e.preventDefault();
      select(Math.min(selected + 1, hits.length - 1));
    } else if (e.key === "ArrowUp" && hits.length > 0) {
      e.preventDefault();
      if (selected <= 0) {
        select(-1);
        input.focus();
      } else {
        select(selected - 1);
      }
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (selected >= 0 && hits[selected]) open(hits[selected]);
      else if (selected < 0) {
        searchSoon.flush();
        if (hits.length > 0) open(hits[0]);
      }
    } else if (e.key === "Escape" && e.target === input && input.value !== "") {
      input.value = "";
      state = { ...state, text: "" };
      searchSoon.flush();
      void run();
    }
  }

  function select(index: number) {
    selected = index;
    list.querySelectorAll<HTMLElement>(".hit").forEach((item, i) => {
      const on = i === index;
      item.classList.toggle("selected", on);
      item.setAttribute("aria-selected", on ? "true" : "false");
      if (on) {
        item.focus({ preventScroll: true });
        item.scrollIntoView({ block: "nearest" });
      }
    });
  }

  /** The small form under the search bar that saves the current search under a name. */
  function openSaveForm() {
    const name = h("input", {
      type: "text",
      id: "search-save-name",
      value: suggestedName(state.text, state.kinds, state.year),
      required: true,
      "aria-label": t("search.save.name"),
    });
    const note = h("span", { class: "form-message", "aria-live": "polite" });
    const submit = h("button", { type: "submit", class: "primary", id: "search-save-ok" }, t("search.save.ok"));
    replace(saveForm, h("label", { class: "field-inline" }, t("search.save.name"), " ", name), submit, note);
    saveForm.onsubmit = async (e) => {
      e.preventDefault();
      note.classList.remove("error");
      try {
        await ipc.saveSearch({ name: name.value, search: toQuery(state) });
        replace(saveForm, h("span", { class: "form-message", id: "search-saved" }, t("search.save.done")));
        await shell.alertsChanged();
      } catch (err) {
        note.classList.add("error");
        note.textContent = errorText(ipc.toApiError(err));
      }
    };
    saveForm.hidden = false;
    name.focus();
    name.select();
  }

  function open(hit: Hit) {
    shell.openDocument(hit.id, markedWords(hit.snippet));
  }

  function setFilter(facet: FacetName, value: string) {
    state = toggleFacet(state, facet, value);
    void run();
  }

  function renderHit(hit: Hit, index: number): HTMLElement {
    const snippet = h("p", { class: "snippet" });
    // The core builds snippets from escaped text and <mark> only: safe as HTML.
    snippet.innerHTML = hit.snippet;
    const item = h(
      "li",
      {
        class: "hit",
        role: "option",
        tabindex: "-1",
        "aria-selected": "false",
        "data-id": hit.id,
        onclick: () => {
          select(index);
          open(hit);
        },
      },
      h("div", { class: "hit-head" },
        h("h3", { class: "hit-title" }, hit.title),
      ),
      h("div", { class: "hit-meta" },
        h("span", { class: `kind kind-${hit.kind}` }, kindLabel(hit.kind)),
        h("span", { class: "date" }, formatDate(hit.date)),
        hit.councilNumber ? h("span", { class: "number" }, `nr. ${hit.councilNumber}`) : null,
        hit.page ? h("span", { class: "page" }, `p. ${hit.page}`) : null,
      ),
      snippet,
    );
    return item;
  }

  function renderFacet(name: FacetName, title: Key, values: FacetValue[]): HTMLElement | null {
    if (values.length === 0) return null;
    return h(
      "section",
      { class: "facet", "data-facet": name },
      h("h4", {}, t(title)),
      h(
        "ul",
        {},
        values.map((v) =>
          h(
            "li",
            {},
            h(
              "button",
              {
                type: "button",
                class: isActive(state, name, v.value) ? "facet-value active" : "facet-value",
                "aria-pressed": isActive(state, name, v.value) ? "true" : "false",
                "data-value": v.value,
                onclick: () => setFilter(name, v.value),
              },
              h("span", { class: "facet-label" }, facetLabel(name, v.value)),
              h("span", { class: "facet-count" }, groupThousands(v.count)),
            ),
          ),
        ),
      ),
    );
  }

  function renderChips() {
    const labels = new Map<string, string>();
    for (const v of response?.facets.kind ?? []) labels.set(`kind:${v.value}`, facetLabel("kind", v.value));
    replace(
      chips,
      activeFilters(state).map(({ facet, value }) =>
        h(
          "button",
          {
            type: "button",
            class: "chip",
            title: t("facet.remove"),
            onclick: () => setFilter(facet, value),
          },
          `${t(`facet.${facet}` as Key)}: ${labels.get(`${facet}:${value}`) ?? value}`,
          h("span", { class: "chip-x", "aria-hidden": "true" }, "×"),
        ),
      ),
    );
  }

  function renderStart() {
    const docs = shell.documentCount();
    if (docs === 0) {
      replace(list, h("li", { class: "empty-li" }, shell.emptyArchive()));
      return;
    }
    replace(
      list,
      h(
        "li",
        { class: "empty-li" },
        h(
          "div",
          { class: "empty-state", id: "search-start" },
          h("h2", {}, t("search.start", { n: groupThousands(docs ?? 0) })),
          h("p", {}, t("search.start.hint")),
          h(
            "div",
            { class: "examples" },
            EXAMPLES.map((q) =>
              h("button", { type: "button", class: "example", onclick: () => api.searchFor(q) }, q),
            ),
          ),
        ),
      ),
    );
  }

  function render() {
    notice.hidden = true;
    saveButton.disabled = !hasSearch(state) || response === null;
    if (!hasSearch(state)) saveForm.hidden = true;
    renderChips();
    if (!response) {
      summary.textContent = "";
      replace(facets);
      renderStart();
      return;
    }
    const r = response;
    if (r.fuzzy && r.suggestion) {
      const suggestion = r.suggestion;
      replace(
        notice,
        t("search.didYouMean"),
        " ",
        h(
          "button",
          { type: "button", class: "link suggestion", onclick: () => api.searchFor(suggestion) },
          suggestion,
        ),
        "?",
      );
      notice.hidden = false;
    }
    summary.textContent = formatCount(Number(r.total));
    if (r.hits.length === 0) {
      replace(
        list,
        h(
          "li",
          { class: "empty-li" },
          h(
            "div",
            { class: "empty-state" },
            h("h2", {}, t("search.none", { q: state.text.trim() })),
            h("p", {}, t("search.none.hint")),
          ),
        ),
      );
    } else {
      const total = Number(r.total);
      const rest =
        r.hits.length < total
          ? h(
              "li",
              { class: "more-li" },
              h(
                "button",
                {
                  type: "button",
                  id: "search-more",
                  onclick: (e: Event) => void more(e.currentTarget as HTMLButtonElement),
                },
                t("search.more", { shown: groupThousands(r.hits.length), total: groupThousands(total) }),
              ),
            )
          : null;
      replace(list, r.hits.map(renderHit), rest);
    }
    replace(
      facets,
      renderFacet("kind", "facet.kind", r.facets.kind),
      renderFacet("year", "facet.year", r.facets.year),
      renderFacet("party", "facet.party", r.facets.party),
    );
  }

  function renderError(error: ipc.ApiError) {
    notice.hidden = true;
    summary.textContent = "";
    replace(facets);
    replace(
      list,
      h(
        "li",
        { class: "empty-li" },
        h(
          "div",
          { class: "error-box", role: "alert", "data-code": error.code },
          h("strong", {}, error.code === "invalid-query" ? t("search.error") : t("error.generic")),
          // A query the core could not read has no rule to word yet: say how queries are written.
          h("p", {}, error.code === "invalid-query" && !error.params.rule ? t("search.error.hint") : errorText(error)),
        ),
      ),
    );
  }

  const api: SearchView = {
    el,
    focus() {
      input.focus();
      input.select();
    },
    refresh() {
      void run();
    },
    searchFor(text: string) {
      input.value = text;
      state = { ...state, text };
      searchSoon.cancel();
      void run();
      input.focus();
    },
  };
  render();
  return api;
}
