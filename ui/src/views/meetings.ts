import type { AgendaItemView } from "../lib/bindings/AgendaItemView";
import type { Outcome } from "../lib/bindings/Outcome";
import type { MeetingDetailView } from "../lib/bindings/MeetingDetailView";
import type { MeetingView } from "../lib/bindings/MeetingView";
import type { MotionRefView } from "../lib/bindings/MotionRefView";
import type { PartyView } from "../lib/bindings/PartyView";
import { isoDay } from "../lib/commitments";
import { h, replace } from "../lib/dom";
import { formatDate } from "../lib/format";
import { t, type Key } from "../lib/i18n";
import { kindLabel, meetingStatusLabel } from "../lib/labels";
import * as ipc from "../lib/ipc";
import { emptyState, errorState, loadingState } from "../lib/states";
import { flattenAgenda, itemLabel, parseDocumentId } from "../lib/register";
import {
  agendaAction,
  editText,
  entryAction,
  entryPlace,
  nextNumber,
  outcomeAction,
  pageAction,
  partyVotesText,
  step,
  type VoteOption,
  voteAction,
} from "../lib/keyboard";
import type { Shell } from "../shell";
import { errorText } from "../lib/errors";
import { dateField as dayField, dayOf } from "../lib/dates";

export interface MeetingsView {
  el: HTMLElement;
  refresh(): Promise<void>;
}

function labelled(label: Key, control: HTMLElement) {
  return h("label", { class: "field" }, h("span", { class: "field-label" }, t(label)), control);
}

function outcomeLabel(outcome: string | null): string {
  return outcome ? t(`outcome.${outcome}` as Key) : "—";
}

function message() {
  return h("p", { class: "form-message", "aria-live": "polite" });
}

function showError(el: HTMLElement, e: unknown) {
  el.classList.add("error");
  el.textContent = errorText(ipc.toApiError(e));
}

/** Where focus goes once the meeting page is drawn again. */
type Focus = { kind: "entry" } | { kind: "row"; key: string } | null;

/** Letters on a vote's buttons, for the mouse (the keys are the same). */
const OPTION_KEYS: Record<VoteOption, string> = { voor: "V", tegen: "T", onthouden: "O", afwezig: "A" };
const OUTCOMES: [Outcome, string][] = [
  ["aangenomen", "A"],
  ["verworpen", "V"],
  ["ingetrokken", "I"],
  ["aangehouden", "H"],
];

export function createMeetingsView(shell: Shell): MeetingsView {
  let openId: number | null = null;
  /** How deep the next agenda item is typed (0: a main item). */
  let entryDepth = 0;
  let pendingFocus: Focus = null;
  /** The line that says what was just saved or undone, kept across the redraw. */
  let status: { text: string; error: boolean } | null = null;
  let helpOpen = false;
  let undoBusy = false;

  const list = h("div", { class: "table-wrap", id: "meetings" });
  const addForm = h("div", { id: "meeting-add" });
  const page = h("div", { id: "meeting-page", hidden: true });
  const listPart = h("div", { id: "meetings-list" }, list, addForm);
  const el = h(
    "section",
    { class: "view view-meetings", id: "view-meetings", hidden: true },
    h(
      "header",
      { class: "page-head" },
      h("h1", {}, t("meetings.title")),
      h("p", { class: "muted" }, t("meetings.hint")),
    ),
    h("div", { class: "page-scroll" }, listPart, page),
  );

  function meetingLine(m: MeetingView): string {
    return [formatDate(m.date), m.time ?? "", m.body, m.title ?? ""].filter((x) => x !== "").join(" · ");
  }

  function renderList(meetings: MeetingView[]) {
    if (meetings.length === 0) {
      replace(list, emptyState({ title: t("meetings.empty.title"), next: t("meetings.empty") }));
      return;
    }
    replace(
      list,
      h(
        "table",
        { class: "motions-table meetings-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["meetings.col.date", "meetings.col.body", "meetings.col.title", "meetings.col.items"].map((k) =>
              h("th", { scope: "col" }, t(k as Key)),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          meetings.map((m) =>
            h(
              "tr",
              { class: `meeting meeting-status-${m.status}`, "data-id": m.id },
              h("td", { class: "date" }, formatDate(m.date), m.time ? ` ${m.time}` : ""),
              h("td", { class: "body" }, m.body),
              h(
                "td",
                { class: "title" },
                h(
                  "button",
                  {
                    type: "button",
                    class: "link open-meeting",
                    onclick: () => {
                      pendingFocus = { kind: "entry" };
                      void open(m.id);
                    },
                  },
                  m.title ?? m.body,
                ),
                m.status !== "planned" ? h("span", { class: "muted" }, ` (${meetingStatusLabel(m.status)})`) : null,
              ),
              h("td", { class: "items" }, m.agendaItems),
            ),
          ),
        ),
      ),
    );
  }

  function renderAddForm() {
    const body = h("input", { type: "text", id: "meeting-body", value: "gemeenteraad", required: true });
    const date = dayField({ id: "meeting-date", value: isoDay(new Date()), required: true });
    const time = h("input", { type: "text", id: "meeting-time", placeholder: "19:30" });
    const title = h("input", { type: "text", id: "meeting-title" });
    const location = h("input", { type: "text", id: "meeting-location" });
    const note = message();
    const form = h(
      "form",
      { class: "card", id: "meeting-form" },
      h("h3", {}, t("meetings.add")),
      h(
        "div",
        { class: "form-grid" },
        labelled("meetings.body", body),
        labelled("meetings.date", date),
        labelled("meetings.time", time),
        labelled("meetings.name", title),
        labelled("meetings.location", location),
      ),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", id: "meeting-save" }, t("meetings.save")), note),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      note.classList.remove("error");
      try {
        const m = await ipc.addMeeting({
          body: body.value,
          date: dayOf(date),
          time: time.value || undefined,
          title: title.value || undefined,
          location: location.value || undefined,
        });
        pendingFocus = { kind: "entry" };
        await open(m.id);
      } catch (err) {
        showError(note, err);
      }
    });
    replace(addForm, form);
  }

  function motionLine(m: MotionRefView) {
    const counts =
      m.votesFor !== null && m.votesAgainst !== null
        ? t("motions.votes", { for: m.votesFor, against: m.votesAgainst })
        : m.unanimous
          ? t("motions.unanimous")
          : "";
    return h(
      "li",
      { class: "agenda-motion", "data-id": m.id, tabindex: -1, "data-focus": `motion:${m.id}` },
      h("span", { class: `kind kind-${m.kind}` }, kindLabel(m.kind)),
      " ",
      m.number ? `${m.number} ` : "",
      m.title,
      h("span", { class: `outcome outcome-${m.outcome ?? "unknown"}` }, outcomeLabel(m.outcome)),
      counts ? h("span", { class: "vote-counts" }, counts) : null,
      m.partiesFor.length + m.partiesAgainst.length > 0
        ? h(
            "span",
            { class: "party-votes" },
            m.partiesFor.map((p) => h("span", { class: "party party-voor", title: t("motions.for") }, p)),
            m.partiesAgainst.map((p) => h("span", { class: "party party-tegen", title: t("motions.against") }, p)),
          )
        : null,
    );
  }

  function agendaList(items: AgendaItemView[]): HTMLElement {
    return h(
      "ol",
      { class: "agenda" },
      items.map((item) =>
        h(
          "li",
          { class: "agenda-item", "data-id": item.id, "data-number": item.number ?? "" },
          h(
            "div",
            { class: "agenda-head", tabindex: -1, "data-focus": `item:${item.id}` },
            h("span", { class: "agenda-number" }, item.number ?? ""),
            h("span", { class: "agenda-title" }, item.title),
          ),
          item.description ? h("p", { class: "muted" }, item.description) : null,
          item.documents.length > 0
            ? h(
                "ul",
                { class: "agenda-docs", "aria-label": t("meetings.documents") },
                item.documents.map((d) =>
                  h(
                    "li",
                    { class: "agenda-doc", "data-id": d.id },
                    h("span", { class: "role" }, d.role),
                    h("button", { type: "button", class: "link", onclick: () => shell.openDocument(d.id, []) }, d.title),
                    d.date ? h("span", { class: "muted" }, ` · ${formatDate(d.date)}`) : null,
                  ),
                ),
              )
            : null,
          item.motions.length > 0
            ? h("ul", { class: "agenda-motions", "aria-label": t("meetings.motions") }, item.motions.map(motionLine))
            : null,
          item.items.length > 0 ? agendaList(item.items) : null,
        ),
      ),
    );
  }

  function itemOptions(detail: MeetingDetailView, none: Key | null): HTMLOptionElement[] {
    const options = flattenAgenda(detail.agenda).map(({ item, depth }) =>
      h("option", { value: String(item.id) }, `${"\u00a0\u00a0".repeat(depth)}${itemLabel(item)}`),
    );
    return none ? [h("option", { value: "" }, t(none)), ...options] : options;
  }

  /** The row where the next agenda item is typed: Enter saves it and opens the next row,
   * Alt+→ / Alt+← nest it under the item above or take it back a level. */
  function entryForm(detail: MeetingDetailView) {
    let place = entryPlace(detail.agenda, entryDepth);
    entryDepth = place.depth;
    const suggest = () => nextNumber(place.previous?.number ?? null, place.parent ? (place.parent.number ?? "") : null);
    let suggestion = suggest();
    const where = h("span", { class: "entry-place", id: "entry-place" });
    const number = h("input", {
      type: "text",
      id: "item-number",
      size: 5,
      value: suggestion,
      autocomplete: "off",
      "aria-label": t("meetings.entry.number"),
    });
    const title = h("input", {
      type: "text",
      id: "item-title",
      autocomplete: "off",
      placeholder: t("meetings.entry.placeholder"),
      "aria-label": t("meetings.entry.title"),
    });
    const note = message();
    const row = h(
      "div",
      { class: "entry-row" },
      where,
      h("label", { class: "entry-field entry-number" }, h("span", { class: "field-label" }, t("meetings.entry.number")), number),
      h("label", { class: "entry-field entry-title" }, h("span", { class: "field-label" }, t("meetings.item.title")), title),
      h("button", { type: "submit", class: "primary", id: "item-save" }, t("meetings.item.save")),
    );
    const form = h(
      "form",
      { class: "card agenda-entry", id: "item-form", "data-depth": place.depth },
      h("h3", {}, t("meetings.entry")),
      row,
      note,
    );
    const show = () => {
      where.textContent = place.parent
        ? t("meetings.entry.under", { item: itemLabel(place.parent) })
        : t("meetings.entry.top");
      form.dataset.depth = String(place.depth);
      // The CSP allows no inline style attributes from markup; the indent is set through the DOM.
      row.style.paddingLeft = `${place.depth * 24}px`;
    };
    show();
    const nest = (by: 1 | -1) => {
      place = entryPlace(detail.agenda, place.depth + by);
      entryDepth = place.depth;
      const untouched = number.value === suggestion;
      suggestion = suggest();
      if (untouched) number.value = suggestion;
      show();
    };
    const save = async () => {
      note.classList.remove("error");
      note.textContent = "";
      if (title.value.trim() === "") {
        note.classList.add("error");
        note.textContent = t("error.invalid-input.title");
        title.focus();
        return;
      }
      try {
        await ipc.addAgendaItem({
          meetingId: detail.meeting.id,
          title: title.value,
          number: number.value.trim() || undefined,
          parentId: place.parent?.id,
        });
        status = null;
        pendingFocus = { kind: "entry" };
        await open(detail.meeting.id);
      } catch (err) {
        showError(note, err);
      }
    };
    form.addEventListener("keydown", (e) => {
      const field = e.target as HTMLInputElement;
      switch (entryAction(e, field.value === "")) {
        case "save":
          e.preventDefault();
          void save();
          break;
        case "indent":
          e.preventDefault();
          nest(1);
          break;
        case "outdent":
          e.preventDefault();
          nest(-1);
          break;
        case "clear":
          e.preventDefault();
          title.value = "";
          number.value = suggestion;
          note.textContent = "";
          break;
        case "agenda": {
          e.preventDefault();
          const rows = agendaRows();
          focusRow(rows[rows.length - 1]);
          break;
        }
        default:
          break;
      }
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void save();
    });
    return form;
  }

  /** Makes `row` the agenda's one tab stop and focuses it. */
  function focusRow(row: HTMLElement | null | undefined) {
    if (!row) return;
    page.querySelectorAll<HTMLElement>("#agenda [data-focus]").forEach((r) => (r.tabIndex = -1));
    row.tabIndex = 0;
    row.focus();
  }

  function agendaRows(): HTMLElement[] {
    return [...page.querySelectorAll<HTMLElement>("#agenda [data-focus]")];
  }

  function onAgendaKey(detail: MeetingDetailView, e: KeyboardEvent) {
    const target = e.target as HTMLElement;
    const key = target.dataset.focus;
    if (key === undefined) return;
    const [kind, idText] = key.split(":");
    const id = Number(idText);
    const action = agendaAction(e, kind === "item" ? "item" : "motion");
    if (action === null) return;
    e.preventDefault();
    const rows = agendaRows();
    const at = rows.indexOf(target);
    switch (action) {
      case "next":
        if (at === rows.length - 1) document.getElementById("item-title")?.focus();
        else focusRow(rows[step(at, rows.length, 1)]);
        break;
      case "previous":
        focusRow(rows[step(at, rows.length, -1)]);
        break;
      case "first":
        focusRow(rows[0]);
        break;
      case "last":
        focusRow(rows[rows.length - 1]);
        break;
      case "entry":
        document.getElementById("item-title")?.focus();
        break;
      case "motion": {
        const item = flattenAgenda(detail.agenda).find((x) => x.item.id === id)?.item;
        if (item) openMotionEntry(detail, item, target);
        break;
      }
      case "vote": {
        const motion = flattenAgenda(detail.agenda)
          .flatMap((x) => x.item.motions)
          .find((m) => m.id === id);
        if (motion) void openVoteGrid(detail, motion);
        break;
      }
      case "move-up":
      case "move-down":
        void moveItem(detail, id, action === "move-up" ? -1 : 1);
        break;
      case "delete": {
        // The focus goes to the row before (or the entry row when none is left).
        const before = rows.slice(0, at).reverse().find((r) => r.dataset.focus?.startsWith("item:"));
        void deleteItem(detail, id, before?.dataset.focus);
        break;
      }
    }
  }

  /** The items beside `id` at its level (its parent's sub-items, or the main items). */
  function siblingsOf(items: AgendaItemView[], id: number): AgendaItemView[] | null {
    if (items.some((i) => i.id === id)) return items;
    for (const item of items) {
      const found = siblingsOf(item.items, id);
      if (found) return found;
    }
    return null;
  }

  /** Alt+↑/Alt+↓: the item one place up or down among its siblings; the focus stays on it. */
  async function moveItem(detail: MeetingDetailView, id: number, by: -1 | 1) {
    const siblings = siblingsOf(detail.agenda, id);
    if (!siblings) return;
    const at = siblings.findIndex((i) => i.id === id);
    const to = at + by;
    if (to < 0 || to >= siblings.length) return;
    try {
      await ipc.moveAgendaItem(id, to);
      status = { text: t("meetings.item.moved", { item: itemLabel(siblings[at]) }), error: false };
      pendingFocus = { kind: "row", key: `item:${id}` };
      await open(detail.meeting.id);
    } catch (err) {
      setStatus(errorText(ipc.toApiError(err)), true);
    }
  }

  /** Delete: the item and its sub-items go (Ctrl+Z puts them back). */
  async function deleteItem(detail: MeetingDetailView, id: number, focusAfter: string | undefined) {
    const item = flattenAgenda(detail.agenda).find((x) => x.item.id === id)?.item;
    if (!item) return;
    try {
      await ipc.deleteAgendaItem(id);
      status = { text: t("meetings.item.deleted", { item: itemLabel(item) }), error: false };
      pendingFocus = focusAfter ? { kind: "row", key: focusAfter } : { kind: "entry" };
      await open(detail.meeting.id);
    } catch (err) {
      setStatus(errorText(ipc.toApiError(err)), true);
    }
  }

  /** An inline row under an agenda item where a motion's title is typed (Enter saves). */
  function openMotionEntry(detail: MeetingDetailView, item: AgendaItemView, head: HTMLElement) {
    document.getElementById("motion-entry-form")?.remove();
    const input = h("input", {
      type: "text",
      id: "motion-entry",
      autocomplete: "off",
      placeholder: t("meetings.motion.placeholder"),
      "aria-label": t("meetings.motion.add", { item: itemLabel(item) }),
    });
    const note = message();
    const form = h(
      "form",
      { class: "motion-entry", id: "motion-entry-form", "data-item": item.id },
      h("span", { class: "field-label" }, t("meetings.motion.add", { item: itemLabel(item) })),
      input,
      note,
    );
    const close = () => {
      form.remove();
      focusRow(head);
    };
    form.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      note.classList.remove("error");
      if (input.value.trim() === "") {
        note.classList.add("error");
        note.textContent = t("error.invalid-input.title");
        return;
      }
      try {
        const motion = await ipc.addMotion({
          title: input.value.trim(),
          agendaItemId: item.id,
          date: detail.meeting.date,
        });
        status = null;
        pendingFocus = { kind: "row", key: `motion:${motion.id}` };
        await open(detail.meeting.id);
      } catch (err) {
        showError(note, err);
      }
    });
    head.after(form);
    input.focus();
  }

  /** The council's parties on the meeting's day first, then the archive's others (a party
   * new to the council, or one a partial vote left out); asked each time, so a party added
   * under Instellingen is there at once. `council` counts the first. */
  async function parties(date: string): Promise<{ list: PartyView[]; council: number }> {
    const [council, all] = await Promise.all([ipc.partiesAt(date), ipc.parties()]);
    const others = all.filter((p) => !council.some((c) => c.name === p.name));
    return { list: [...council, ...others], council: others.length > 0 ? council.length : all.length };
  }

  /** The vote on one motion, a row per party: V, T, O or A on a row gives its vote and moves
   * on; the last row is the outcome (A, V, I, H); Enter records it. */
  async function openVoteGrid(detail: MeetingDetailView, motion: MotionRefView) {
    const li = page.querySelector<HTMLElement>(`#agenda .agenda-motion[data-id='${motion.id}']`);
    if (!li) return;
    let list: PartyView[];
    let council: number;
    try {
      ({ list, council } = await parties(detail.meeting.date));
    } catch (err) {
      setStatus(errorText(ipc.toApiError(err)), true);
      return;
    }
    document.getElementById("vote-grid")?.remove();
    const label = (p: PartyView) => p.abbreviation ?? p.name;
    const choices: [string, VoteOption | null][] = list.map((p) => [
      label(p),
      motion.partiesFor.includes(p.name) ? "voor" : motion.partiesAgainst.includes(p.name) ? "tegen" : null,
    ]);
    let outcome: Outcome | null = null;
    const note = h("p", { class: "form-message", id: "vote-grid-message", "aria-live": "polite" });
    const choiceText = (o: VoteOption | null) => (o === null ? "—" : t(`meetings.vote.option.${o}` as Key));
    const outcomeText = () => (outcome === null ? t("meetings.vote.outcome.none") : t(`outcome.${outcome}` as Key));

    const partyRows = choices.map(([party], i) => {
      const shown = h("span", { class: "vote-choice" }, choiceText(choices[i][1]));
      const row = h(
        "div",
        {
          class: "vote-party",
          tabindex: -1,
          "data-party": party,
          "data-council": String(i < council),
          role: "group",
          "aria-label": party,
        },
        h("span", { class: "vote-party-name" }, party),
        shown,
        h(
          "span",
          { class: "vote-buttons" },
          (Object.keys(OPTION_KEYS) as VoteOption[]).map((o) =>
            h(
              "button",
              {
                type: "button",
                tabindex: -1,
                class: "small vote-option",
                "data-option": o,
                title: t(`meetings.vote.option.${o}` as Key),
                onclick: () => choose(i, o),
              },
              OPTION_KEYS[o],
            ),
          ),
        ),
      );
      return { row, shown };
    });
    const outcomeShown = h("span", { class: "vote-choice" }, outcomeText());
    const outcomeRow = h(
      "div",
      { class: "vote-party vote-outcome", id: "vote-grid-outcome", tabindex: -1, role: "group", "aria-label": t("meetings.vote.outcome") },
      h("span", { class: "vote-party-name" }, t("meetings.vote.outcome")),
      outcomeShown,
      h(
        "span",
        { class: "vote-buttons" },
        OUTCOMES.map(([o, letter]) =>
          h(
            "button",
            { type: "button", tabindex: -1, class: "small vote-option", "data-outcome": o, title: t(`outcome.${o}` as Key), onclick: () => setOutcome(o) },
            letter,
          ),
        ),
      ),
    );
    const rows: HTMLElement[] = [...partyRows.map((r) => r.row), outcomeRow];
    const move = (to: number) => {
      rows.forEach((r) => (r.tabIndex = -1));
      const row = rows[Math.max(0, Math.min(rows.length - 1, to))];
      row.tabIndex = 0;
      row.focus();
    };
    const refresh = (i: number) => {
      partyRows[i].shown.textContent = choiceText(choices[i][1]);
      partyRows[i].row.dataset.option = choices[i][1] ?? "";
    };
    function choose(i: number, o: VoteOption | null) {
      choices[i][1] = o;
      refresh(i);
    }
    function setOutcome(o: Outcome | null) {
      outcome = o;
      outcomeShown.textContent = outcomeText();
      outcomeRow.dataset.outcome = o ?? "";
    }
    choices.forEach((_, i) => refresh(i));

    const close = () => {
      form.remove();
      focusRow(page.querySelector<HTMLElement>(`#agenda .agenda-motion[data-id='${motion.id}']`));
    };
    const save = async () => {
      note.classList.remove("error");
      const text = partyVotesText(choices);
      if (text === "" && outcome === null) {
        note.classList.add("error");
        note.textContent = t("meetings.vote.nothing");
        return;
      }
      try {
        await ipc.recordVote(motion.id, {
          date: detail.meeting.date,
          meetingId: detail.meeting.id,
          unanimous: false,
          partyVotes: text || undefined,
          outcome: outcome ?? undefined,
        });
        status = { text: t("meetings.vote.saved", { title: motion.title }), error: false };
        pendingFocus = { kind: "row", key: `motion:${motion.id}` };
        await open(detail.meeting.id);
      } catch (err) {
        showError(note, err);
      }
    };
    const form = h(
      "form",
      { class: "vote-grid", id: "vote-grid", "data-id": motion.id },
      h("h4", {}, t("meetings.vote", { title: motion.number ? `${motion.number} ${motion.title}` : motion.title })),
      h("p", { class: "keys-line muted" }, t("meetings.vote.keys"), " · ", t("meetings.vote.outcome.keys")),
      h(
        "div",
        { class: "vote-parties" },
        rows.flatMap((r, i) =>
          i === council && i > 0 && i < partyRows.length
            ? [h("p", { class: "vote-others muted", id: "vote-grid-others" }, t("meetings.vote.others")), r]
            : [r],
        ),
      ),
      h(
        "div",
        { class: "buttons" },
        h("button", { type: "submit", class: "primary", id: "vote-grid-save" }, t("meetings.vote.save")),
        h("button", { type: "button", id: "vote-grid-close", onclick: close }, t("meetings.vote.close")),
        note,
      ),
    );
    form.addEventListener("keydown", (e) => {
      const target = e.target as HTMLElement;
      const at = rows.indexOf(target);
      if (at < 0) {
        if (e.key === "Escape") {
          e.preventDefault();
          close();
        }
        return;
      }
      const action = target === outcomeRow ? outcomeAction(e) : voteAction(e);
      if (action === null) return;
      e.preventDefault();
      e.stopPropagation();
      switch (action.kind) {
        case "set":
          choose(at, action.option);
          move(at + 1);
          break;
        case "outcome":
          setOutcome(action.outcome);
          break;
        case "clear":
          if (target === outcomeRow) setOutcome(null);
          else choose(at, null);
          break;
        case "next":
          move(at + 1);
          break;
        case "previous":
          move(at - 1);
          break;
        case "first":
          move(0);
          break;
        case "last":
          move(rows.length - 1);
          break;
        case "save":
          void save();
          break;
        case "close":
          close();
          break;
      }
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void save();
    });
    li.append(form);
    move(0);
  }

  function setStatus(text: string, error: boolean) {
    status = { text, error };
    const line = document.getElementById("meeting-message");
    if (line) {
      line.textContent = text;
      line.classList.toggle("error", error);
    }
  }

  /** The undo button says what it would take back (and is off when there is nothing). */
  async function refreshUndo() {
    const button = document.getElementById("undo") as HTMLButtonElement | null;
    const next = document.getElementById("undo-next");
    if (!button || !next) return;
    try {
      const edit = await ipc.lastEdit();
      button.disabled = edit === null;
      button.title = edit ? t("undo.button.what", { what: editText(edit) }) : t("undo.button.none");
      next.textContent = edit ? editText(edit) : "";
    } catch {
      button.disabled = false;
      next.textContent = "";
    }
  }

  async function undo() {
    if (undoBusy || openId === null) return;
    undoBusy = true;
    const meetingId = openId;
    try {
      const edit = await ipc.undoLast();
      status = { text: t("undo.done", { what: editText(edit) }), error: false };
      if (edit.action === "meeting-added" && edit.targetId === meetingId) {
        await back();
        return;
      }
      pendingFocus = { kind: "entry" };
      await open(meetingId);
    } catch (err) {
      setStatus(errorText(ipc.toApiError(err)), true);
    } finally {
      undoBusy = false;
    }
  }

  function keysHelp() {
    return h(
      "div",
      { class: "keys-help card", id: "keys-help", hidden: !helpOpen },
      h("h4", {}, t("meetings.keys.title")),
      h(
        "ul",
        {},
        (["meetings.keys.entry", "meetings.keys.agenda", "meetings.keys.vote", "meetings.keys.undo"] as Key[]).map((k) =>
          h("li", {}, t(k)),
        ),
      ),
    );
  }

  function toggleHelp() {
    helpOpen = !helpOpen;
    const help = document.getElementById("keys-help");
    if (help) help.hidden = !helpOpen;
    document.getElementById("keys-toggle")?.setAttribute("aria-expanded", String(helpOpen));
  }

  document.addEventListener("keydown", (e) => {
    if (el.hidden || page.hidden || openId === null) return;
    const action = pageAction(e, document.activeElement);
    if (action === "undo") {
      e.preventDefault();
      void undo();
    } else if (action === "help") {
      e.preventDefault();
      toggleHelp();
    }
  });

  function attachForm(detail: MeetingDetailView) {
    const item = h("select", { id: "attach-item" }, itemOptions(detail, null));
    const docId = h("input", { type: "text", id: "attach-id", inputmode: "numeric", size: 6 });
    const query = h("input", { type: "search", id: "attach-search", autocomplete: "off" });
    const results = h("ul", { class: "pick-results", id: "attach-results" });
    const note = message();
    let searchToken = 0;
    query.addEventListener("input", async () => {
      const token = ++searchToken;
      const text = query.value.trim();
      if (text === "") {
        replace(results);
        return;
      }
      try {
        const answer = await ipc.search({ query: text, kinds: [], parties: [], sort: "relevance", limit: 8 });
        if (token !== searchToken) return;
        replace(
          results,
          answer.hits.map((hit) =>
            h(
              "li",
              { class: "pick", "data-id": hit.id },
              h(
                "button",
                {
                  type: "button",
                  class: "small pick-document",
                  onclick: () => {
                    docId.value = String(hit.id);
                    docId.focus();
                  },
                },
                t("meetings.attach.pick"),
              ),
              h("span", { class: `kind kind-${hit.kind}` }, kindLabel(hit.kind)),
              h("span", { class: "pick-title" }, `#${hit.id} ${hit.title}`),
              hit.date ? h("span", { class: "muted" }, formatDate(hit.date)) : null,
            ),
          ),
        );
      } catch (err) {
        if (token === searchToken) showError(note, err);
      }
    });
    const form = h(
      "form",
      { class: "card", id: "attach-form" },
      h("h3", {}, t("meetings.attach")),
      h(
        "div",
        { class: "form-grid" },
        labelled("meetings.attach.item", item),
        labelled("meetings.attach.id", docId),
        labelled("meetings.attach.search", query),
      ),
      results,
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", id: "attach-save" }, t("meetings.attach.save")), note),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      note.classList.remove("error");
      const id = parseDocumentId(docId.value);
      if (id === null || item.value === "") {
        note.classList.add("error");
        note.textContent = t("meetings.attach.badId");
        return;
      }
      try {
        await ipc.attachDocument(Number(item.value), id);
        await open(detail.meeting.id);
      } catch (err) {
        showError(note, err);
      }
    });
    return form;
  }

  function renderPage(detail: MeetingDetailView) {
    const m = detail.meeting;
    const agendaBox = h(
      "div",
      { id: "agenda" },
      detail.agenda.length === 0 ? h("p", { class: "muted" }, t("meetings.agenda.empty")) : agendaList(detail.agenda),
    );
    agendaBox.addEventListener("keydown", (e) => onAgendaKey(detail, e));
    const report = h("pre", { class: "report", id: "meeting-report", hidden: true });
    replace(
      page,
      h(
        "article",
        { class: "meeting-page", "data-id": m.id },
        h(
          "button",
          { type: "button", class: "link", id: "meeting-back", onclick: () => void back() },
          "← ",
          t("meetings.back"),
        ),
        h("h2", { id: "meeting-heading" }, m.title ?? m.body),
        h(
          "p",
          { class: "muted", id: "meeting-meta" },
          meetingLine(m),
          m.location ? ` · ${m.location}` : "",
          ` · ${meetingStatusLabel(m.status)}`,
        ),
        detail.documents.length > 0
          ? h(
              "ul",
              { class: "agenda-docs meeting-docs", "aria-label": t("meetings.documents") },
              detail.documents.map((d) =>
                h(
                  "li",
                  { class: "agenda-doc", "data-id": d.id },
                  h("button", { type: "button", class: "link", onclick: () => shell.openDocument(d.id, []) }, d.title),
                  d.date ? h("span", { class: "muted" }, ` · ${formatDate(d.date)}`) : null,
                ),
              ),
            )
          : null,
        h("h3", {}, t("meetings.agenda")),
        agendaBox,
        entryForm(detail),
        h(
          "div",
          { class: "buttons undo-row" },
          h("button", { type: "button", id: "undo", disabled: true, onclick: () => void undo() }, t("undo.button")),
          h("span", { class: "muted undo-next", id: "undo-next" }),
        ),
        h(
          "p",
          { class: "form-message", id: "meeting-message", "aria-live": "polite" },
          status?.text ?? "",
        ),
        h(
          "p",
          { class: "keys-line muted", id: "keys-line" },
          t("meetings.keys"),
          " ",
          h(
            "button",
            { type: "button", class: "link", id: "keys-toggle", "aria-expanded": String(helpOpen), onclick: toggleHelp },
            t("meetings.keys.show"),
          ),
        ),
        keysHelp(),
        h(
          "div",
          { class: "buttons" },
          h(
            "button",
            {
              type: "button",
              id: "meeting-report-show",
              onclick: async () => {
                try {
                  report.textContent = await ipc.meetingReport(m.id);
                } catch (err) {
                  report.textContent = errorText(ipc.toApiError(err));
                }
                report.hidden = false;
              },
            },
            t("meetings.report"),
          ),
          m.status !== "cancelled"
            ? h(
                "button",
                {
                  type: "button",
                  id: "meeting-cancel",
                  onclick: async () => {
                    await ipc.cancelMeeting(m.id).catch(() => undefined);
                    await open(m.id);
                  },
                },
                t("meetings.cancel"),
              )
            : null,
        ),
        report,
        detail.agenda.length > 0 ? attachForm(detail) : null,
      ),
    );
  }

  async function open(id: number) {
    openId = id;
    try {
      const detail = await ipc.meeting(id);
      if (openId !== id) return;
      listPart.hidden = true;
      page.hidden = false;
      renderPage(detail);
      document.getElementById("meeting-message")?.classList.toggle("error", status?.error === true);
      const rows = agendaRows();
      if (rows.length > 0) rows[0].tabIndex = 0;
      const focus = pendingFocus;
      pendingFocus = null;
      if (focus?.kind === "entry") document.getElementById("item-title")?.focus();
      else if (focus?.kind === "row") focusRow(rows.find((r) => r.dataset.focus === focus.key));
      void refreshUndo();
    } catch (e) {
      replace(page, errorState(ipc.toApiError(e), () => void open(id)));
      page.hidden = false;
    }
  }

  async function back() {
    openId = null;
    entryDepth = 0;
    status = null;
    page.hidden = true;
    listPart.hidden = false;
    await refreshList();
  }

  async function refreshList() {
    if (list.childElementCount === 0) replace(list, loadingState());
    try {
      renderList(await ipc.meetings());
    } catch (e) {
      replace(list, errorState(ipc.toApiError(e), () => void refreshList()));
    }
  }

  renderAddForm();

  return {
    el,
    async refresh() {
      if (openId !== null) await open(openId);
      else await refreshList();
    },
  };
}
