import type { CouncilView } from "../lib/bindings/CouncilView";
import { dateField, dayOf } from "../lib/dates";
import { debounce } from "../lib/debounce";
import { h, replace } from "../lib/dom";
import { errorText } from "../lib/errors";
import { t, type Key } from "../lib/i18n";
import * as ipc from "../lib/ipc";
import { topicsOf } from "../lib/sources";

export interface FirstRunActions {
  /** A source was set up for the chosen council: sync it in the background, with progress. */
  startSync(sourceId: number): void;
  /** The example dossier, in its own archive folder. */
  openExample(): Promise<void>;
  importFiles(): void;
}

const KIND_LABELS: Record<string, Key> = {
  gemeente: "firstrun.kind.gemeente",
  provincie: "firstrun.kind.provincie",
  waterschap: "firstrun.kind.waterschap",
  parlement: "firstrun.kind.parlement",
};

const SYSTEM_NAMES: Record<string, string> = {
  notubiz: "NotuBiz",
  ibabs: "iBabs",
  go: "GemeenteOplossingen",
  parlaeus: "Parlaeus",
  obv: "openbesluitvorming",
  tk: "Tweede Kamer",
  ori: "Open Raadsinformatie",
};

/** The system a council publishes through, and the route its sync takes when that differs. */
export function systemText(council: CouncilView): string {
  const own = SYSTEM_NAMES[council.system] ?? council.system;
  if (!council.route || council.route === council.system) return own;
  return t("firstrun.via", { system: own, route: SYSTEM_NAMES[council.route] ?? council.route });
}

/** The day a first sync starts from by default: 1 January of last year. */
export function defaultFrom(today: Date): string {
  return `${today.getFullYear() - 1}-01-01`;
}

/**
 * The first-run card of an empty archive: choose the council (a search box over the councils
 * table), the first day to fetch, and start; the example dossier one click away.
 */
export function createFirstRun(actions: FirstRunActions): HTMLElement {
  let chosen: CouncilView | null = null;
  const search = h("input", {
    type: "search",
    id: "council-search",
    placeholder: t("firstrun.search.placeholder"),
    autocomplete: "off",
    "aria-label": t("firstrun.search"),
  });
  const list = h("ul", { class: "council-list", id: "council-list", role: "listbox", "aria-label": t("firstrun.search") });
  const from = dateField({ id: "first-run-from", value: defaultFrom(new Date()), "aria-label": t("firstrun.from") });
  const topics = h("input", {
    type: "text",
    id: "first-run-topics",
    autocomplete: "off",
    placeholder: t("firstrun.topics.placeholder"),
    "aria-label": t("firstrun.topics"),
  });
  const start = h("button", { type: "submit", class: "primary", id: "first-run-start", disabled: true }, t("firstrun.start"));
  const choice = h("p", { class: "muted", id: "first-run-choice", "aria-live": "polite" }, t("firstrun.none"));
  const status = h("p", { class: "form-message", id: "first-run-status", "aria-live": "polite" });

  function choose(council: CouncilView) {
    chosen = council;
    start.disabled = false;
    choice.textContent = t("firstrun.chosen", {
      name: council.name,
      system: systemText(council),
      key: council.routeKey ?? council.key,
    });
    for (const li of list.querySelectorAll<HTMLElement>(".council")) {
      li.setAttribute("aria-selected", String(li.dataset.name === council.name && li.dataset.kind === council.kind));
    }
  }

  async function load(text: string) {
    replace(list, h("li", { class: "muted loading" }, t("firstrun.loading")));
    try {
      const found = await ipc.councils(text);
      if (found.length === 0) {
        replace(list, h("li", { class: "muted empty" }, t("firstrun.noMatch", { q: text })));
        return;
      }
      replace(
        list,
        found.map((c) =>
          h(
            "li",
            {
              class: "council",
              role: "option",
              tabindex: 0,
              "data-name": c.name,
              "data-kind": c.kind,
              "aria-selected": String(chosen?.name === c.name && chosen?.kind === c.kind),
              onclick: () => choose(c),
              onkeydown: (e: Event) => {
                if (e instanceof KeyboardEvent && (e.key === "Enter" || e.key === " ")) {
                  e.preventDefault();
                  choose(c);
                }
              },
            },
            h("span", { class: "council-name" }, c.name),
            h(
              "span",
              { class: "muted" },
              ` ${t(KIND_LABELS[c.kind] ?? "firstrun.kind.gemeente")}${c.cbsCode ? ` ${c.cbsCode}` : ""} · ${systemText(c)}` +
                (c.successor ? ` · ${t("firstrun.merged", { successor: c.successor })}` : ""),
            ),
          ),
        ),
      );
      if (found.length === 1) choose(found[0]);
    } catch (e) {
      replace(list, h("li", {}, h("div", { class: "error-box", role: "alert" }, errorText(ipc.toApiError(e)))));
    }
  }
  const reload = debounce((text: string) => void load(text), 150);
  search.addEventListener("input", () => reload(search.value));

  const form = h(
    "form",
    { class: "first-run-form", id: "first-run-form" },
    h("label", { class: "field" }, h("span", { class: "field-label" }, t("firstrun.search")), search),
    list,
    choice,
    h("label", { class: "field" }, h("span", { class: "field-label" }, t("firstrun.from")), from),
    h("p", { class: "muted" }, t("firstrun.from.hint")),
    h("label", { class: "field" }, h("span", { class: "field-label" }, t("firstrun.topics")), topics),
    h("p", { class: "muted" }, t("firstrun.topics.hint")),
    h("div", { class: "buttons" }, start, status),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!chosen) return;
    start.disabled = true;
    status.classList.remove("error");
    status.textContent = t("firstrun.starting");
    try {
      const source = await ipc.addSource({
        system: chosen.route ?? chosen.system,
        key: chosen.routeKey ?? chosen.key,
        baseUrl: chosen.routeBaseUrl,
        from: dayOf(from) || undefined,
        topics: topicsOf(topics.value),
      });
      // The council's name goes into its settings (changed later under Instellingen).
      const settings = await ipc.councilSettings();
      if (!settings.councilName) await ipc.setCouncilSettings({ ...settings, councilName: chosen.name });
      actions.startSync(source.id);
    } catch (err) {
      status.classList.add("error");
      status.textContent = errorText(ipc.toApiError(err));
      start.disabled = false;
    }
  });

  const demoStatus = h("p", { class: "muted", "aria-live": "polite" });
  const demoButton = h(
    "button",
    {
      type: "button",
      id: "load-demo",
      onclick: async () => {
        demoButton.disabled = true;
        demoStatus.textContent = t("empty.loading");
        try {
          await actions.openExample();
        } catch (err) {
          demoStatus.textContent = errorText(ipc.toApiError(err));
          demoButton.disabled = false;
        }
      },
    },
    t("empty.demo"),
  );

  void load("");
  return h(
    "div",
    { class: "empty-state first-run", id: "empty-archive" },
    h("h2", {}, t("empty.title")),
    h("p", {}, t("firstrun.text")),
    form,
    h("p", { class: "muted" }, t("empty.text")),
    h(
      "div",
      { class: "buttons" },
      demoButton,
      h("button", { type: "button", id: "empty-import", onclick: () => actions.importFiles() }, t("empty.import")),
    ),
    demoStatus,
  );
}
