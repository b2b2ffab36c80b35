import { afterEach, describe, expect, it } from "vitest";
import { errorText, formatBytes, importReasonText } from "./errors";
import { dictionaries, setLocale } from "./i18n";
import type { ApiErrorCode } from "./bindings/ApiErrorCode";

afterEach(() => setLocale("nl"));

// A code as text: a newer app may send one this window does not know yet.
const err = (code: string, params: Record<string, string> = {}, message = "English words") => ({
  code: code as ApiErrorCode,
  message,
  params,
});

describe("errors worded from their code", () => {
  it("words an import failure in Dutch from its reason and params, never from the message", () => {
    const e = err(
      "import-failed",
      { file: "/raad/groot.pdf", reason: "too-large", size: "60000000", limit: "52428800" },
      "/raad/groot.pdf: file is 60000000 bytes, over the limit of 52428800 bytes",
    );
    expect(errorText(e)).toBe("groot.pdf kon niet worden geïmporteerd: het bestand is te groot (60 MB, de grens is 52 MB).");
    setLocale("en");
    expect(errorText(e)).toBe("groot.pdf could not be imported: the file is too large (60 MB, the limit is 52 MB).");
  });

  it("has Dutch words for every import reason and error code the core sends", () => {
    const reasons = ["empty", "no-text", "too-large", "binary", "unsupported", "undecodable", "front-matter",
      "unknown-kind", "invalid-date", "pdf", "pdf-no-text", "read", "too-deep", "timed-out", "crashed",
      "register", "outside-folder"];
    for (const r of reasons) {
      const text = importReasonText(r, { limit_s: "1.5", type: "xls", kind: "x", value: "y", size: "9", limit: "8" });
      expect(text, r).not.toMatch(/\{|file|the /);
    }
    expect(importReasonText("timed-out", { limit_s: "1.5" })).toBe("het lezen duurde langer dan 1,5 seconden en is gestopt.");
    const codes = ["invalid-query", "import-failed", "not-found", "invalid-input", "archive-unavailable", "storage",
      "index", "io", "sync", "cancelled", "internal", "ipc"];
    for (const c of codes) expect(c in dictionaries.nl || `error.${c}` in dictionaries.nl, c).toBe(true);
  });

  it("uses the rule a value broke, and names what was not found", () => {
    expect(errorText(err("invalid-input", { rule: "date", value: "12/10/2023" }))).toBe(
      "“12/10/2023” is geen datum; schrijf dd-mm-jjjj, bijvoorbeeld 12-10-2023.",
    );
    expect(errorText(err("not-found", { what: "commitment", id: "7" }))).toBe("Toezegging 7 bestaat niet (meer).");
    expect(errorText(err("not-found", { what: "zaak", id: "7" }))).toBe("Gegeven 7 bestaat niet (meer).");
    expect(errorText(err("cancelled"))).toBe("Gestopt. Wat al gedaan was, blijft bewaard.");
    expect(errorText(err("sync", { detail: "http://x: 503" }))).not.toContain("503");
    expect(errorText(err("something-new"))).toBe("Er ging iets mis");
    expect(errorText(err("nothing-to-undo"))).toBe("Er is niets (meer) om ongedaan te maken.");
    const blocked = errorText(err("undo-blocked", { action: "agenda-item-added", subject: "Rondvraag", detail: "agenda_items {\"id\":4}" }));
    expect(blocked).toContain("‘Rondvraag’");
    expect(blocked).toContain("niets veranderd");
    expect(blocked).not.toContain("agenda_items");
  });

  it("writes sizes the Dutch way", () => {
    expect(formatBytes("1500")).toBe("1,5 kB");
    expect(formatBytes("52428800")).toBe("52 MB");
    setLocale("en");
    expect(formatBytes("1500")).toBe("1.5 kB");
  });
});

describe("the rules a value broke, from the core", () => {
  it("words each rule in Dutch with the value", () => {
    expect(errorText(err("invalid-input", { rule: "time", value: "half acht" }))).toBe("“half acht” is geen tijd; schrijf die als 19:30.");
    expect(errorText(err("invalid-input", { rule: "recess", value: "zomerreces" }))).toContain("zomerreces");
    expect(errorText(err("invalid-input", { rule: "onbekend", detail: "x" }))).toBe(
      "Dit kan zo niet worden opgeslagen; controleer de invoer.",
    );
  });

  it("words a path the user did not choose, for reading and for writing, by its file name", () => {
    const read = err("not-granted", { file: "/home/raad/geheim/brief.md", rule: "read" });
    expect(errorText(read)).toBe(
      "brief.md is niet door u gekozen. Raadsvolger leest alleen bestanden en mappen die u kiest met ‘Bestanden kiezen’ of ‘Map kiezen’, of op het venster sleept.",
    );
    const write = err("not-granted", { file: "/tmp/lijst.csv", rule: "write" });
    expect(errorText(write)).toContain("lijst.csv is niet door u gekozen");
    expect(errorText(write)).toContain("Opslaan als");
    expect(errorText(err("not-granted"))).toBe("Raadsvolger gebruikt alleen bestanden die u in dit venster zelf kiest.");
    setLocale("en");
    expect(errorText(read)).toContain("brief.md was not chosen by you");
    expect(errorText(write)).toContain("Save as");
  });
});
