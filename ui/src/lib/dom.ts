/** A small element builder: `h("div", {class: "x"}, "text", child)`. Text is always text. */
type Attrs = Record<string, string | boolean | number | undefined | null | EventListener>;
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function replace(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

const DROP_ELEMENTS = "script, style, iframe, frame, object, embed, link, meta, base, form";

/**
 * Sets sanitized HTML from the core (ammonia) as an element's content, and strips again what
 * must never run here: script-like elements, event handler attributes, javascript: URLs.
 * The CSP forbids inline script as well; this is the second lock on the door.
 */
export function setTrustedHtml(el: Element, html: string): void {
  const template = document.createElement("template");
  template.innerHTML = html;
  const root = template.content;
  root.querySelectorAll(DROP_ELEMENTS).forEach((n) => n.remove());
  root.querySelectorAll("*").forEach((n) => {
    for (const attr of Array.from(n.attributes)) {
      const name = attr.name.toLowerCase();
      const drop =
        name.startsWith("on") ||
        name === "style" ||
        name === "srcset" ||
        (URL_ATTRIBUTES.has(name) ? !safeUrl(attr.value) : scriptUrl(attr.value));
      if (drop) n.removeAttribute(attr.name);
    }
  });
  el.replaceChildren(root);
}

/** Attributes whose value a browser follows or loads as an address. */
const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background"]);

/** The schemes a document's link may use here; anything else is not followed. */
const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:"]);

/**
 * An address as the browser reads it (tabs, newlines and leading control characters ignored:
 * `java&#9;script:` is `javascript:`), kept when it is relative or of a safe scheme.
 */
function safeUrl(value: string): boolean {
  try {
    return SAFE_SCHEMES.has(new URL(value, "https://document.invalid/").protocol);
  } catch {
    return false;
  }
}

/** Any other attribute that still names a script address, read as the browser would. */
function scriptUrl(value: string): boolean {
  const bare = value.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  return bare.startsWith("javascript:") || bare.startsWith("vbscript:") || bare.startsWith("data:text/html");
}

/**
 * Wraps each occurrence of `words` in the text under `root` in `<mark>`, and returns the
 * first mark (in document order) so the view can scroll to it.
 */
export function highlightWords(root: Element, words: string[]): HTMLElement | null {
  const wanted = words.map((w) => w.trim()).filter((w) => w.length > 0);
  if (wanted.length === 0) return null;
  const escaped = wanted
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(${escaped.join("|")})`, "giu");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  let first: HTMLElement | null = null;
  for (const text of texts) {
    const value = text.data;
    pattern.lastIndex = 0;
    if (!pattern.test(value)) continue;
    const parts = value.split(pattern);
    const fragment = document.createDocumentFragment();
    parts.forEach((part, i) => {
      if (part === "") return;
      if (i % 2 === 1) {
        const mark = document.createElement("mark");
        mark.textContent = part;
        first ??= mark;
        fragment.append(mark);
      } else {
        fragment.append(part);
      }
    });
    text.replaceWith(fragment);
  }
  return first;
}
