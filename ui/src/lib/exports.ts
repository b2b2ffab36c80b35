import type { ExportFormat } from "./bindings/ExportFormat";

/** The file name the save dialog proposes: `toezeggingen-2026-11-22.csv` and so on. */
export function suggestedName(format: ExportFormat, asOf: string): string {
  switch (format) {
    case "csv":
      return `toezeggingen-${asOf}.csv`;
    case "ics":
      return `termijnen-${asOf}.ics`;
    case "report":
      return `lijst-toezeggingen-en-moties-${asOf}.html`;
  }
}

/** The save dialog's file type filters. */
export function fileFilters(format: ExportFormat): { name: string; extensions: string[] }[] {
  switch (format) {
    case "csv":
      return [{ name: "CSV", extensions: ["csv"] }];
    case "ics":
      return [{ name: "iCalendar", extensions: ["ics"] }];
    case "report":
      return [
        { name: "HTML", extensions: ["html"] },
        { name: "Markdown", extensions: ["md"] },
      ];
  }
}
