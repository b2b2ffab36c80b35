import { describe, expect, it } from "vitest";
import { fileFilters, suggestedName } from "./exports";

describe("exports", () => {
  it("proposes a file name with the day", () => {
    expect(suggestedName("csv", "2026-11-22")).toBe("toezeggingen-2026-11-22.csv");
    expect(suggestedName("ics", "2026-11-22")).toBe("termijnen-2026-11-22.ics");
    expect(suggestedName("report", "2026-11-22")).toMatch(/\.html$/);
  });

  it("offers HTML and Markdown for the report", () => {
    expect(fileFilters("report").flatMap((f) => f.extensions)).toEqual(["html", "md"]);
  });
});
