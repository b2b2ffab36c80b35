import "./styles.css";

import { h, replace } from "./lib/dom";
import { groupThousands } from "./lib/format";
import { LOCALE_KEY, rememberLocale, setLocale, t, type Key, type Locale } from "./lib/i18n";
import * as ipc from "./lib/ipc";
import type { Shell, ViewName } from "./shell";
import { isoDay } from "./lib/commitments";
import { totalNew } from "./lib/sources";
import { createCommitmentsView, NOTIFY_KEY } from "./views/commitments";
import { createDocumentView } from "./views/document";
import { createExportView } from "./views/export";
import { createImportView } from "./views/importer";
import { createMeetingsView } from "./views/meetings";
import { createMotionsView } from "./views/motions";
import { createAlertsView } from "./views/alerts";
import { createSearchView } from "./views/search";
import { createFirstRun } from "./views/firstrun";
import { createSettingsView } from "./views/settings";
import { createSourcesView } from "./views/sources";
import { createTimelineView } from "./views/timeline";
import { errorText } from "./lib/errors";

declare global {
  interface Window {
    /**
     * Test hook: the import the drop zone and the dialog lead to, with paths the page names itself
     * (which the app refuses unless the user chose them; the tests check that).
     */
    __raadsvolgerImport?: (paths: string[]) => Promise<unknown>;
    /** The last import's report (or its error), for the end-to-end tests to read. */
    __raadsvolgerLastImport?: unknown;
    /** Test hook: the export the save dialog leads to, with a path the page names itself (refused likewise). */
    __raadsvolgerExport?: (format: "csv" | "ics" | "report", path: string) => Promise<unknown>;
  }
}

// The language the window last had (the archive's setting decides: see applyLanguage).
const savedLocale = (() => {
  try {
    return localStorage.getItem(LOCALE_KEY);
  } catch {
    return null;
  }
})();
const startLocale: Locale = savedLocale === "en" ? "en" : "nl";
setLocale(startLocale);
document.documentElement.lang = startLocale;

let documents: number | null = null;
let current: ViewName = "search";
let returnTo: ViewName = "search";

const shell: Shell = {
  showView,
  openDocument(id, words) {
    if (current !== "document") returnTo = current;
    showView("document");
    void documentView.show(id, words);
  },
  backToSearch() {
    showView(returnTo);
    if (returnTo === "search") searchView.focus();
  },
  documentCount: () => documents,
  emptyArchive,
  archiveChanged,
  alertsChanged,
  searchFor(text) {
    showView("search");
    searchView.searchFor(text);
  },
};

const searchView = createSearchView(shell);
const documentView = createDocumentView(shell);
const commitmentsView = createCommitmentsView(shell);
const motionsView = createMotionsView(shell);
const meetingsView = createMeetingsView(shell);
const timelineView = createTimelineView(shell);
const sourcesView = createSourcesView(shell);
const alertsView = createAlertsView(shell);
const importView = createImportView(shell);
const exportView = createExportView(() => commitmentsView.asOf());
const settingsView = createSettingsView(shell);

const views: Record<ViewName, HTMLElement> = {
  search: searchView.el,
  document: documentView.el,
  commitments: commitmentsView.el,
  motions: motionsView.el,
  meetings: meetingsView.el,
  timeline: timelineView.el,
  sources: sourcesView.el,
  alerts: alertsView.el,
  import: importView.el,
  export: exportView.el,
  settings: settingsView.el,
};

const countLabel = h("p", { class: "archive-count", id: "archive-count" });
/** The archives side by side: which one is open, the others one choice away. */
const archiveSelect = h("select", { id: "archive-switch", "aria-label": t("archives.label") });
const archiveStatus = h("p", { class: "muted archive-status", id: "archive-status", "aria-live": "polite" });

const navButtons = new Map<ViewName, HTMLButtonElement>();

function navItem(view: ViewName, label: Key, icon: string) {
  const button = h(
    "button",
    { type: "button", class: "nav-item", id: `nav-${view}`, onclick: () => showView(view) },
    h("span", { class: "nav-icon", "aria-hidden": "true" }, icon),
    h("span", {}, t(label)),
  );
  navButtons.set(view, button);
  return button;
}

/** The badge on "Bewaarde zoekopdrachten": documents new since the user last looked. */
const alertsBadge = h("span", { class: "nav-badge", id: "nav-alerts-badge", title: t("nav.alerts.badge"), hidden: true });

function alertsNav() {
  const button = navItem("alerts", "nav.alerts", "★");
  button.append(alertsBadge);
  return button;
}

const sidebar = h(
  "nav",
  { class: "sidebar", "aria-label": "Navigatie" },
  h("div", { class: "brand" }, h("span", { class: "brand-mark", "aria-hidden": "true" }, "R"), t("app.name")),
  navItem("search", "nav.search", "⌕"),
  navItem("commitments", "nav.commitments", "◷"),
  navItem("motions", "nav.motions", "✓"),
  navItem("meetings", "nav.meetings", "▦"),
  navItem("timeline", "nav.timeline", "☰"),
  alertsNav(),
  h("div", { class: "nav-sep" }),
  navItem("sources", "nav.sources", "⟳"),
  navItem("import", "nav.import", "⇣"),
  navItem("export", "nav.export", "⇡"),
  navItem("settings", "nav.settings", "⚙"),
  h("div", { class: "sidebar-foot" },
    h("label", { class: "archive-switch" }, h("span", { class: "field-label" }, t("archives.label")), archiveSelect),
    archiveStatus,
    countLabel,
    h(
      "button",
      {
        type: "button",
        class: "link language",
        id: "language",
        onclick: async () => {
          const next: Locale = startLocale === "nl" ? "en" : "nl";
          try {
            const settings = await ipc.councilSettings();
            await ipc.setCouncilSettings({ ...settings, language: next });
          } catch {
            // The archive cannot be written now: the window still switches, until the next start.
          }
          rememberLocale(next);
          location.reload();
        },
      },
      t("nav.language"),
    ),
  ),
);

const overlay = h("div", { class: "drop-overlay", hidden: true }, h("div", {}, t("import.overlay")));
const main = h("main", { class: "content" }, Object.values(views));
const app = document.getElementById("app");
if (app) replace(app, h("div", { class: "shell" }, sidebar, main, overlay));

function showView(name: ViewName) {
  current = name;
  for (const [view, el] of Object.entries(views)) el.hidden = view !== name;
  for (const [view, button] of navButtons) {
    const on = view === name || (name === "document" && view === returnTo);
    button.classList.toggle("active", on);
    if (on) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  if (name === "timeline") void timelineView.refresh();
  if (name === "commitments") void commitmentsView.refresh();
  if (name === "motions") void motionsView.refresh();
  if (name === "meetings") void meetingsView.refresh();
  if (name === "sources") void sourcesView.refresh();
  if (name === "alerts") void alertsView.refresh();
  if (name === "settings") void settingsView.refresh();
}

async function alertsChanged() {
  try {
    const n = totalNew(await ipc.savedSearches());
    alertsBadge.textContent = String(n);
    alertsBadge.hidden = n === 0;
    alertsBadge.setAttribute("aria-label", `${t("nav.alerts.badge")}: ${n}`);
  } catch {
    alertsBadge.hidden = true;
  }
  if (current === "alerts") await alertsView.refresh();
}

function emptyArchive(): HTMLElement {
  return createFirstRun({
    startSync(sourceId) {
      showView("sources");
      void sourcesView.syncNow(sourceId);
    },
    async openExample() {
      await ipc.openExample();
      location.reload();
    },
    importFiles() {
      showView("import");
    },
  });
}

/** The archives side by side: which one is open, the others one choice away. */

async function switchArchive(open: () => Promise<unknown>) {
  archiveSelect.disabled = true;
  archiveStatus.textContent = t("archives.switching");
  try {
    await open();
    location.reload();
  } catch (e) {
    archiveStatus.textContent = errorText(ipc.toApiError(e));
    archiveSelect.disabled = false;
    await refreshArchives();
  }
}

async function refreshArchives() {
  try {
    const view = await ipc.archives();
    replace(
      archiveSelect,
      view.archives.map((a) =>
        h(
          "option",
          { value: a.path, selected: a.current, title: a.path, "data-example": a.example ? "1" : undefined },
          a.example ? `${a.name} (${t("archives.example.tag")})` : a.name,
        ),
      ),
      view.archives.some((a) => a.example) ? null : h("option", { value: "::example" }, t("archives.example")),
      h("option", { value: "::open" }, t("archives.open")),
    );
  } catch (e) {
    archiveStatus.textContent = errorText(ipc.toApiError(e));
  }
}

archiveSelect.addEventListener("change", () => {
  const value = archiveSelect.value;
  if (value === "::example") void switchArchive(() => ipc.openExample());
  else if (value === "::open") {
    void (async () => {
      const folder = await ipc.pickFolder(t("archives.pick")).catch(() => null);
      if (folder) await switchArchive(() => ipc.openArchive(folder));
      else await refreshArchives();
    })();
  } else void switchArchive(() => ipc.openArchive(value));
});

async function refreshStats() {
  try {
    const s = await ipc.stats();
    documents = Number(s.documents);
    countLabel.textContent = documents === 1 ? t("archive.count.one") : t("archive.count", { n: groupThousands(documents) });
    countLabel.title = s.archive;
  } catch (e) {
    countLabel.textContent = errorText(ipc.toApiError(e));
  }
}

async function archiveChanged() {
  await refreshStats();
  searchView.refresh();
  if (current === "timeline") await timelineView.refresh();
  if (current === "commitments") await commitmentsView.refresh();
  if (current === "motions") await motionsView.refresh();
  if (current === "meetings") await meetingsView.refresh();
  await alertsChanged();
}

/** The opt-in summary at start: how many commitments are past their deadline today. */
async function notifyOverdue() {
  if (localStorage.getItem(NOTIFY_KEY) !== "1") return;
  try {
    const overdue = await ipc.commitments({ asOf: isoDay(new Date()), flags: ["overdue"] });
    if (overdue.length === 0) return;
    const body =
      overdue.length === 1 ? t("commitments.notify.one") : t("commitments.notify.body", { n: overdue.length });
    await ipc.notify(t("commitments.notify.title"), body);
  } catch {
    // A missing notification service is no reason to bother the user.
  }
}

// Keyboard: "/" focuses the search box from anywhere but a text field.
document.addEventListener("keydown", (e) => {
  const target = e.target as HTMLElement | null;
  const typing =
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target?.isContentEditable;
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    showView("search");
    searchView.focus();
  } else if (e.key === "Escape" && current === "document") {
    shell.backToSearch();
  }
});

// Files dropped anywhere in the window are imported.
ipc
  .onFileDrop((event) => {
    overlay.hidden = event.type !== "over";
    if (event.type === "drop") void importView.run(event.paths);
  })
  .catch(() => undefined);

window.__raadsvolgerImport = (paths: string[]) => importView.run(paths);
window.__raadsvolgerExport = (format, path) => exportView.run(format, path);

/** The archive's language setting, applied: the window starts again when it says another. */
async function applyLanguage() {
  try {
    const settings = await ipc.councilSettings();
    const wanted: Locale = settings.language === "en" ? "en" : "nl";
    if (wanted !== startLocale) {
      rememberLocale(wanted);
      location.reload();
    }
  } catch {
    // Settings that cannot be read leave the window as it is.
  }
}

showView("search");
void applyLanguage();
void refreshArchives();
void refreshStats().then(() => {
  searchView.refresh();
  searchView.focus();
  void notifyOverdue();
  void alertsChanged();
});
