import { afterEach, describe, expect, it } from "vitest";
import { countLabel, Pager, type PageOf } from "./pager";
import { setLocale } from "./i18n";

afterEach(() => setLocale("nl"));

/** A list of `n` numbers served a page at a time, as the commands do. */
function served(n: number) {
  const all = Array.from({ length: n }, (_, i) => i);
  const asked: [number, number][] = [];
  const load = async (offset: number, limit: number): Promise<PageOf<number>> => {
    asked.push([offset, limit]);
    return { total: all.length, items: all.slice(offset, offset + limit) };
  };
  return { all, asked, load };
}

describe("a long list a page at a time", () => {
  it("loads the first page, then each next one below it, until none follows", async () => {
    const list = served(1234);
    const pager = new Pager(list.load, 500);
    expect(await pager.reset()).toBe(true);
    expect(pager.items).toHaveLength(500);
    expect(pager.total).toBe(1234);
    expect(pager.hasMore).toBe(true);
    await pager.more();
    await pager.more();
    expect(pager.items).toEqual(list.all);
    expect(pager.hasMore).toBe(false);
    expect(await pager.more()).toBe(false);
    expect(list.asked).toEqual([
      [0, 500],
      [500, 500],
      [1000, 500],
    ]);
  });

  it("drops the answer of a load that a newer one replaced", async () => {
    let release: (page: PageOf<string>) => void = () => undefined;
    const slow = new Promise<PageOf<string>>((resolve) => (release = resolve));
    const answers = [slow, Promise.resolve({ total: 1, items: ["nieuw"] })];
    const pager = new Pager<string>(() => answers.shift() ?? slow, 10);
    const first = pager.reset();
    const second = pager.reset();
    expect(await second).toBe(true);
    release({ total: 2, items: ["oud", "ouder"] });
    expect(await first).toBe(false);
    expect(pager.items).toEqual(["nieuw"]);
  });

  it("keeps as many as were shown when asked, after an edit", async () => {
    const list = served(300);
    const pager = new Pager(list.load, 100);
    await pager.reset();
    await pager.more();
    await pager.reset(true);
    expect(pager.items).toHaveLength(200);
    expect(list.asked.at(-1)).toEqual([0, 200]);
  });

  it("says how many are shown of how many, the thousands grouped", () => {
    expect(countLabel(50, 1234)).toBe("50 van 1.234");
    setLocale("en");
    expect(countLabel(50, 1234)).toBe("50 of 1,234");
  });
});
