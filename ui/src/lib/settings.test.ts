import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "./i18n";
import { dutchMonthDay, formatMonthDay, numberFormatExample, parseMonthDay, splitAliases } from "./settings";

afterEach(() => setLocale("nl"));

describe("recess days typed day first", () => {
  it("reads dd-mm as MM-DD and refuses what is no day of the year", () => {
    expect(parseMonthDay("4-7")).toBe("07-04");
    expect(parseMonthDay("20-06")).toBe("06-20");
    expect(parseMonthDay("29/2")).toBe("02-29");
    expect(parseMonthDay("")).toBeNull();
    for (const bad of ["31-6", "7-13", "juli", "2024-07-04", "0-1"]) expect(parseMonthDay(bad), bad).toBeUndefined();
  });

  it("shows a stored day as typed and as read", () => {
    expect(dutchMonthDay("07-04")).toBe("04-07");
    expect(dutchMonthDay(undefined)).toBe("");
    expect(formatMonthDay("07-04")).toBe("4 juli");
    setLocale("en");
    expect(formatMonthDay("12-24")).toBe("24 December");
  });

  it("splits aliases on commas", () => {
    expect(splitAliases("GL, Groen Links , ")).toEqual(["GL", "Groen Links"]);
  });

  it("shows what a number in the council's format looks like", () => {
    expect(numberFormatExample("JJJJ-NNN")).toBe("2024-001");
    expect(numberFormatExample("RV JJJJ/N")).toBe("RV 2024/7");
    expect(numberFormatExample("M.JJ.NN")).toBe("M.24.01");
    expect(numberFormatExample("/^M\\d+$/")).toBeNull();
    expect(numberFormatExample("  ")).toBeNull();
  });
});
