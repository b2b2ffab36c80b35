/**
 * The three states every view shows besides its content: loading (while the Rust side answers),
 * empty (with what to do next) and error (worded from the error's code, with the technical
 * details folded away and a way to try again).
 */
import type { ApiError } from "./bindings/ApiError";
import { h } from "./dom";
import { errorText } from "./errors";
import { t } from "./i18n";
import { toApiError } from "./ipc";

/** "Bezig met laden…" as a status the screen reader hears. */
export function loadingState(label: string = t("state.loading")): HTMLElement {
  return h(
    "div",
    { class: "state state-loading", role: "status", "aria-busy": "true", "data-state": "loading" },
    h("span", { class: "spinner", "aria-hidden": "true" }),
    h("span", {}, label),
  );
}

export interface EmptyState {
  title: string;
  /** What to do next, in a sentence. */
  next: string;
  action?: { label: string; onclick: () => void; id?: string };
}

/** Nothing to show yet: what the view is for and what to do next. */
export function emptyState(state: EmptyState): HTMLElement {
  return h(
    "div",
    { class: "empty-state state state-empty", "data-state": "empty" },
    h("h2", {}, state.title),
    h("p", {}, state.next),
    state.action
      ? h(
          "div",
          { class: "buttons" },
          h(
            "button",
            { type: "button", class: "primary", id: state.action.id, onclick: state.action.onclick },
            state.action.label,
          ),
        )
      : null,
  );
}

/** The error in the window's language from its code, the core's words under "Technische details". */
export function errorState(error: ApiError, retry?: () => void): HTMLElement {
  return h(
    "div",
    { class: "error-box state state-error", role: "alert", "data-state": "error", "data-code": error.code },
    h("p", { class: "error-text" }, errorText(error)),
    error.message
      ? h("details", {}, h("summary", {}, t("error.details")), h("code", {}, error.message))
      : null,
    retry ? h("button", { type: "button", class: "small retry", onclick: retry }, t("state.retry")) : null,
  );
}

/**
 * The row under a long list with its "Meer laden" button: while the next page comes the button
 * says so; then `shown` renders the longer list, or the row shows the error with a retry.
 */
export function moreRow(id: string, more: () => Promise<boolean>, shown: () => void, tag: "div" | "li" = "div"): HTMLElement {
  const button = h("button", { type: "button", id }, t("list.more"));
  const row = h(tag, { class: tag === "li" ? "empty-li more-row" : "more-row" }, button);
  const load = async () => {
    button.disabled = true;
    button.textContent = t("state.loading");
    try {
      if (await more()) shown();
    } catch (e) {
      row.replaceChildren(errorState(toApiError(e), () => void load()));
    }
  };
  button.addEventListener("click", () => void load());
  return row;
}
