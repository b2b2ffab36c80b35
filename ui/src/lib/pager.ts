/**
 * Long lists a page at a time: the Rust side filters and orders the whole list and hands out
 * one page; the pager keeps what was loaded, the total, and drops the answer of a load that a
 * newer one replaced (typing in a filter while a page is on its way).
 */
import { groupThousands } from "./format";
import { t } from "./i18n";

export interface PageOf<T> {
  total: number;
  items: T[];
}

export type PageLoader<T> = (offset: number, limit: number) => Promise<PageOf<T>>;

export class Pager<T> {
  items: T[] = [];
  total = 0;
  private generation = 0;

  constructor(
    private readonly load: PageLoader<T>,
    readonly pageSize: number,
  ) {}

  /** More items follow those loaded. */
  get hasMore(): boolean {
    return this.items.length < this.total;
  }

  /**
   * Loads the first page again (after a filter or the archive changed), or as many pages as were
   * shown when `keep` is set (after an edit, so the list does not jump back). False when a newer
   * load replaced this one: its answer is dropped.
   */
  async reset(keep = false): Promise<boolean> {
    const generation = ++this.generation;
    const limit = keep ? Math.max(this.pageSize, Math.min(this.items.length, 1000)) : this.pageSize;
    const page = await this.load(0, limit);
    if (generation !== this.generation) return false;
    this.items = page.items;
    this.total = page.total;
    return true;
  }

  /** Loads the next page below those loaded; false when superseded or nothing follows. */
  async more(): Promise<boolean> {
    if (!this.hasMore) return false;
    const generation = this.generation;
    const page = await this.load(this.items.length, this.pageSize);
    if (generation !== this.generation) return false;
    this.items = [...this.items, ...page.items];
    this.total = page.total;
    return true;
  }
}

/** "50 van 1.234" (how many are shown of how many the filters keep). */
export function countLabel(shown: number, total: number): string {
  return t("list.count", { shown: groupThousands(shown), total: groupThousands(total) });
}
