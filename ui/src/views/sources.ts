import type { ConflictView } from "../lib/bindings/ConflictView";
import type { SourceView } from "../lib/bindings/SourceView";
import type { SyncProgressView } from "../lib/bindings/SyncProgressView";
import { h, replace } from "../lib/dom";
import { t, type Key } from "../lib/i18n";
import * as ipc from "../lib/ipc";
import { emptyState, errorState, loadingState } from "../lib/states";
import {
  broughtLine,
  downloadsLine,
  formatMoment,
  keyLabel,
  progressLine,
  statusLabel,
  SYSTEMS,
  yearRows,
  topicsOf,
} from "../lib/sources";
import type { Shell } from "../shell";
import { errorText } from "../lib/errors";
import { dateField as dayField, dayOf } from "../lib/dates";

export interface SourcesView {
  el: HTMLElement;
  refresh(): Promise<void>;
  /** Syncs one source now, showing its progress here (the first run hands its source over). */
  syncNow(id: number): Promise<void>;
}

const SYSTEM_LABELS: Record<string, string> = {
  notubiz: "NotuBiz",
  ibabs: "iBabs",
  obv: "openbesluitvorming",
  go: "GemeenteOplossingen",
  parlaeus: "Parlaeus",
  tk: "Tweede Kamer",
  ori: "Open Raadsinformatie",
};

function labelled(label: string, control: HTMLElement) {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, label), control);
}

/** The "Bronnen" page: the registers the archive keeps up with, a sync per source, a form. */
export function createSourcesView(shell: Shell): SourcesView {
  /** Where each running sync is, by source id. */
  const running = new Map<number, string>();
  /** The outcome of the last sync run here, by source id. */
  const outcome = new Map<number, { text: string; error: boolean; problems: string[] }>();
  let sources: SourceView[] = [];
  /** The source whose remove button was pressed once: the second press removes it. */
  let confirming: number | null = null;

  const list = h("div", { class: "table-wrap", id: "sources" });
  const conflicts = h("div", { id: "conflicts" });
  const form = h("div", { id: "source-add" });
  const el = h(
    "section",
    { class: "view view-sources", id: "view-sources", hidden: true },
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, t("sources.title")),
      h("p", { class: "muted" }, t("sources.hint")),
    ),
    h("div", { class: "page-scroll" }, list, form, conflicts),
  );

  async function refresh() {
    if (sources.length === 0) replace(list, loadingState());
    try {
      sources = await ipc.sources();
      renderList();
    } catch (e) {
      replace(list, errorState(ipc.toApiError(e), () => void refresh()));
    }
    await refreshConflicts();
  }

  /** Where a register says otherwise than a correction: both values, and a choice. */
  async function refreshConflicts() {
    let found: ConflictView[];
    try {
      found = await ipc.registerConflicts();
    } catch (e) {
      replace(conflicts, h("div", { class: "error-box", role: "alert" }, errorText(ipc.toApiError(e))));
      return;
    }
    if (found.length === 0) {
      replace(conflicts);
      return;
    }
    const act = async (fn: () => Promise<void>) => {
      try {
        await fn();
        await refreshConflicts();
      } catch (e) {
        replace(conflicts, h("div", { class: "error-box", role: "alert" }, errorText(ipc.toApiError(e))));
      }
    };
    replace(
      conflicts,
      h("h2", {}, t("conflicts.title")),
      h("p", { class: "muted" }, t("conflicts.hint")),
      h(
        "ul",
        { class: "conflicts" },
        found.map((c) =>
          h(
            "li",
            { class: "conflict", "data-id": c.id },
            h("strong", {}, `${c.label} · ${c.field}`),
            h("div", {}, t("conflicts.yours", { v: c.userValue ?? "" })),
            h("div", {}, t("conflicts.register", { v: c.registerValue ?? "" })),
            h("button", { type: "button", class: "keep", onclick: () => act(() => ipc.keepCorrection(c.id)) }, t("conflicts.keep")),
            h("button", { type: "button", class: "take", onclick: () => act(() => ipc.takeRegisterValue(c.id)) }, t("conflicts.take")),
          ),
        ),
      ),
    );
  }

  async function sync(source: SourceView) {
    running.set(source.id, t("sources.busy"));
    outcome.delete(source.id);
    renderList();
    const onProgress = (p: SyncProgressView) => {
      running.set(source.id, progressLine(p));
      const line = list.querySelector(`tr[data-id="${source.id}"] .sync-progress`);
      if (line) line.textContent = running.get(source.id) ?? "";
    };
    try {
      const summary = await ipc.syncSource(source.id, onProgress);
      outcome.set(source.id, {
        text: summary.cancelled
          ? t("sources.cancelled")
          : t("sources.done", { s: summary.seconds.toFixed(1) }),
        error: false,
        problems: summary.problems,
      });
    } catch (e) {
      outcome.set(source.id, { text: errorText(ipc.toApiError(e)), error: true, problems: [] });
    } finally {
      running.delete(source.id);
    }
    await refresh();
    await shell.archiveChanged();
  }

  async function cancel(id: number) {
    running.set(id, t("sources.cancelled"));
    renderList();
    try {
      await ipc.cancelSync(id);
    } catch (e) {
      outcome.set(id, { text: errorText(ipc.toApiError(e)), error: true, problems: [] });
    }
  }

  async function remove(source: SourceView) {
    if (confirming !== source.id) {
      confirming = source.id;
      renderList();
      return;
    }
    confirming = null;
    try {
      await ipc.removeSource(source.id);
      outcome.delete(source.id);
    } catch (e) {
      outcome.set(source.id, { text: errorText(ipc.toApiError(e)), error: true, problems: [] });
    }
    await refresh();
  }

  /** Another try for the downloads a source gave up on, fetched by a sync started at once. */
  async function retry(source: SourceView) {
    try {
      await ipc.retryDownloads(source.id);
    } catch (e) {
      outcome.set(source.id, { text: errorText(ipc.toApiError(e)), error: true, problems: [] });
      await refresh();
      return;
    }
    await sync(source);
  }

  function statusCell(s: SourceView) {
    const busy = running.get(s.id);
    const done = outcome.get(s.id);
    return h(
      "td",
      { class: "status" },
      h("span", { class: `sync-status sync-${busy ? "running" : s.lastStatus}` }, busy ? statusLabel("running") : statusLabel(s.lastStatus)),
      busy ? h("div", { class: "sync-progress muted", "aria-live": "polite" }, busy) : null,
      !busy && s.lastError
        ? h(
            "div",
            { class: "sync-error error" },
            t("sources.lastError"),
            // The register's and the network's own words, for whoever looks further.
            h("details", {}, h("summary", {}, t("error.details")), h("code", { lang: "en" }, s.lastError)),
          )
        : null,
      !busy && done
        ? h(
            "div",
            { class: done.error ? "sync-outcome error" : "sync-outcome", "aria-live": "polite" },
            done.text,
            done.problems.length > 0
              ? h(
                  "details",
                  {},
                  h("summary", {}, `${t("sources.skipped")} (${done.problems.length})`),
                  h("p", { class: "muted" }, t("sources.skipped.hint")),
                  h("ul", { lang: "en" }, done.problems.map((p) => h("li", {}, p))),
                )
              : null,
          )
        : null,
    );
  }

  function renderList() {
    if (sources.length === 0) {
      replace(list, emptyState({ title: t("sources.empty.title"), next: t("sources.empty") }));
      return;
    }
    const cols: Key[] = [
      "sources.col.system",
      "sources.col.key",
      "sources.col.last",
      "sources.col.status",
      "sources.col.brought",
      "sources.col.downloads",
    ];
    replace(
      list,
      h(
        "table",
        { class: "motions-table sources-table" },
        h("thead", {}, h("tr", {}, cols.map((k) => h("th", { scope: "col" }, t(k))), h("th", {}))),
        h(
          "tbody",
          {},
          sources.map((s) => {
            const busy = running.has(s.id);
            return h(
              "tr",
              { class: "source", "data-id": s.id, "data-system": s.system },
              h("td", { class: "system" }, s.systemLabel),
              h(
                "td",
                { class: "key", title: s.baseUrl },
                s.key,
                s.from ? h("div", { class: "muted" }, `${t("sources.from")} ${s.from}`) : null,
                s.topics.length > 0
                  ? h("div", { class: "muted source-topics" }, t("sources.topics.list", { topics: s.topics.join(", ") }))
                  : null,
              ),
              h("td", { class: "last" }, formatMoment(s.lastFinished ?? s.lastStarted)),
              statusCell(s),
              h(
                "td",
                { class: "brought" },
                broughtLine(s.lastAdded),
                s.years.length > 0
                  ? h(
                      "details",
                      { class: "source-years" },
                      h("summary", {}, t("sources.years")),
                      h(
                        "table",
                        { class: "years-table" },
                        h(
                          "thead",
                          {},
                          h(
                            "tr",
                            {},
                            (["sources.years.year", "sources.years.meetings", "sources.years.motions", "sources.years.documents"] as Key[]).map((k) =>
                              h("th", { scope: "col" }, t(k)),
                            ),
                          ),
                        ),
                        h("tbody", {}, yearRows(s).map((row) => h("tr", {}, row.map((cell) => h("td", {}, cell))))),
                      ),
                    )
                  : null,
              ),
              h(
                "td",
                { class: "downloads" },
                downloadsLine(s),
                s.failedDownloads.length > 0
                  ? h(
                      "details",
                      {},
                      h("summary", {}, t("sources.failed", { n: s.failedDownloads.length })),
                      h("ul", {}, s.failedDownloads.map((d) => h("li", {}, `${d.title ?? d.url}: ${d.error ?? ""}`))),
                      busy
                        ? null
                        : h("button", { type: "button", class: "small retry-downloads", onclick: () => void retry(s) }, t("sources.retry")),
                    )
                  : null,
              ),
              h(
                "td",
                {},
                h(
                  "div",
                  { class: "actions" },
                  busy
                  ? h("button", { type: "button", class: "small cancel-sync", onclick: () => void cancel(s.id) }, t("sources.cancel"))
                  : h("button", { type: "button", class: "primary small sync-now", onclick: () => void sync(s) }, t("sources.sync")),
                h(
                  "button",
                  {
                    type: "button",
                    class: confirming === s.id ? "danger remove-source confirming" : "link remove-source",
                    disabled: busy,
                    onclick: () => void remove(s),
                  },
                  confirming === s.id ? t("sources.remove.confirm", { name: `${s.systemLabel} ${s.key}` }) : t("sources.remove"),
                ),
                ),
              ),
            );
          }),
        ),
      ),
    );
  }

  function renderForm() {
    const system = h(
      "select",
      { id: "source-system" },
      SYSTEMS.map((s) => h("option", { value: s }, SYSTEM_LABELS[s] ?? s)),
    );
    const key = h("input", { type: "text", id: "source-key", placeholder: "952", autocomplete: "off" });
    const keyName = h("span", {}, keyLabel(system.value));
    const baseUrl = h("input", { type: "url", id: "source-base-url", placeholder: "https://api.notubiz.nl", autocomplete: "off" });
    const from = dayField({ id: "source-from" });
    const topics = h("input", { type: "text", id: "source-topics", autocomplete: "off" });
    const note = h("p", { class: "form-message", "aria-live": "polite" });
    system.addEventListener("change", () => {
      keyName.textContent = keyLabel(system.value);
      key.placeholder = system.value === "notubiz" ? "952" : "";
    });
    const card = h(
      "form",
      { class: "card", id: "source-form" },
      h("h3", {}, t("sources.add")),
      h(
        "div",
        { class: "form-grid" },
        labelled(t("sources.system"), system),
        h("label", { class: "field" }, h("span", { class: "field-label" }, keyName), key),
        labelled(t("sources.baseUrl"), baseUrl),
        labelled(t("sources.from"), from),
        labelled(t("sources.topics"), topics),
      ),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", id: "source-save" }, t("sources.save")), note),
    );
    card.addEventListener("submit", async (e) => {
      e.preventDefault();
      note.classList.remove("error");
      note.textContent = "";
      try {
        await ipc.addSource({
          system: system.value,
          key: key.value,
          baseUrl: baseUrl.value || undefined,
          from: dayOf(from) || undefined,
          topics: topicsOf(topics.value),
        });
        key.value = "";
        topics.value = "";
        baseUrl.value = "";
        await refresh();
      } catch (err) {
        note.classList.add("error");
        note.textContent = errorText(ipc.toApiError(err));
      }
    });
    replace(form, card);
  }

  renderForm();
  async function syncNow(id: number) {
    await refresh();
    const source = sources.find((s) => s.id === id);
    if (source && !running.has(id)) await sync(source);
  }

  return { el, refresh, syncNow };
}
