import type { MotionRow } from "../lib/bindings/MotionRow";
import type { OutcomeFilter } from "../lib/bindings/OutcomeFilter";
import { h, replace } from "../lib/dom";
import { formatDate } from "../lib/format";
import { t, type Key } from "../lib/i18n";
import { kindLabel } from "../lib/labels";
import { keyOf, OUTCOMES } from "../lib/keys";
import * as ipc from "../lib/ipc";
import { isoDay } from "../lib/commitments";
import { forShare, partySides, type MotionSortKey } from "../lib/motions";
import { debounce } from "../lib/debounce";
import { countLabel, Pager } from "../lib/pager";
import { emptyState, errorState, loadingState, moreRow } from "../lib/states";
import { voteFromForm } from "../lib/register";
import type { Shell } from "../shell";
import { errorText } from "../lib/errors";

/** How many motions one page of the list holds. */
export const MOTIONS_PAGE = 100;
import { dateField as dayField, dayOf } from "../lib/dates";

export interface MotionsView {
  el: HTMLElement;
  refresh(): Promise<void>;
}

/** What the list's outcome filter can keep: one outcome, or those without one. */
const OUTCOME_FILTERS = [...OUTCOMES, "unknown"] as const satisfies readonly OutcomeFilter[];

function outcomeLabel(outcome: string | null): string {
  return outcome ? t(`outcome.${outcome}` as Key) : "—";
}

export function createMotionsView(shell: Shell): MotionsView {
  let text = "";
  let outcome: OutcomeFilter | null = null;
  let sortKey: MotionSortKey = "date";
  let ascending = false;
  // The filter and the order go to the Rust side, which applies them to every motion before it
  // cuts the page.
  const pager = new Pager<MotionRow>(
    (offset, limit) => ipc.motionsPage({ text, outcome: outcome ?? undefined, sort: sortKey, ascending, offset, limit }),
    MOTIONS_PAGE,
  );
  const count = h("p", { class: "list-count", id: "motions-count", "aria-live": "polite" });

  const filterInput = h("input", {
    type: "search",
    id: "motions-filter",
    placeholder: t("motions.filter"),
    "aria-label": t("motions.filter"),
    autocomplete: "off",
  });
  const outcomeSelect = h(
    "select",
    { id: "motions-outcome", "aria-label": t("motions.col.outcome") },
    h("option", { value: "" }, t("motions.outcome.any")),
    OUTCOMES.map((o) => h("option", { value: o }, outcomeLabel(o))),
    h("option", { value: "unknown" }, t("motions.outcome.unknown")),
  );
  const table = h("div", { class: "table-wrap", id: "motions" });
  const voteBox = h("div", { id: "vote-box", hidden: true });
  const el = h(
    "section",
    { class: "view view-motions", id: "view-motions", hidden: true },
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, t("motions.title")),
      h("p", { class: "muted" }, t("motions.hint")),
      h("div", { class: "filter-row" }, filterInput, outcomeSelect),
      count,
    ),
    h("div", { class: "page-scroll" }, voteBox, table),
  );

  const typed = debounce(() => void load(), 250);
  filterInput.addEventListener("input", () => {
    text = filterInput.value;
    typed();
  });
  outcomeSelect.addEventListener("change", () => {
    outcome = keyOf(OUTCOME_FILTERS, outcomeSelect.value);
    void load();
  });

  /** The first page again, for the filter and order now (or as many as shown, after an edit). */
  async function load(keep = false) {
    try {
      if (!(await pager.reset(keep))) return;
      // Motions need no documents (entered by hand, or from a register): the first run's
      // choice only when there is neither.
      if (pager.total === 0 && text === "" && outcome === null && shell.documentCount() === 0) {
        count.textContent = "";
        replace(table, shell.emptyArchive());
      } else render();
    } catch (e) {
      count.textContent = "";
      replace(table, errorState(ipc.toApiError(e), () => void load()));
    }
  }

  function header(key: MotionSortKey | null, label: Key) {
    if (key === null) return h("th", { scope: "col" }, t(label));
    const on = sortKey === key;
    return h(
      "th",
      { scope: "col", "aria-sort": on ? (ascending ? "ascending" : "descending") : "none" },
      h(
        "button",
        {
          type: "button",
          class: "sort-button",
          "data-sort": key,
          onclick: () => {
            ascending = sortKey === key ? !ascending : key !== "date";
            sortKey = key;
            void load();
          },
        },
        t(label),
        on ? (ascending ? " ▲" : " ▼") : "",
      ),
    );
  }

  function voteCell(m: MotionRow) {
    const share = forShare(m);
    const counts =
      m.votesFor !== null && m.votesAgainst !== null
        ? t("motions.votes", { for: m.votesFor, against: m.votesAgainst })
        : m.unanimous
          ? t("motions.unanimous")
          : "";
    const sides = partySides(m);
    return h(
      "td",
      { class: "vote" },
      share === null
        ? null
        : h(
            "div",
            { class: "vote-bar", role: "img", "aria-label": counts },
            h("span", { class: "vote-for", "data-share": share }),
          ),
      h("span", { class: "vote-counts" }, counts),
      sides.voor.length + sides.tegen.length > 0
        ? h(
            "div",
            { class: "party-votes" },
            sides.voor.map((p) => h("span", { class: "party party-voor", title: t("motions.for") }, p)),
            sides.tegen.map((p) => h("span", { class: "party party-tegen", title: t("motions.against") }, p)),
          )
        : null,
    );
  }

  function render() {
    const rows = pager.items;
    const filtered = text.trim() !== "" || outcome !== null;
    count.textContent = pager.total > 0 ? countLabel(rows.length, pager.total) : "";
    if (rows.length === 0 && !filtered) {
      replace(
        table,
        emptyState({
          title: t("motions.empty.title"),
          next: t("motions.empty"),
          action: { label: t("nav.meetings"), id: "motions-to-meetings", onclick: () => shell.showView("meetings") },
        }),
      );
      return;
    }
    if (rows.length === 0) {
      replace(table, emptyState({ title: t("motions.none"), next: t("motions.none.next") }));
      return;
    }
    replace(
      table,
      h(
        "table",
        { class: "motions-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            header("number", "motions.col.number"),
            header("title", "motions.col.title"),
            header("date", "motions.col.date"),
            header(null, "motions.col.submitters"),
            header("outcome", "motions.col.outcome"),
            header(null, "motions.col.vote"),
            h("th", { scope: "col" }, ""),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map((m) =>
            h(
              "tr",
              { class: "motion", "data-id": m.id },
              h("td", { class: "number" }, m.number ?? ""),
              h(
                "td",
                { class: "title" },
                h("span", { class: `kind kind-${m.kind}` }, kindLabel(m.kind)),
                " ",
                m.documentId !== null
                  ? h(
                      "button",
                      { type: "button", class: "link", onclick: () => shell.openDocument(m.documentId ?? 0, []) },
                      m.title,
                    )
                  : m.title,
              ),
              h("td", { class: "date" }, m.date ? formatDate(m.date) : ""),
              h("td", { class: "submitters" }, m.submitters.join(", ")),
              h("td", {}, h("span", { class: `outcome outcome-${m.outcome ?? "unknown"}` }, outcomeLabel(m.outcome))),
              voteCell(m),
              h(
                "td",
                { class: "actions" },
                h(
                  "button",
                  { type: "button", class: "small record-vote", onclick: () => openVoteForm(m) },
                  t("motions.vote.record"),
                ),
              ),
            ),
          ),
        ),
      ),
    );
    if (pager.hasMore) table.append(moreRow("motions-more", () => pager.more(), render));
    // The CSP allows no inline style attributes from markup; widths are set through the DOM.
    table.querySelectorAll<HTMLElement>(".vote-for").forEach((bar) => {
      bar.style.width = `${bar.dataset.share ?? 0}%`;
    });
  }

  function field(label: Key, control: HTMLElement) {
    return h("label", { class: "field" }, h("span", { class: "field-label" }, t(label)), control);
  }

  /** The form that records a vote (counts or unanimous, per party, outcome) on one motion. */
  function openVoteForm(m: MotionRow) {
    const date = dayField({ id: "vote-date", value: isoDay(new Date()), required: true });
    const votesFor = h("input", { type: "text", id: "vote-for", inputmode: "numeric", size: 4 });
    const votesAgainst = h("input", { type: "text", id: "vote-against", inputmode: "numeric", size: 4 });
    const unanimous = h("input", { type: "checkbox", id: "vote-unanimous" });
    const parties = h("input", {
      type: "text",
      id: "vote-parties",
      placeholder: t("motions.vote.parties.placeholder"),
    });
    const outcomeInput = h(
      "select",
      { id: "vote-outcome" },
      h("option", { value: "" }, t("motions.vote.outcome.auto")),
      OUTCOMES.map((o) => h("option", { value: o }, outcomeLabel(o))),
    );
    unanimous.addEventListener("change", () => {
      votesAgainst.disabled = unanimous.checked;
      if (unanimous.checked) votesAgainst.value = "";
    });
    const note = h("p", { class: "form-message", id: "vote-message", "aria-live": "polite" });
    const form = h(
      "form",
      { class: "card vote-form", id: "vote-form", "data-id": m.id },
      h("h3", {}, t("motions.vote.title", { title: m.number ? `${m.number} ${m.title}` : m.title })),
      h(
        "div",
        { class: "form-grid" },
        field("motions.vote.date", date),
        field("motions.vote.for", votesFor),
        field("motions.vote.against", votesAgainst),
        h("label", { class: "check" }, unanimous, t("motions.vote.unanimous")),
        field("motions.vote.parties", parties),
        field("motions.vote.outcome", outcomeInput),
      ),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", class: "primary", id: "vote-save" }, t("motions.vote.save")),
        h("button", { type: "button", onclick: () => (voteBox.hidden = true) }, t("add.cancel")),
        note,
      ),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      note.classList.remove("error");
      try {
        const vote = voteFromForm({
          date: dayOf(date),
          votesFor: votesFor.value,
          votesAgainst: votesAgainst.value,
          unanimous: unanimous.checked,
          parties: parties.value,
          outcome: keyOf(OUTCOMES, outcomeInput.value),
        });
        await ipc.recordVote(m.id, vote);
        note.textContent = t("motions.vote.saved");
        await load(true);
      } catch (err) {
        note.classList.add("error");
        note.textContent = errorText(ipc.toApiError(err));
      }
    });
    replace(voteBox, form);
    voteBox.hidden = false;
    date.focus();
  }

  return {
    el,
    async refresh() {
      if (pager.items.length === 0) replace(table, loadingState());
      await load(true);
    },
  };
}
