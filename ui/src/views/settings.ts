import type { CouncilSettingsView } from "../lib/bindings/CouncilSettingsView";
import type { PartyView } from "../lib/bindings/PartyView";
import type { RecessView } from "../lib/bindings/RecessView";
import { h, replace } from "../lib/dom";
import { errorText } from "../lib/errors";
import { locale, rememberLocale, t, type Key } from "../lib/i18n";
import * as ipc from "../lib/ipc";
import { errorState, loadingState } from "../lib/states";
import {
  dutchMonthDay,
  formatMonthDay,
  numberFormatExample,
  parseMonthDay,
  RECESSES,
  splitAliases,
} from "../lib/settings";
import type { Shell } from "../shell";

export interface SettingsView {
  el: HTMLElement;
  refresh(): Promise<void>;
}

function field(label: Key, control: HTMLElement, hint?: Key) {
  return h(
    "label",
    { class: "field" },
    h("span", { class: "field-label" }, t(label)),
    control,
    hint ? h("span", { class: "muted field-hint" }, t(hint)) : null,
  );
}

/** The "Instellingen" page: the council's name, recesses, "nadert" days, and its parties. */
export function createSettingsView(shell: Shell): SettingsView {
  const council = h("div", { id: "settings-council" });
  const parties = h("div", { id: "settings-parties" });
  const councils = councilForm();
  const el = h(
    "section",
    { class: "view view-settings", id: "view-settings", hidden: true },
    h("header", { class: "page-head" }, h("h1", {}, t("settings.title")), h("p", { class: "muted" }, t("settings.hint"))),
    h("div", { class: "page-scroll" }, council, parties, councils),
  );

  function recessRow(name: string, set: RecessView | undefined) {
    const start = h("input", {
      type: "text",
      id: `recess-${name}-start`,
      class: "day-field",
      placeholder: t("settings.recess.default"),
      inputmode: "numeric",
      size: 6,
      "aria-label": `${name} ${t("settings.recess.start")}`,
    });
    const end = h("input", {
      type: "text",
      id: `recess-${name}-end`,
      class: "day-field",
      placeholder: t("settings.recess.default"),
      inputmode: "numeric",
      size: 6,
      "aria-label": `${name} ${t("settings.recess.end")}`,
    });
    start.value = dutchMonthDay(set?.start);
    end.value = dutchMonthDay(set?.end);
    const shown = h("td", { class: "muted recess-shown" }, set ? `${formatMonthDay(set.start)} – ${formatMonthDay(set.end)}` : t("settings.recess.default"));
    return { name, start, end, row: h("tr", { "data-recess": name }, h("th", { scope: "row" }, name), h("td", {}, start), h("td", {}, end), shown) };
  }

  function renderCouncil(s: CouncilSettingsView) {
    const name = h("input", { type: "text", id: "settings-council-name", autocomplete: "off" });
    name.value = s.councilName ?? "";
    const dueSoon = h("input", { type: "number", id: "settings-due-soon", min: 0, max: 365, step: 1 });
    dueSoon.value = String(s.dueSoonDays);
    const language = h(
      "select",
      { id: "settings-language" },
      h("option", { value: "nl", selected: s.language !== "en" }, t("settings.language.nl")),
      h("option", { value: "en", selected: s.language === "en" }, t("settings.language.en")),
    );
    const numberFormat = h("input", {
      type: "text",
      id: "settings-number-format",
      autocomplete: "off",
      spellcheck: "false",
      placeholder: "JJJJ-NNN",
    });
    numberFormat.value = s.councilNumberFormat ?? "";
    const example = h("span", { class: "muted field-hint", id: "settings-number-example" });
    const showExample = () => {
      const f = numberFormat.value.trim();
      const e = numberFormatExample(f);
      example.textContent =
        f === "" ? "" : e === null ? t("settings.numberFormat.regex") : t("settings.numberFormat.example", { example: e });
    };
    numberFormat.addEventListener("input", showExample);
    showExample();
    const rows = RECESSES.map((r) => recessRow(r, s.recesses.find((x) => x.name === r)));
    // Recesses set under another name (none the extractor knows) are kept as they are.
    const others = s.recesses.filter((r) => !(RECESSES as readonly string[]).includes(r.name));
    const message = h("p", { class: "form-message", id: "settings-message", "aria-live": "polite" });
    const form = h(
      "form",
      { class: "card", id: "settings-form" },
      h("h3", {}, t("settings.council")),
      h(
        "div",
        { class: "form-grid" },
        field("settings.councilName", name),
        field("settings.dueSoon", dueSoon, "settings.dueSoon.hint"),
        field("settings.language", language),
        h(
          "label",
          { class: "field" },
          h("span", { class: "field-label" }, t("settings.numberFormat")),
          numberFormat,
          example,
          h("span", { class: "muted field-hint" }, t("settings.numberFormat.hint")),
        ),
      ),
      h("h3", {}, t("settings.recesses")),
      h("p", { class: "muted" }, t("settings.recesses.hint")),
      h(
        "table",
        { class: "recesses", id: "recesses" },
        h("thead", {}, h("tr", {}, h("th", {}, t("settings.recess.name")), h("th", {}, t("settings.recess.start")), h("th", {}, t("settings.recess.end")), h("th", {}, ""))),
        h("tbody", {}, rows.map((r) => r.row)),
      ),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", id: "settings-save" }, t("settings.save")), message),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      message.classList.remove("error");
      const recesses: RecessView[] = [...others];
      for (const r of rows) {
        const start = parseMonthDay(r.start.value);
        const end = parseMonthDay(r.end.value);
        if (start === null && end === null) continue;
        if (!start || !end) {
          message.classList.add("error");
          message.textContent = t("settings.recess.invalid", { name: r.name });
          (start ? r.end : r.start).focus();
          return;
        }
        recesses.push({ name: r.name, start, end });
      }
      const days = Number(dueSoon.value);
      if (!Number.isInteger(days) || days < 0 || days > 365) {
        message.classList.add("error");
        message.textContent = t("settings.dueSoon.invalid");
        return;
      }
      try {
        const saved = await ipc.setCouncilSettings({
          councilName: name.value.trim() || undefined,
          dueSoonDays: days,
          recesses,
          language: language.value,
          councilNumberFormat: numberFormat.value.trim() || undefined,
        });
        // Another language: the window starts again in it.
        if (saved.language !== locale()) {
          rememberLocale(saved.language === "en" ? "en" : "nl");
          location.reload();
          return;
        }
        renderCouncil(saved);
        const done = council.querySelector("#settings-message");
        if (done) done.textContent = t("settings.saved");
        await shell.archiveChanged();
      } catch (err) {
        message.classList.add("error");
        message.textContent = errorText(ipc.toApiError(err));
      }
    });
    replace(council, form);
  }

  function renderParties(list: PartyView[]) {
    const name = h("input", { type: "text", id: "party-name", required: true, autocomplete: "off" });
    const abbreviation = h("input", { type: "text", id: "party-abbreviation", size: 8, autocomplete: "off" });
    const aliases = h("input", { type: "text", id: "party-aliases", placeholder: t("settings.party.aliases.placeholder"), autocomplete: "off" });
    const message = h("p", { class: "form-message", id: "party-message", "aria-live": "polite" });
    const edit = (p: PartyView) => {
      name.value = p.name;
      abbreviation.value = p.abbreviation ?? "";
      aliases.value = p.aliases.join(", ");
      aliases.focus();
    };
    const table =
      list.length === 0
        ? h("p", { class: "empty muted" }, t("settings.parties.empty"))
        : h(
            "table",
            { class: "parties", id: "parties" },
            h("thead", {}, h("tr", {}, h("th", {}, t("settings.party.name")), h("th", {}, t("settings.party.abbreviation")), h("th", {}, t("settings.party.aliases")), h("th", {}, ""))),
            h(
              "tbody",
              {},
              list.map((p) =>
                h(
                  "tr",
                  { "data-party": p.name },
                  h("td", {}, p.name),
                  h("td", {}, p.abbreviation ?? ""),
                  h("td", { class: "muted" }, p.aliases.join(", ")),
                  h("td", {}, h("button", { type: "button", class: "link", onclick: () => edit(p) }, t("settings.party.edit"))),
                ),
              ),
            ),
          );
    const form = h(
      "form",
      { class: "card", id: "party-form" },
      h("h3", {}, t("settings.party.add")),
      h("div", { class: "form-grid" }, field("settings.party.name", name), field("settings.party.abbreviation", abbreviation), field("settings.party.aliases", aliases)),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", id: "party-save" }, t("settings.party.save")), message),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      message.classList.remove("error");
      try {
        await ipc.setParty(name.value, abbreviation.value.trim() || undefined, splitAliases(aliases.value));
        renderParties(await ipc.parties());
      } catch (err) {
        message.classList.add("error");
        message.textContent = errorText(ipc.toApiError(err));
      }
    });
    replace(parties, h("div", { class: "card" }, h("h3", {}, t("settings.parties")), h("p", { class: "muted" }, t("settings.parties.hint")), table), form);
  }

  /** A council the first run does not know yet, added to the user's own table. */
  function councilForm() {
    const name = h("input", { type: "text", id: "council-add-name", required: true, autocomplete: "off" });
    const kind = h(
      "select",
      { id: "council-add-kind" },
      ["gemeente", "provincie", "waterschap", "parlement"].map((k) => h("option", { value: k }, t(`firstrun.kind.${k}` as Key))),
    );
    const system = h(
      "select",
      { id: "council-add-system" },
      [["notubiz", "NotuBiz"], ["ibabs", "iBabs"], ["go", "GemeenteOplossingen"], ["parlaeus", "Parlaeus"], ["ori", "Open Raadsinformatie"], ["tk", "Tweede Kamer"]].map(([v, l]) => h("option", { value: v }, l)),
    );
    const key = h("input", { type: "text", id: "council-add-key", required: true, autocomplete: "off" });
    const message = h("p", { class: "form-message", id: "council-add-message", "aria-live": "polite" });
    const form = h(
      "form",
      { class: "card", id: "council-add-form" },
      h("h3", {}, t("settings.councils")),
      h("p", { class: "muted" }, t("settings.councils.hint")),
      h("div", { class: "form-grid" }, field("settings.party.name", name), field("settings.councils.kind", kind), field("sources.system", system), field("settings.councils.key", key)),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", id: "council-add-save" }, t("settings.councils.save")), message),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      message.classList.remove("error");
      try {
        await ipc.addCouncil({ name: name.value.trim(), kind: kind.value, system: system.value, key: key.value.trim() });
        message.textContent = t("settings.councils.saved", { name: name.value.trim() });
        name.value = "";
        key.value = "";
      } catch (err) {
        message.classList.add("error");
        message.textContent = errorText(ipc.toApiError(err));
      }
    });
    return form;
  }

  async function refresh() {
    replace(council, loadingState(t("settings.loading")));
    replace(parties, null);
    try {
      const [s, p] = await Promise.all([ipc.councilSettings(), ipc.parties()]);
      renderCouncil(s);
      renderParties(p);
    } catch (e) {
      replace(council, errorState(ipc.toApiError(e), () => void refresh()));
    }
  }

  return { el, refresh };
}
