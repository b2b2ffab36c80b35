import { describe, expect, it } from "vitest";
import type { Flag } from "./bindings/Flag";
import {
  daysBetween,
  FLAGS,
  flagLabel,
  isIsoDay,
  isoDay,
  statusChange,
} from "./commitments";

describe("the commitments dashboard", () => {
  it("maps flags to their labels, unknown ones to a neutral label", () => {
    expect(flagLabel("overdue")).toBe("flag.overdue");
    expect(flagLabel("whatever" as Flag)).toBe("flag.open");
  });
});

describe("days", () => {
  it("writes a local day as YYYY-MM-DD", () => {
    expect(isoDay(new Date(2026, 10, 22, 23, 59))).toBe("2026-11-22");
    expect(isoDay(new Date(2018, 0, 5))).toBe("2018-01-05");
  });

  it("accepts only real calendar days", () => {
    expect(isIsoDay("2026-11-22")).toBe(true);
    expect(isIsoDay("2024-02-29")).toBe(true);
    expect(isIsoDay("2023-02-29")).toBe(false);
    expect(isIsoDay("22-11-2026")).toBe(false);
    expect(isIsoDay("")).toBe(false);
  });

  it("counts whole days between two days, across a clock change", () => {
    expect(daysBetween("2018-09-01", "2018-09-11")).toBe(10);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2018-09-11", "2018-09-01")).toBe(-10);
  });
});

describe("the set-status form", () => {
  it("sends evidence and a note only when given", () => {
    expect(statusChange({ status: "met", date: "2026-11-22", evidence: "", note: " " })).toEqual({
      status: "met",
      date: "2026-11-22",
    });
    expect(statusChange({ status: "met", date: "2026-11-22", evidence: "17", note: "RIB" })).toEqual({
      status: "met",
      date: "2026-11-22",
      evidence: 17,
      note: "RIB",
    });
  });

  it("keeps the current status unless another is chosen, and sets a deadline with its reason", () => {
    expect(
      statusChange({ status: "open", current: "open", date: "2026-11-22", evidence: "", note: "", due: "2027-03-01", reason: " raadsbesluit " }),
    ).toEqual({ date: "2026-11-22", due: "2027-03-01", reason: "raadsbesluit" });
    expect(statusChange({ status: "met", current: "open", date: "2026-11-22", evidence: "", note: "", due: "" })).toEqual({
      status: "met",
      date: "2026-11-22",
    });
  });

  it("knows the due-unknown flag apart from no-deadline", () => {
    expect(FLAGS).toContain("due-unknown");
    expect(FLAGS.indexOf("due-unknown")).toBeLessThan(FLAGS.indexOf("no-deadline"));
    expect(flagLabel("due-unknown")).toBe("flag.due-unknown");
  });
});
