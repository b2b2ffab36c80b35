/**
 * Dates as a Dutch user types them: dd-mm-jjjj in a text field (not `<input type=date>`, whose
 * order follows the web view's locale), stored and sent as ISO (`2023-10-12`).
 */
import { h } from "./dom";
import { t } from "./i18n";

const MONTHS = [
  "januari", "februari", "maart", "april", "mei", "juni",
  "juli", "augustus", "september", "oktober", "november", "december",
];

function valid(y: number, m: number, d: number): string | undefined {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return undefined;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return undefined;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * What was typed, as an ISO day: `null` when the field is empty, `undefined` when it is not a
 * date. Reads "12-10-2023", "12/10/2023", "12.10.2023", "1-2-2024", "12 oktober 2023" and an
 * ISO day ("2023-10-12", as pasted).
 */
export function parseDutchDay(text: string): string | null | undefined {
  const s = text.trim().toLowerCase();
  if (s === "") return null;
  let m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/.exec(s);
  if (m) {
    const word = m[2];
    const month = MONTHS.findIndex((name) => word.length >= 3 && name.startsWith(word));
    if (month >= 0) return valid(Number(m[3]), month + 1, Number(m[1]));
  }
  return undefined;
}

/** `2023-10-12` as "12-10-2023"; anything else as it is. */
export function dutchDay(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** Sets a date field to an ISO day (shown as dd-mm-jjjj). */
export function setDay(input: HTMLInputElement, iso: string | null | undefined): void {
  input.value = dutchDay(iso);
  check(input);
}

/** The ISO day a date field holds: "" when empty or not a date (the field then says so). */
export function dayOf(input: HTMLInputElement): string {
  return parseDutchDay(input.value) ?? "";
}

function check(input: HTMLInputElement): void {
  const parsed = parseDutchDay(input.value);
  if (parsed === undefined) {
    input.setCustomValidity(t("date.invalid"));
    input.setAttribute("aria-invalid", "true");
  } else {
    input.setCustomValidity("");
    input.removeAttribute("aria-invalid");
    if (parsed !== null) input.value = dutchDay(parsed);
  }
}

/**
 * A text field for one day, typed dd-mm-jjjj: checked as it is typed (a form with a wrong date
 * is not sent, the field says why) and written back as dd-mm-jjjj when it is left.
 */
export function dateField(attrs: {
  id: string;
  value?: string | null;
  required?: boolean;
  "aria-label"?: string;
}): HTMLInputElement {
  const input = h("input", {
    type: "text",
    class: "date-field",
    id: attrs.id,
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: t("date.placeholder"),
    title: t("date.hint"),
    maxlength: 20,
    size: 11,
    required: attrs.required,
    "aria-label": attrs["aria-label"],
  });
  input.value = dutchDay(attrs.value);
  input.addEventListener("change", () => check(input));
  input.addEventListener("input", () => {
    if (parseDutchDay(input.value) !== undefined) {
      input.setCustomValidity("");
      input.removeAttribute("aria-invalid");
    }
  });
  return input;
}
