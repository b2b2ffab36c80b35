import type { FileReport } from "../lib/bindings/FileReport";
import type { ImportSummary } from "../lib/bindings/ImportSummary";
import { h, replace } from "../lib/dom";
import { fileName } from "../lib/format";
import { t } from "../lib/i18n";
import * as ipc from "../lib/ipc";
import type { Shell } from "../shell";
import { errorText, importReasonText } from "../lib/errors";

export interface ImportView {
  el: HTMLElement;
  /** Imports these paths, showing progress and per-file results. */
  run(paths: string[]): Promise<ImportSummary | null>;
}

export function createImportView(shell: Shell): ImportView {
  let busy = false;
  const bar = h("div", { class: "progress-fill" });
  const progressLabel = h("span", { class: "progress-label" });
  const progress = h(
    "div",
    { class: "progress", id: "import-progress", hidden: true },
    h("div", { class: "progress-track", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100" }, bar),
    progressLabel,
  );
  const summary = h("p", { class: "import-summary", id: "import-summary", "aria-live": "polite" });
  const results = h("ul", { class: "import-results", id: "import-results" });
  const archiveInfo = h("p", { class: "muted", id: "reindex-result" });

  const pick = (folder: boolean) => async () => {
    try {
      const paths = await ipc.pickPaths(folder, t(folder ? "import.folder" : "import.files"));
      if (paths.length > 0) await api.run(paths);
    } catch (e) {
      summary.textContent = errorText(ipc.toApiError(e));
    }
  };

  const el = h(
    "section",
    { class: "view view-import", id: "view-import", hidden: true },
    h("header", { class: "page-head" }, h("h1", {}, t("import.title"))),
    h(
      "div",
      { class: "page-scroll" },
      h(
        "div",
        { class: "dropzone", id: "dropzone" },
        h("div", { class: "dropzone-icon", "aria-hidden": "true" }, "⇣"),
        h("h2", {}, t("import.drop")),
        h("p", { class: "muted" }, t("import.drop.hint")),
        h(
          "div",
          { class: "buttons" },
          h("button", { type: "button", class: "primary", id: "pick-files", onclick: pick(false) }, t("import.files")),
          h("button", { type: "button", id: "pick-folder", onclick: pick(true) }, t("import.folder")),
        ),
      ),
      progress,
      summary,
      results,
      h(
        "section",
        { class: "archive-tools" },
        h("h3", {}, t("import.archive")),
        h(
          "button",
          {
            type: "button",
            id: "reindex",
            onclick: async () => {
              archiveInfo.textContent = "…";
              try {
                const r = await ipc.reindex();
                archiveInfo.textContent = t("import.reindexed", {
                  n: r.documents,
                  s: r.seconds.toFixed(1).replace(".", ","),
                });
              } catch (e) {
                archiveInfo.textContent = errorText(ipc.toApiError(e));
              }
            },
          },
          t("import.reindex"),
        ),
        archiveInfo,
      ),
    ),
  );

  function setProgress(done: number, total: number) {
    const pct = total > 0 ? Math.round((done / total) * 100) : 0;
    bar.style.width = `${pct}%`;
    bar.parentElement?.setAttribute("aria-valuenow", String(pct));
    progressLabel.textContent = t("import.progress", { done, total });
  }

  function fileItem(file: FileReport): HTMLElement {
    const o = file.outcome;
    const status = o.status;
    const label =
      status === "imported" ? t("import.imported") : status === "skipped" ? t("import.skipped") : t("import.failed");
    return h(
      "li",
      { class: `file file-${status}`, "data-status": status, title: file.path },
      h("span", { class: "file-icon", "aria-hidden": "true" }, status === "imported" ? "✓" : status === "skipped" ? "=" : "✕"),
      h(
        "div",
        { class: "file-text" },
        h("span", { class: "file-name" }, fileName(file.path)),
        h(
          "span",
          { class: "file-detail" },
          o.status === "imported"
            ? `${label}: ${o.title}`
            : o.status === "failed"
              ? importReasonText(o.code, o.params)
              : label,
        ),
      ),
      o.status === "imported"
        ? h("button", { type: "button", class: "link", onclick: () => shell.openDocument(o.id, []) }, "→")
        : null,
    );
  }

  const api: ImportView = {
    el,
    async run(paths) {
      if (busy || paths.length === 0) return null;
      busy = true;
      shell.showView("import");
      replace(results);
      summary.removeAttribute("data-done");
      summary.removeAttribute("data-error");
      summary.textContent = t("import.busy");
      progress.hidden = false;
      setProgress(0, paths.length);
      try {
        const report = await ipc.importPaths(paths, (event) => {
          if (event.event === "started") setProgress(0, event.total);
          else {
            setProgress(event.done, event.total);
            results.append(fileItem(event.file));
          }
        });
        replace(results, report.files.map(fileItem));
        summary.textContent = t("import.summary", {
          imported: report.imported,
          skipped: report.skipped,
          failed: report.failed,
        });
        if (report.registerFiles > 0) {
          summary.textContent += ` · ${t("import.summary.register", { files: report.registerFiles, records: report.registerRecords, problems: report.registerProblems.length })}`;
        }
        summary.dataset.done = "true";
        window.__raadsvolgerLastImport = report;
        await shell.archiveChanged();
        return report;
      } catch (e) {
        const error = ipc.toApiError(e);
        summary.textContent = errorText(error);
        summary.dataset.error = error.code;
        progress.hidden = true;
        window.__raadsvolgerLastImport = { error };
        return null;
      } finally {
        busy = false;
      }
    },
  };
  return api;
}
