import { describe, expect, it } from "vitest";
import { dateField, dayOf, dutchDay, parseDutchDay, setDay } from "./dates";

describe("dates typed the Dutch way", () => {
  it("reads dd-mm-jjjj and its variants as an ISO day", () => {
    expect(parseDutchDay("12-10-2023")).toBe("2023-10-12");
    expect(parseDutchDay(" 1-2-2024 ")).toBe("2024-02-01");
    expect(parseDutchDay("12/10/2023")).toBe("2023-10-12");
    expect(parseDutchDay("12.10.2023")).toBe("2023-10-12");
    expect(parseDutchDay("12 oktober 2023")).toBe("2023-10-12");
    expect(parseDutchDay("12 okt 2023")).toBe("2023-10-12");
    expect(parseDutchDay("2023-10-12")).toBe("2023-10-12");
    expect(parseDutchDay("")).toBeNull();
  });

  it("refuses what is not a day", () => {
    for (const bad of ["31-02-2024", "10-13-2023", "12-10-23", "gisteren", "2023/10/12", "0-1-2020", "12 okto 20"]) {
      expect(parseDutchDay(bad), bad).toBeUndefined();
    }
    expect(parseDutchDay("29-02-2024")).toBe("2024-02-29");
  });

  it("shows an ISO day as dd-mm-jjjj", () => {
    expect(dutchDay("2023-10-12")).toBe("12-10-2023");
    expect(dutchDay(null)).toBe("");
  });

  it("a date field stores ISO and says when the text is no date", () => {
    const input = dateField({ id: "d", value: "2018-03-15" });
    expect(input.type).toBe("text");
    expect(input.value).toBe("15-03-2018");
    expect(dayOf(input)).toBe("2018-03-15");
    input.value = "1/2/2024";
    input.dispatchEvent(new Event("change"));
    expect(input.value).toBe("01-02-2024");
    expect(dayOf(input)).toBe("2024-02-01");
    input.value = "31-02-2024";
    input.dispatchEvent(new Event("change"));
    expect(input.validity.valid).toBe(false);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(dayOf(input)).toBe("");
    setDay(input, "2026-11-22");
    expect(input.value).toBe("22-11-2026");
    expect(input.validity.valid).toBe(true);
  });
});
