import { afterEach, describe, expect, it } from "vitest";
import { fileName, formatCount, formatDate, groupThousands, markedWords } from "./format";
import { setLocale } from "./i18n";

afterEach(() => setLocale("nl"));

describe("formatting", () => {
  it("writes dates the Dutch way, and in English on request", () => {
    expect(formatDate("2018-03-15")).toBe("15 maart 2018");
    expect(formatDate("2023-10-02")).toBe("2 oktober 2023");
    expect(formatDate(null)).toBe("zonder datum");
    expect(formatDate("gisteren")).toBe("gisteren");
    setLocale("en");
    expect(formatDate("2018-03-15")).toBe("15 March 2018");
  });

  it("counts results with singular and grouped thousands", () => {
    expect(formatCount(1)).toBe("1 resultaat");
    expect(formatCount(0)).toBe("0 resultaten");
    expect(formatCount(12345)).toBe("12.345 resultaten");
    expect(groupThousands(999)).toBe("999");
    setLocale("en");
    expect(formatCount(1234)).toBe("1,234 results");
  });

  it("takes the file name from either kind of path", () => {
    expect(fileName("/home/raad/stukken/motie.md")).toBe("motie.md");
    expect(fileName("C:\\stukken\\rib.pdf")).toBe("rib.pdf");
    expect(fileName("los.txt")).toBe("los.txt");
  });

  it("finds the marked words in a snippet", () => {
    const html = "de <mark>zorgcoördinator</mark> en de <mark>Zorgcoördinator</mark> &amp; <mark>R&amp;D</mark>";
    expect(markedWords(html)).toEqual(["zorgcoördinator", "Zorgcoördinator", "R&D"]);
    expect(markedWords("geen treffers")).toEqual([]);
  });
});
