import type { AgendaItemView } from "../lib/bindings/AgendaItemView";
import type { MeetingDetailView } from "../lib/bindings/MeetingDetailView";
import type { MeetingView } from "../lib/bindings/MeetingView";
import type { MotionRefView } from "../lib/bindings/MotionRefView";
import { isoDay } from "../lib/commitments";
import { h, replace } from "../lib/dom";
import { formatDate } from "../lib/format";
import { t, type Key } from "../lib/i18n";
import * as ipc from "../lib/ipc";
import { emptyState, errorState, loadingState } from "../lib/states";
import { flattenAgenda, itemLabel, parseDocumentId } from "../lib/register";
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

export function createMeetingsView(shell: Shell): MeetingsView {
  let openId: number | null = null;

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
                h("button", { type: "button", class: "link open-meeting", onclick: () => void open(m.id) }, m.title ?? m.body),
                m.status !== "planned" ? h("span", { class: "muted" }, ` (${m.statusLabel})`) : null,
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
      { class: "agenda-motion", "data-id": m.id },
      h("span", { class: `kind kind-${m.kind}` }, m.kindLabel),
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
            { class: "agenda-head" },
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

  function itemForm(detail: MeetingDetailView) {
    const number = h("input", { type: "text", id: "item-number", size: 4 });
    const title = h("input", { type: "text", id: "item-title", required: true });
    const parent = h("select", { id: "item-parent" }, itemOptions(detail, "meetings.item.parent.none"));
    const note = message();
    const form = h(
      "form",
      { class: "card", id: "item-form" },
      h("h3", {}, t("meetings.item.add")),
      h(
        "div",
        { class: "form-grid" },
        labelled("meetings.item.number", number),
        labelled("meetings.item.title", title),
        labelled("meetings.item.parent", parent),
      ),
      h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", id: "item-save" }, t("meetings.item.save")), note),
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      note.classList.remove("error");
      try {
        const parentId = parent.value ? Number(parent.value) : undefined;
        await ipc.addAgendaItem({
          meetingId: detail.meeting.id,
          title: title.value,
          number: number.value || undefined,
          parentId,
        });
        await open(detail.meeting.id);
        document.getElementById("item-title")?.focus();
      } catch (err) {
        showError(note, err);
      }
    });
    return form;
  }

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
              h("span", { class: `kind kind-${hit.kind}` }, hit.kindLabel),
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
          ` · ${m.statusLabel}`,
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
        h(
          "div",
          { id: "agenda" },
          detail.agenda.length === 0 ? h("p", { class: "muted" }, t("meetings.agenda.empty")) : agendaList(detail.agenda),
        ),
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
        itemForm(detail),
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
    } catch (e) {
      replace(page, errorState(ipc.toApiError(e), () => void open(id)));
      page.hidden = false;
    }
  }

  async function back() {
    openId = null;
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
