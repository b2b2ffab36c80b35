import { describe, expect, it } from "vitest";
import type { SavedSearchView } from "./bindings/SavedSearchView";
import type { SourceView } from "./bindings/SourceView";
import { setLocale } from "./i18n";
import {
  broughtLine,
  downloadsLine,
  formatMoment,
  topicsOf,
  keyLabel,
  progressLine,
  statusLabel,
  suggestedName,
  totalNew,
  yearRows,
} from "./sources";

const counts = { requests: 9, responses: 4, records: 12, unchanged: 0, documents: 1, problems: 0, outsideTopics: 0 };

function source(over: Partial<SourceView> = {}): SourceView {
  return {
    id: 1,
    system: "notubiz",
    systemLabel: "NotuBiz",
    key: "952",
    baseUrl: "https://api.notubiz.nl",
    from: null,
    to: null,
    addedAt: "2026-12-01T10:00:00Z",
    lastStarted: null,
    lastFinished: null,
    lastStatus: "never",
    lastError: null,
    lastAdded: null,
    topics: [],
    pendingDownloads: 0,
    outsideTopics: 0,
    failedDownloads: [],
    years: [],
    ...over,
  };
}

describe("sources", () => {
  setLocale("nl");

  it("names the key and the status in Dutch", () => {
    expect(keyLabel("notubiz")).toBe("Organisatienummer");
    expect(keyLabel("ibabs")).toBe("Site");
    expect(statusLabel("ok")).toBe("gelukt");
    expect(statusLabel("never")).toBe("nog nooit");
    expect(statusLabel("iets")).toBe("iets");
  });

  it("lists a source's years newest first, beside what the source reported", () => {
    const years = [
      { year: "2023", meetings: 40, motions: 12, documents: 300, documentsWaiting: 0, reportedMeetings: 41, reportedMotions: null, reportedDocuments: null },
      { year: "", meetings: 0, motions: 2, documents: 0, documentsWaiting: 0, reportedMeetings: null, reportedMotions: null, reportedDocuments: null },
      { year: "2024", meetings: 38, motions: 9, documents: 250, documentsWaiting: 7, reportedMeetings: null, reportedMotions: null, reportedDocuments: null },
    ];
    expect(yearRows(source({ years }))).toEqual([
      ["2024", "38", "9", "250 (+7 wachtend)"],
      ["2023", "40 van 41", "12", "300"],
      ["zonder datum", "0", "2", "0"],
    ]);
  });

  it("says what a sync brought", () => {
    expect(broughtLine(null)).toBe("—");
    expect(broughtLine(counts)).toBe("12 registerregels, 1 document, 0 problemen");
    expect(broughtLine({ ...counts, records: 1, documents: 3, unchanged: 5, problems: 1 })).toBe(
      "1 registerregel, 3 documenten, 5 ongewijzigd, 1 probleem",
    );
  });

  it("lists pending and failed downloads only when there are any", () => {
    expect(downloadsLine(source())).toBe("");
    const failed = { url: "http://x/1", title: null, attempts: 2, error: "500" };
    expect(downloadsLine(source({ pendingDownloads: 2, failedDownloads: [failed] }))).toBe(
      "2 downloads te doen, 1 mislukt",
    );
    expect(downloadsLine(source({ outsideTopics: 7 }))).toBe("7 stukken buiten de onderwerpen niet opgehaald");
  });

  it("reads topics as typed, separated by commas", () => {
    expect(topicsOf(" armoede,  openbare   ruimte ;; jeugd ")).toEqual(["armoede", "openbare ruimte", "jeugd"]);
    expect(topicsOf(" , ")).toEqual([]);
  });

  it("shows progress with and without a total", () => {
    expect(progressLine({ source: 1, stage: "records", done: 3, total: 10, message: "vergadering 7" })).toBe(
      "Registergegevens: 3 van 10 — vergadering 7",
    );
    expect(progressLine({ source: 1, stage: "documents", done: 2, total: null, message: "x" })).toBe(
      "Documenten: 2 — x",
    );
  });

  it("formats a moment and leaves nonsense alone", () => {
    expect(formatMoment(null)).toBe("—");
    expect(formatMoment("geen datum")).toBe("geen datum");
    expect(formatMoment("2026-03-05T12:00:00")).toBe("5 maart 2026 12:00");
  });

  it("counts what is new over all saved searches and suggests a name", () => {
    const s = (newCount: number) => ({ newCount }) as SavedSearchView;
    expect(totalNew([])).toBe(0);
    expect(totalNew([s(2), s(0), s(3)])).toBe(5);
    expect(suggestedName(" mensenhandel ", ["motie"], 2018)).toBe("mensenhandel · motie · 2018");
    expect(suggestedName("", [], null)).toBe("");
  });
});
