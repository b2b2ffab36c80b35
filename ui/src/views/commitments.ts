import type { CommitmentView } from "../lib/bindings/CommitmentView";
import type { HistoryView } from "../lib/bindings/HistoryView";
import type { SuggestionView } from "../lib/bindings/SuggestionView";
import {
  daysBetween,
  FLAGS,
  flagLabel,
  isIsoDay,
  isoDay,
  noFilters,
  statusChange,
  statusLabel,
  STATUSES,
  type CommitmentFilters,
} from "../lib/commitments";
import { h, replace } from "../lib/dom";
import { keyOf } from "../lib/keys";
import { formatDate } from "../lib/format";
import { t, type Key } from "../lib/i18n";
import * as ipc from "../lib/ipc";
import type { Shell } from "../shell";
import { errorText } from "../lib/errors";
import { debounce } from "../lib/debounce";
import { countLabel, Pager } from "../lib/pager";
import { emptyState, errorState, loadingState, moreRow } from "../lib/states";
import type { CommitmentPageView } from "../lib/bindings/CommitmentPageView";

/** How many commitments one page of the list holds. */
export const COMMITMENTS_PAGE = 100;
import { dateField as dayField, dayOf, setDay } from "../lib/dates";

export const NOTIFY_KEY = "raadsvolger.notifyOverdue";

export interface CommitmentsView {
  el: HTMLElement;
  refresh(): Promise<void>;
  /** The day the dashboard judges deadlines by (`YYYY-MM-DD`). */
  asOf(): string;
}

function option(value: string, label: string, selected: boolean) {
  return h("option", { value, selected }, label);
}

function labelled(label: Key, control: HTMLElement) {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, t(label)), control);
}

export function createCommitmentsView(shell: Shell): CommitmentsView {
  let asOf = isoDay(new Date());
  let filters: CommitmentFilters = noFilters();
  let selectedId: number | null = null;
  // The day's counts per flag and its actors (over all its commitments), from the last page.
  let day: Pick<CommitmentPageView, "count" | "flagCounts" | "actors"> = { count: 0, flagCounts: [], actors: [] };
  // The filters go to the Rust side, which applies them to all of the day's commitments.
  const pager = new Pager<CommitmentView>(async (offset, limit) => {
    const page = await ipc.commitmentsPage({
      asOf,
      flag: filters.flag ?? undefined,
      actor: filters.actor,
      status: filters.status ?? undefined,
      topic: filters.topic,
      offset,
      limit,
    });
    day = page;
    return page;
  }, COMMITMENTS_PAGE);
  const count = h("p", { class: "list-count", id: "commitments-count", "aria-live": "polite" });

  const dateInput = dayField({ id: "as-of", value: asOf, "aria-label": t("commitments.asOf") });
  const todayButton = h("button", { type: "button", id: "as-of-today" }, t("commitments.today"));
  const actorSelect = h("select", { id: "filter-actor" });
  const statusSelect = h(
    "select",
    { id: "filter-status" },
    option("", t("commitments.filter.any"), true),
    STATUSES.map((s) => option(s, t(statusLabel(s)), false)),
  );
  const topicInput = h("input", {
    type: "search",
    id: "filter-topic",
    placeholder: t("commitments.filter.topic.placeholder"),
    autocomplete: "off",
  });
  const notifyBox = h("input", { type: "checkbox", id: "notify-overdue" });
  notifyBox.checked = localStorage.getItem(NOTIFY_KEY) === "1";
  notifyBox.addEventListener("change", () => localStorage.setItem(NOTIFY_KEY, notifyBox.checked ? "1" : "0"));

  const cards = h("div", { class: "flag-cards", id: "flag-counts", role: "group" });
  const list = h("ul", { class: "commitment-list", id: "commitments" });
  const detail = h("aside", { class: "commitment-detail", id: "commitment-detail", "aria-live": "polite" });
  const addDialog = h("div", { class: "add-form", id: "add-commitment", hidden: true });

  const el = h(
    "section",
    { class: "view view-commitments", id: "view-commitments", hidden: true },
    h(
      "header",
      { class: "page-head" },
      h(
        "div",
        { class: "page-head-row" },
        h("div", {}, h("h1", {}, t("commitments.title")), h("p", { class: "muted" }, t("commitments.hint"))),
        h(
          "div",
          { class: "as-of" },
          h("label", { for: "as-of", class: "field-label" }, t("commitments.asOf")),
          dateInput,
          todayButton,
          h(
            "button",
            { type: "button", class: "primary add-button", id: "add-open", onclick: () => openAddForm() },
            "+ ",
            t("commitments.add"),
          ),
        ),
      ),
      cards,
      h(
        "div",
        { class: "filter-row" },
        labelled("commitments.filter.actor", actorSelect),
        labelled("commitments.filter.status", statusSelect),
        labelled("commitments.filter.topic", topicInput),
        h(
          "button",
          {
            type: "button",
            class: "link",
            id: "filters-clear",
            onclick: () => {
              filters = noFilters();
              statusSelect.value = "";
              topicInput.value = "";
              void load();
            },
          },
          t("commitments.filter.clear"),
        ),
      ),
      count,
      addDialog,
    ),
    h("div", { class: "split" }, h("div", { class: "split-main" }, list), detail),
    h("footer", { class: "page-foot" }, h("label", { class: "check" }, notifyBox, t("commitments.notify"))),
  );

  const setAsOf = (day: string) => {
    if (!isIsoDay(day)) return;
    asOf = day;
    setDay(dateInput, day);
    void api.refresh();
  };
  dateInput.addEventListener("change", () => setAsOf(dayOf(dateInput)));
  todayButton.addEventListener("click", () => setAsOf(isoDay(new Date())));
  actorSelect.addEventListener("change", () => {
    filters = { ...filters, actor: actorSelect.value };
    void load();
  });
  statusSelect.addEventListener("change", () => {
    filters = { ...filters, status: keyOf(STATUSES, statusSelect.value) };
    void load();
  });
  const typed = debounce(() => void load(), 250);
  topicInput.addEventListener("input", () => {
    filters = { ...filters, topic: topicInput.value };
    typed();
  });

  /** The first page again for the day and filters now (as many as shown, after an edit). */
  async function load(keep = false) {
    try {
      if (await pager.reset(keep)) render();
    } catch (e) {
      count.textContent = "";
      const error = ipc.toApiError(e);
      replace(list, h("li", { class: "empty-li" }, errorState(error, () => void load())));
    }
  }

  function dueLine(c: CommitmentView): string {
    // An open promise ("zeggen toe") names no time at all: say so rather than quote the verb.
    if (c.dueSource) {
      const base = `${t("commitments.due")}: ${formatDate(c.dueSource.date)} · ${t("commitments.dueFrom", { how: c.dueSource.how })}`;
      if (c.flag === "overdue") return `${base} · ${t("commitments.daysOver", { n: daysBetween(c.dueSource.date, asOf) })}`;
      if (c.flag === "due-soon") return `${base} · ${t("commitments.daysLeft", { n: daysBetween(asOf, c.dueSource.date) })}`;
      return base;
    }
    if (!c.due) {
      // An event deadline the calendar does not date yet: say what it waits for.
      if (c.flag === "due-unknown") return `${t("flag.due-unknown")}${c.dueText ? `: ${c.dueText}` : ""}`;
      return c.dueText && c.dueKind !== "open"
        ? `${t("commitments.due")}: ${c.dueText}`
        : t("commitments.noDue");
    }
    const base = `${t("commitments.due")}: ${formatDate(c.due)}`;
    if (c.flag === "overdue") return `${base} · ${t("commitments.daysOver", { n: daysBetween(c.due, asOf) })}`;
    if (c.flag === "due-soon") return `${base} · ${t("commitments.daysLeft", { n: daysBetween(asOf, c.due) })}`;
    return base;
  }

  function renderCards() {
    const counts = Object.fromEntries(FLAGS.map((f) => [f, 0])) as Record<(typeof FLAGS)[number], number>;
    for (const c of day.flagCounts) if (c.flag in counts) counts[c.flag as (typeof FLAGS)[number]] = c.count;
    replace(
      cards,
      FLAGS.filter((f) => counts[f] > 0 || f === "overdue" || f === "due-soon").map((f) =>
        h(
          "button",
          {
            type: "button",
            class: `flag-card flag-${f}${filters.flag === f ? " active" : ""}`,
            "data-flag": f,
            "aria-pressed": filters.flag === f ? "true" : "false",
            onclick: () => {
              filters = { ...filters, flag: filters.flag === f ? null : f };
              void load();
            },
          },
          h("span", { class: "flag-count" }, counts[f]),
          h("span", { class: "flag-name" }, t(flagLabel(f))),
        ),
      ),
    );
  }

  function renderActors() {
    const names = day.actors;
    if (filters.actor && !names.includes(filters.actor)) filters = { ...filters, actor: "" };
    replace(
      actorSelect,
      option("", t("commitments.filter.any"), filters.actor === ""),
      names.map((a) => option(a, a, filters.actor === a)),
    );
  }

  function renderList() {
    if (shell.documentCount() === 0 && day.count === 0) {
      count.textContent = "";
      replace(list, h("li", { class: "empty-li" }, shell.emptyArchive()));
      return;
    }
    count.textContent = pager.total > 0 ? countLabel(pager.items.length, pager.total) : "";
    if (day.count === 0) {
      replace(
        list,
        h(
          "li",
          { class: "empty-li" },
          emptyState({
            title: t("commitments.empty.title"),
            next: t("commitments.empty"),
            action: { label: t("commitments.add"), id: "commitments-empty-add", onclick: () => openAddForm() },
          }),
        ),
      );
      return;
    }
    const shown = pager.items;
    if (shown.length === 0) {
      replace(
        list,
        h("li", { class: "empty-li" }, emptyState({ title: t("commitments.none"), next: t("commitments.none.next") })),
      );
      return;
    }
    replace(
      list,
      shown.map((c) =>
        h(
          "li",
          {
            class: `commitment flag-${c.flag}${c.id === selectedId ? " selected" : ""}`,
            "data-id": c.id,
            "data-flag": c.flag,
          },
          h(
            "button",
            {
              type: "button",
              class: "commitment-button",
              "aria-current": c.id === selectedId ? "true" : undefined,
              onclick: () => select(c.id),
            },
            h(
              "div",
              { class: "commitment-head" },
              h("span", { class: `flag-badge flag-${c.flag}` }, t(flagLabel(c.flag))),
              h("span", { class: "actor" }, c.actor),
            ),
            h("p", { class: "commitment-text" }, c.text),
            h(
              "p",
              { class: "commitment-meta" },
              h("span", {}, dueLine(c)),
              c.source.title ? h("span", {}, ` · ${c.source.title}`) : null,
            ),
          ),
        ),
      ),
      pager.hasMore ? moreRow("commitments-more", () => pager.more(), renderList, "li") : null,
    );
  }

  function render() {
    renderCards();
    renderActors();
    renderList();
    const current = pager.items.find((c) => c.id === selectedId);
    if (current) renderDetail(current, null);
    else {
      selectedId = null;
      replace(detail, h("p", { class: "muted detail-empty" }, t("commitments.select")));
    }
  }

  function historyLine(entry: HistoryView): string {
    const word = (value: string | null) =>
      entry.field === "status" ? (value ? t(statusLabel(value)).toLowerCase() : "—") : value ? formatDate(value) : "—";
    const key: Key = entry.field === "status" ? "detail.history.status" : "detail.history.due";
    return t(key, { old: word(entry.old), new: word(entry.new) });
  }

  function select(id: number) {
    selectedId = id;
    renderList();
    const c = pager.items.find((x) => x.id === id);
    if (!c) return;
    renderDetail(c, null);
    ipc
      .evidenceSuggestions(id)
      .then((suggestions) => {
        const again = pager.items.find((x) => x.id === id);
        if (selectedId === id && again) renderDetail(again, suggestions);
      })
      .catch(() => undefined);
  }

  function renderDetail(c: CommitmentView, suggestions: SuggestionView[] | null) {
    const statusInput = h(
      "select",
      { id: "set-status" },
      STATUSES.map((s) => option(s, t(statusLabel(s)), s === c.status)),
    );
    const dateField = dayField({ id: "set-date", value: asOf });
    const evidenceOptions = new Map<number, string>();
    for (const e of c.evidence) evidenceOptions.set(e.documentId, e.title);
    for (const s of suggestions ?? []) evidenceOptions.set(s.documentId, s.title);
    const evidenceSelect = h(
      "select",
      { id: "set-evidence" },
      option("", t("detail.set.evidence.none"), true),
      [...evidenceOptions].map(([id, title]) => option(String(id), `#${id} ${title}`, false)),
    );
    const noteInput = h("textarea", { id: "set-note", rows: "2" });
    const dueField = dayField({ id: "set-due" });
    const reasonInput = h("input", { type: "text", id: "set-reason" });
    const message = h("p", { class: "form-message", id: "set-message", "aria-live": "polite" });
    const save = h("button", { type: "submit", class: "primary", id: "set-save" }, t("detail.set.save"));
    const form = h(
      "form",
      { class: "set-form", id: "set-form" },
      h("h3", {}, t("detail.set")),
      h(
        "div",
        { class: "form-grid" },
        labelled("detail.set.status", statusInput),
        labelled("detail.set.date", dateField),
        labelled("detail.set.evidence", evidenceSelect),
        labelled("detail.set.note", noteInput),
        labelled("detail.set.due", dueField),
        labelled("detail.set.reason", reasonInput),
      ),
      h("div", { class: "buttons" }, save, message),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      save.disabled = true;
      message.classList.remove("error");
      message.textContent = "…";
      try {
        const change = statusChange({
          status: keyOf(STATUSES, statusInput.value) ?? c.status,
          date: dayOf(dateField),
          evidence: evidenceSelect.value,
          note: noteInput.value,
          current: c.status,
          due: dayOf(dueField),
          reason: reasonInput.value,
        });
        await ipc.updateCommitment(c.id, change);
        message.textContent = t("detail.set.saved");
        await api.refresh();
      } catch (err) {
        message.classList.add("error");
        message.textContent = errorText(ipc.toApiError(err));
      } finally {
        save.disabled = false;
      }
    });

    const suggestionList =
      suggestions === null
        ? h("p", { class: "muted" }, "…")
        : suggestions.length === 0
          ? h("p", { class: "muted" }, t("detail.suggestions.none"))
          : h(
              "ul",
              { class: "suggestions", id: "suggestions" },
              suggestions.map((s) => {
                const snippet = h("p", { class: "snippet" });
                // The core builds snippets from escaped text and <mark> only.
                snippet.innerHTML = s.snippet;
                return h(
                  "li",
                  { class: "suggestion", "data-id": s.documentId },
                  h(
                    "button",
                    { type: "button", class: "link", onclick: () => shell.openDocument(s.documentId, []) },
                    s.title,
                  ),
                  h("span", { class: "muted" }, ` · ${formatDate(s.date)}`),
                  snippet,
                  h(
                    "button",
                    {
                      type: "button",
                      class: "small use-evidence",
                      onclick: () => {
                        evidenceSelect.value = String(s.documentId);
                        evidenceSelect.focus();
                      },
                    },
                    t("detail.suggestions.use"),
                  ),
                );
              }),
            );

    replace(
      detail,
      h(
        "article",
        { class: "detail", "data-id": c.id, "data-flag": c.flag },
        h(
          "div",
          { class: "commitment-head" },
          h("span", { class: `flag-badge flag-${c.flag}`, id: "detail-flag" }, t(flagLabel(c.flag))),
          h("span", { class: "actor" }, c.actor),
          h("span", { class: "muted" }, t(`origin.${c.origin}` as Key)),
        ),
        h("h2", { class: "detail-text" }, c.text),
        h("p", { class: "detail-due" }, dueLine(c)),
        c.status !== "open" && c.statusDate
          ? h("p", { class: "muted" }, `${t(statusLabel(c.status))} · ${formatDate(c.statusDate)}`)
          : null,
        c.note ? h("p", { class: "detail-note" }, h("strong", {}, `${t("detail.note")}: `), c.note) : null,
        h("h3", {}, t("detail.source")),
        h("blockquote", { class: "source-quote" }, c.source.quote),
        h(
          "p",
          { class: "muted" },
          c.motion ?? c.source.title ?? "",
          c.source.date ? ` · ${formatDate(c.source.date)}` : "",
          " ",
          c.source.documentId !== null
            ? h(
                "button",
                {
                  type: "button",
                  class: "link",
                  id: "open-source",
                  onclick: () => shell.openDocument(c.source.documentId ?? 0, []),
                },
                t("detail.openSource"),
              )
            : null,
        ),
        h("h3", {}, t("detail.history")),
        c.history.length === 0
          ? h("p", { class: "muted" }, t("detail.history.none"))
          : h(
              "ol",
              { class: "history", id: "history" },
              c.history.map((entry) =>
                h(
                  "li",
                  {},
                  h("span", { class: "history-date" }, formatDate(entry.date)),
                  h("span", {}, historyLine(entry)),
                  entry.reason ? h("span", { class: "muted history-reason" }, entry.reason) : null,
                ),
              ),
            ),
        h("h3", {}, t("detail.evidence")),
        c.evidence.length === 0
          ? h("p", { class: "muted" }, t("detail.evidence.none"))
          : h(
              "ul",
              { class: "evidence", id: "evidence" },
              c.evidence.map((e) =>
                h(
                  "li",
                  {},
                  h(
                    "button",
                    { type: "button", class: "link", onclick: () => shell.openDocument(e.documentId, []) },
                    e.title,
                  ),
                  h("span", { class: "muted" }, ` · ${formatDate(e.date)}`),
                  h("blockquote", {}, e.passage),
                ),
              ),
            ),
        form,
        h("h3", {}, t("detail.suggestions")),
        suggestionList,
      ),
    );
  }

  function openAddForm() {
    const text = h("textarea", { id: "add-text", rows: "2", required: true });
    const actor = h("input", { type: "text", id: "add-actor", value: "college", required: true });
    const date = dayField({ id: "add-date", value: asOf, required: true });
    const due = dayField({ id: "add-due" });
    const quote = h("input", { type: "text", id: "add-quote" });
    const message = h("p", { class: "form-message", "aria-live": "polite" });
    const form = h(
      "form",
      { class: "card" },
      h("h3", {}, t("add.title")),
      h(
        "div",
        { class: "form-grid" },
        labelled("add.text", text),
        labelled("add.actor", actor),
        labelled("add.date", date),
        labelled("add.due", due),
        labelled("add.quote", quote),
      ),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", class: "primary", id: "add-save" }, t("add.save")),
        h(
          "button",
          {
            type: "button",
            onclick: () => {
              addDialog.hidden = true;
            },
          },
          t("add.cancel"),
        ),
        message,
      ),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        const id = await ipc.addCommitment({
          text: text.value,
          actor: actor.value,
          date: dayOf(date),
          due: dayOf(due) || undefined,
          quote: quote.value || undefined,
        });
        addDialog.hidden = true;
        selectedId = id;
        await api.refresh();
        select(id);
      } catch (err) {
        message.classList.add("error");
        message.textContent = errorText(ipc.toApiError(err));
      }
    });
    replace(addDialog, form);
    addDialog.hidden = false;
    text.focus();
  }

  const api: CommitmentsView = {
    el,
    asOf: () => asOf,
    async refresh() {
      if (pager.items.length === 0) replace(list, h("li", { class: "empty-li" }, loadingState()));
      await load(true);
    },
  };
  return api;
}
