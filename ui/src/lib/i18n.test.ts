import { describe, expect, it } from "vitest";
import { dictionaries, setLocale, t } from "./i18n";

describe("locales", () => {
  it("English has every Dutch key, translated where the words differ", () => {
    const nl = Object.keys(dictionaries.nl).sort();
    const en = Object.keys(dictionaries.en).sort();
    expect(en).toEqual(nl);
    for (const key of nl) expect(dictionaries.en[key as keyof typeof dictionaries.en]).not.toBe("");
  });

  it("fills placeholders and keeps unknown ones", () => {
    setLocale("nl");
    expect(t("archive.count", { n: 3 })).toBe("3 documenten in het archief");
    setLocale("en");
    expect(t("archive.count", { n: 3 })).toBe("3 documents in the archive");
    expect(t("import.progress", { done: 1 })).toBe("1 of {total} files");
    setLocale("nl");
  });
});
