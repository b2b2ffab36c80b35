import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce, Latest } from "./debounce";

describe("debounce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once, with the last arguments, after typing pauses", () => {
    const seen: string[] = [];
    const d = debounce((q: string) => seen.push(q), 150);
    d("z");
    vi.advanceTimersByTime(100);
    d("zo");
    vi.advanceTimersByTime(100);
    d("zor");
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(150);
    expect(seen).toEqual(["zor"]);
  });

  it("flush runs a pending call now and cancel drops it", () => {
    const seen: string[] = [];
    const d = debounce((q: string) => seen.push(q), 150);
    d("a");
    d.flush();
    expect(seen).toEqual(["a"]);
    d("b");
    d.cancel();
    vi.advanceTimersByTime(500);
    expect(seen).toEqual(["a"]);
    d.flush();
    expect(seen).toEqual(["a"]);
  });
});

describe("Latest", () => {
  it("only the newest request counts", () => {
    const latest = new Latest();
    const first = latest.next();
    const second = latest.next();
    expect(latest.isLatest(first)).toBe(false);
    expect(latest.isLatest(second)).toBe(true);
  });
});
