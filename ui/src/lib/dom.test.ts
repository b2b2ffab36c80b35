import { describe, expect, it } from "vitest";
import { h, highlightWords, setTrustedHtml } from "./dom";

describe("document HTML", () => {
  it("never keeps scripts, handlers or javascript: links", () => {
    const el = h("div");
    setTrustedHtml(
      el,
      '<p onclick="x()">Tekst <a href="javascript:alert(1)">a</a> <a href="https://almere.nl">b</a></p><script>alert(1)</script><iframe src="https://x"></iframe>',
    );
    expect(el.querySelector("script, iframe")).toBeNull();
    expect(el.querySelector("p")?.hasAttribute("onclick")).toBe(false);
    const links = el.querySelectorAll("a");
    expect(links[0].hasAttribute("href")).toBe(false);
    expect(links[1].getAttribute("href")).toBe("https://almere.nl");
  });

  it("reads a link's address as the browser does before it keeps it", () => {
    const el = h("div");
    setTrustedHtml(
      el,
      [
        '<a href="java&#9;script:alert(1)">tab</a>',
        '<a href="&#1;javascript:alert(1)">control</a>',
        '<a href=" JAVASCRIPT:alert(1)">upper</a>',
        '<a href="data:text/html,<b>x</b>">data</a>',
        '<img src="vbscript:x">',
        '<a href="#besluit">anchor</a>',
        '<a href="mailto:griffie@example.nl">mail</a>',
        '<a href="/stukken/1.pdf">relative</a>',
        '<a title="javascript:x">title</a>',
      ].join(""),
    );
    const links = Array.from(el.querySelectorAll("a"));
    expect(links.slice(0, 4).map((a) => a.hasAttribute("href"))).toEqual([false, false, false, false]);
    expect(el.querySelector("img")?.hasAttribute("src")).toBe(false);
    expect(links.slice(4, 7).map((a) => a.getAttribute("href"))).toEqual([
      "#besluit",
      "mailto:griffie@example.nl",
      "/stukken/1.pdf",
    ]);
    expect(links[7].hasAttribute("title")).toBe(false);
  });

  it("marks the matched words and returns the first", () => {
    const el = h("div");
    setTrustedHtml(el, "<p>Over de aanpak.</p><p>Een zorgcoördinator mensenhandel; de Zorgcoördinator.</p>");
    const first = highlightWords(el, ["zorgcoördinator"]);
    const marks = el.querySelectorAll("mark");
    expect(marks.length).toBe(2);
    expect(first).toBe(marks[0]);
    expect(el.textContent).toBe("Over de aanpak.Een zorgcoördinator mensenhandel; de Zorgcoördinator.");
    expect(highlightWords(el, [])).toBeNull();
  });

  it("builds elements with text, never HTML", () => {
    const el = h("p", { class: "x", hidden: false }, "<b>niet vet</b>", 3);
    expect(el.innerHTML).toBe("&lt;b&gt;niet vet&lt;/b&gt;3");
    expect(el.hasAttribute("hidden")).toBe(false);
  });
});
