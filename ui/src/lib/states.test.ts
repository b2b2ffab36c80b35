import { afterEach, describe, expect, it } from "vitest";
import { emptyState, errorState, loadingState, moreRow } from "./states";
import { setLocale } from "./i18n";

afterEach(() => setLocale("nl"));

describe("the states of a view", () => {
  it("loading is a busy status in words", () => {
    const el = loadingState();
    expect(el.dataset.state).toBe("loading");
    expect(el.getAttribute("role")).toBe("status");
    expect(el.textContent).toBe("Bezig met laden…");
    setLocale("en");
    expect(loadingState().textContent).toBe("Loading…");
  });

  it("empty says what to do next and offers it", () => {
    let clicked = 0;
    const el = emptyState({
      title: "Nog geen moties",
      next: "Importeer moties of synchroniseer een bron.",
      action: { label: "Importeren", id: "go-import", onclick: () => (clicked += 1) },
    });
    expect(el.dataset.state).toBe("empty");
    expect(el.querySelector("h2")?.textContent).toBe("Nog geen moties");
    expect(el.querySelector("p")?.textContent).toContain("synchroniseer");
    el.querySelector<HTMLButtonElement>("#go-import")?.click();
    expect(clicked).toBe(1);
    expect(emptyState({ title: "x", next: "y" }).querySelector("button")).toBeNull();
  });

  it("error words the code in Dutch, keeps the core's words apart and can try again", () => {
    let retried = 0;
    const el = errorState(
      { code: "storage", message: "storage error: database is locked", params: {} },
      () => (retried += 1),
    );
    expect(el.dataset.state).toBe("error");
    expect(el.dataset.code).toBe("storage");
    expect(el.getAttribute("role")).toBe("alert");
    expect(el.querySelector(".error-text")?.textContent).toBe("De database gaf een fout; er is niets half opgeslagen.");
    expect(el.querySelector("details code")?.textContent).toBe("storage error: database is locked");
    el.querySelector<HTMLButtonElement>(".retry")?.click();
    expect(retried).toBe(1);
  });
});

describe("the row under a long list", () => {
  it("loads the next page on a click, then shows the longer list", async () => {
    let shown = 0;
    const row = moreRow("list-more", async () => true, () => (shown += 1));
    const button = row.querySelector<HTMLButtonElement>("#list-more");
    expect(button?.textContent).toBe("Meer laden");
    button?.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(shown).toBe(1);
  });

  it("shows the error with a retry when the page does not come", async () => {
    let tries = 0;
    const row = moreRow(
      "list-more",
      async () => {
        tries += 1;
        throw { code: "storage", message: "disk full", params: {} };
      },
      () => undefined,
    );
    row.querySelector<HTMLButtonElement>("#list-more")?.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(row.querySelector("[data-state='error']")?.getAttribute("data-code")).toBe("storage");
    row.querySelector<HTMLButtonElement>(".retry")?.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(tries).toBe(2);
  });
});
