import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "./i18n";
import { facetLabel, kindLabel, meetingStatusLabel } from "./labels";

afterEach(() => setLocale("nl"));

describe("the core's keys worded in the window's language", () => {
  it("names a document kind in Dutch and in English", () => {
    expect(kindLabel("schriftelijke-vragen")).toBe("Schriftelijke vragen");
    setLocale("en");
    expect(kindLabel("schriftelijke-vragen")).toBe("Written questions");
  });

  it("words a kind facet, and leaves years, parties and unknown kinds as they are", () => {
    expect(facetLabel("kind", "raadsinformatiebrief")).toBe("Raadsinformatiebrief");
    expect(facetLabel("kind", "iets-nieuws")).toBe("iets-nieuws");
    expect(facetLabel("year", "2018")).toBe("2018");
    expect(facetLabel("party", "plan")).toBe("plan");
  });

  it("names a meeting's status", () => {
    expect(meetingStatusLabel("planned")).toBe("gepland");
    setLocale("en");
    expect(meetingStatusLabel("cancelled")).toBe("cancelled");
  });
});
