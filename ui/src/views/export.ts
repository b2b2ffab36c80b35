import type { ExportFormat } from "../lib/bindings/ExportFormat";
import type { ExportSummary } from "../lib/bindings/ExportSummary";
import { isIsoDay, isoDay } from "../lib/commitments";
import { h } from "../lib/dom";
import { fileFilters, suggestedName } from "../lib/exports";
import { t, type Key } from "../lib/i18n";
import * as ipc from "../lib/ipc";
import { errorText } from "../lib/errors";
import { dateField as dayField, dayOf } from "../lib/dates";

export interface ExportView {
  el: HTMLElement;
  /** Writes an export to `path` (the save dialog's answer, or a test's). */
  run(format: ExportFormat, path: string): Promise<ExportSummary | null>;
}

export function createExportView(defaultAsOf: () => string): ExportView {
  const dateInput = dayField({ id: "export-as-of", value: isoDay(new Date()) });
  const message = h("p", { class: "form-message", id: "export-message", "aria-live": "polite" });

  function card(format: ExportFormat, title: Key, hint: Key) {
    return h(
      "div",
      { class: "export-card card", "data-format": format },
      h("h2", {}, t(title)),
      h("p", { class: "muted" }, t(hint)),
      h(
        "button",
        {
          type: "button",
          class: "primary",
          id: `export-${format}`,
          onclick: async () => {
            try {
              const path = await ipc.pickSavePath(t(title), suggestedName(format, asOf()), fileFilters(format));
              if (path) await api.run(format, path);
            } catch (e) {
              message.textContent = errorText(ipc.toApiError(e));
            }
          },
        },
        t("export.save"),
      ),
    );
  }

  const asOf = () => (isIsoDay(dayOf(dateInput)) ? dayOf(dateInput) : defaultAsOf());

  const el = h(
    "section",
    { class: "view view-export", id: "view-export", hidden: true },
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, t("export.title")),
      h("p", { class: "muted" }, t("export.hint")),
      h(
        "div",
        { class: "as-of" },
        h("label", { for: "export-as-of", class: "field-label" }, t("commitments.asOf")),
        dateInput,
      ),
    ),
    h(
      "div",
      { class: "page-scroll" },
      h(
        "div",
        { class: "export-cards" },
        card("csv", "export.csv", "export.csv.hint"),
        card("ics", "export.ics", "export.ics.hint"),
        card("report", "export.report", "export.report.hint"),
      ),
      message,
    ),
  );

  const api: ExportView = {
    el,
    async run(format, path) {
      message.classList.remove("error");
      message.textContent = t("export.busy");
      try {
        const done = await ipc.exportTo({ format, asOf: asOf(), path });
        message.textContent = t("export.done", { path: done.path, n: done.commitments });
        message.dataset.done = "true";
        return done;
      } catch (e) {
        message.classList.add("error");
        message.textContent = errorText(ipc.toApiError(e));
        return null;
      }
    },
  };
  return api;
}
