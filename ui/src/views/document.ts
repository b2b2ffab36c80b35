import type { DocumentView } from "../lib/bindings/DocumentView";
import { h, highlightWords, replace, setTrustedHtml } from "../lib/dom";
import { fileName, formatDate } from "../lib/format";
import { t, type Key } from "../lib/i18n";
import { kindLabel } from "../lib/labels";
import * as ipc from "../lib/ipc";
import { errorState, loadingState } from "../lib/states";
import type { Shell } from "../shell";

export interface DocumentPane {
  el: HTMLElement;
  /** Opens a document and marks `words` (the matched words of the search) in it. */
  show(id: number, words: string[]): Promise<void>;
}

export function createDocumentView(shell: Shell): DocumentPane {
  const content = h("div", { class: "document-scroll", id: "document" });
  const el = h(
    "section",
    { class: "view view-document", id: "view-document", hidden: true },
    h(
      "header",
      { class: "document-bar" },
      h(
        "button",
        { type: "button", class: "back", id: "document-back", onclick: () => shell.backToSearch() },
        h("span", { "aria-hidden": "true" }, "← "),
        t("doc.back"),
      ),
    ),
    content,
  );

  // Links in a document open in the system browser, and only when clicked.
  content.addEventListener("click", (e) => {
    const link = (e.target as Element | null)?.closest?.("a");
    if (!link) return;
    e.preventDefault();
    const href = link.getAttribute("href") ?? "";
    ipc.openExternal(href).catch(() => undefined);
  });
  // A middle click would open the link in the window itself: not here (the window refuses
  // to leave the app's pages as well).
  content.addEventListener("auxclick", (e) => {
    if ((e.target as Element | null)?.closest?.("a")) e.preventDefault();
  });

  function meta(label: Key, value: string | null | undefined) {
    if (!value) return null;
    return [h("dt", {}, t(label)), h("dd", {}, value)];
  }

  function render(doc: DocumentView, words: string[]) {
    const body = h("div", { class: "document-body", id: "document-body" });
    setTrustedHtml(body, doc.bodyHtml);
    replace(
      content,
      h(
        "article",
        { class: "document", "data-id": doc.id },
        h("p", { class: "eyebrow" }, h("span", { class: `kind kind-${doc.kind}` }, kindLabel(doc.kind))),
        h("h1", { id: "document-title" }, doc.title),
        h(
          "dl",
          { class: "document-meta" },
          meta("doc.kind", kindLabel(doc.kind)),
          meta("doc.date", formatDate(doc.date)),
          meta("doc.number", doc.councilNumber),
          meta("doc.parties", doc.parties.join(", ")),
          meta("doc.source", doc.source ? fileName(doc.source) : null),
        ),
        body,
      ),
    );
    const first = highlightWords(body, words);
    if (first) {
      first.classList.add("first-match");
      first.scrollIntoView({ block: "center" });
    } else {
      content.scrollTop = 0;
    }
  }

  return {
    el,
    async show(id, words) {
      replace(content, loadingState(t("doc.loading")));
      try {
        render(await ipc.getDocument(id), words);
      } catch (e) {
        replace(content, errorState(ipc.toApiError(e), () => void this.show(id, words)));
      }
    },
  };
}
