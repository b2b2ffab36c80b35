import { describe, expect, it } from "vitest";
import { agendaItem as item } from "./agenda.fixture";
import { setLocale } from "./i18n";
import {
  agendaAction,
  editText,
  entryAction,
  entryPlace,
  isEditingText,
  nextNumber,
  outcomeAction,
  pageAction,
  partyVotesText,
  step,
  voteAction,
} from "./keyboard";

function input(value: string, type = "text"): HTMLInputElement {
  const el = document.createElement("input");
  el.type = type;
  el.value = value;
  return el;
}

describe("the page's keys", () => {
  it("undoes with Ctrl+Z or ⌘Z unless a text field is being edited", () => {
    const empty = input("");
    const typed = input("Rondvraag");
    expect(pageAction({ key: "z", ctrlKey: true }, document.body)).toBe("undo");
    expect(pageAction({ key: "Z", metaKey: true }, empty)).toBe("undo");
    expect(pageAction({ key: "z", ctrlKey: true }, typed)).toBeNull();
    expect(pageAction({ key: "z", ctrlKey: true, shiftKey: true }, document.body)).toBeNull();
    expect(pageAction({ key: "z" }, document.body)).toBeNull();
    const area = document.createElement("textarea");
    area.value = "een notitie";
    expect(pageAction({ key: "z", ctrlKey: true }, area)).toBeNull();
    expect(pageAction({ key: "z", ctrlKey: true }, input("x", "checkbox"))).toBe("undo");
  });

  it("shows the shortcuts with ? except while typing", () => {
    expect(pageAction({ key: "?", shiftKey: true }, document.body)).toBe("help");
    expect(pageAction({ key: "?", shiftKey: true }, input(""))).toBeNull();
    const row = document.createElement("div");
    row.tabIndex = 0;
    expect(pageAction({ key: "?" }, row)).toBe("help");
  });

  it("tells a field being edited from an empty one", () => {
    expect(isEditingText(null)).toBe(false);
    expect(isEditingText(input(""))).toBe(false);
    expect(isEditingText(input("2a"))).toBe(true);
    expect(isEditingText(input("zoek", "search"))).toBe(true);
    expect(isEditingText(document.createElement("button"))).toBe(false);
  });
});

describe("typing the agenda", () => {
  it("saves with Enter, nests with Alt+arrows, empties with Esc", () => {
    expect(entryAction({ key: "Enter" })).toBe("save");
    expect(entryAction({ key: "Enter", shiftKey: true })).toBeNull();
    expect(entryAction({ key: "ArrowRight", altKey: true })).toBe("indent");
    expect(entryAction({ key: "ArrowLeft", altKey: true })).toBe("outdent");
    expect(entryAction({ key: "ArrowRight" })).toBeNull();
    expect(entryAction({ key: "Escape" })).toBe("clear");
    expect(entryAction({ key: "Enter", ctrlKey: true })).toBeNull();
    expect(entryAction({ key: "Tab" })).toBeNull();
    expect(entryAction({ key: "ArrowUp" }, true)).toBe("agenda");
    expect(entryAction({ key: "ArrowUp" }, false)).toBeNull();
    expect(entryAction({ key: "ArrowUp", altKey: true }, true)).toBeNull();
  });

  it("puts a new row after the last item, at most one level below it", () => {
    expect(entryPlace([], 0)).toEqual({ depth: 0, maxDepth: 0, parent: null, previous: null });
    expect(entryPlace([], 1).depth).toBe(0);
    const one = item(1, "1", "Opening");
    const twoA = item(3, "2a", "Moties");
    const two = item(2, "2", "Speelplekken", [twoA]);
    const agenda = [one, two];
    const top = entryPlace(agenda, 0);
    expect(top.parent).toBeNull();
    expect(top.previous?.id).toBe(2);
    expect(top.maxDepth).toBe(2);
    const under = entryPlace(agenda, 1);
    expect(under.parent?.id).toBe(2);
    expect(under.previous?.id).toBe(3);
    const deeper = entryPlace(agenda, 2);
    expect(deeper.parent?.id).toBe(3);
    expect(deeper.previous).toBeNull();
    expect(entryPlace(agenda, 5).depth).toBe(2);
    expect(entryPlace(agenda, -1).depth).toBe(0);
    // Under item 1, the first sub-item: nothing after it yet.
    expect(entryPlace([one], 1)).toEqual({ depth: 1, maxDepth: 1, parent: one, previous: null });
  });

  it("suggests the next number as agendas write them", () => {
    expect(nextNumber(null, null)).toBe("1");
    expect(nextNumber("1", null)).toBe("2");
    expect(nextNumber("9", null)).toBe("10");
    expect(nextNumber("8a", null)).toBe("8b");
    expect(nextNumber("3.1", null)).toBe("3.2");
    expect(nextNumber("4.", null)).toBe("5.");
    expect(nextNumber("2z", null)).toBe("");
    expect(nextNumber("Opening", null)).toBe("");
    expect(nextNumber(null, "2")).toBe("2a");
    expect(nextNumber(null, "2a")).toBe("2a.1");
    expect(nextNumber(null, "")).toBe("");
    expect(nextNumber("", "7")).toBe("7a");
  });
});

describe("moving through the agenda", () => {
  it("moves with arrows or J/K and acts on the row it is on", () => {
    expect(agendaAction({ key: "ArrowDown" }, "item")).toBe("next");
    expect(agendaAction({ key: "k" }, "motion")).toBe("previous");
    expect(agendaAction({ key: "End" }, "item")).toBe("last");
    expect(agendaAction({ key: "m" }, "item")).toBe("motion");
    expect(agendaAction({ key: "m" }, "motion")).toBeNull();
    expect(agendaAction({ key: "s" }, "motion")).toBe("vote");
    expect(agendaAction({ key: "Enter" }, "motion")).toBe("vote");
    expect(agendaAction({ key: "s" }, "item")).toBeNull();
    expect(agendaAction({ key: "n" }, "item")).toBe("entry");
    expect(agendaAction({ key: "ArrowRight", altKey: true }, "item")).toBeNull();
  });

  it("moves and removes a saved item, not a motion", () => {
    expect(agendaAction({ key: "ArrowUp", altKey: true }, "item")).toBe("move-up");
    expect(agendaAction({ key: "ArrowDown", altKey: true }, "item")).toBe("move-down");
    expect(agendaAction({ key: "ArrowDown", altKey: true }, "motion")).toBeNull();
    expect(agendaAction({ key: "ArrowDown", altKey: true, shiftKey: true }, "item")).toBeNull();
    expect(agendaAction({ key: "Delete" }, "item")).toBe("delete");
    expect(agendaAction({ key: "Delete" }, "motion")).toBeNull();
    expect(agendaAction({ key: "Delete", ctrlKey: true }, "item")).toBeNull();
  });
});

describe("the vote per party", () => {
  it("reads V, T, O, A and the moving keys", () => {
    expect(voteAction({ key: "v" })).toEqual({ kind: "set", option: "voor" });
    expect(voteAction({ key: "T" })).toEqual({ kind: "set", option: "tegen" });
    expect(voteAction({ key: "o" })).toEqual({ kind: "set", option: "onthouden" });
    expect(voteAction({ key: "a" })).toEqual({ kind: "set", option: "afwezig" });
    expect(voteAction({ key: "Backspace" })).toEqual({ kind: "clear" });
    expect(voteAction({ key: "ArrowDown" })).toEqual({ kind: "next" });
    expect(voteAction({ key: "ArrowUp" })).toEqual({ kind: "previous" });
    expect(voteAction({ key: "Home" })).toEqual({ kind: "first" });
    expect(voteAction({ key: "End" })).toEqual({ kind: "last" });
    expect(voteAction({ key: "Enter" })).toEqual({ kind: "save" });
    expect(voteAction({ key: "Escape" })).toEqual({ kind: "close" });
    expect(voteAction({ key: "v", ctrlKey: true })).toBeNull();
    expect(voteAction({ key: "x" })).toBeNull();
  });

  it("reads the outcome row's own keys", () => {
    expect(outcomeAction({ key: "a" })).toEqual({ kind: "outcome", outcome: "aangenomen" });
    expect(outcomeAction({ key: "V" })).toEqual({ kind: "outcome", outcome: "verworpen" });
    expect(outcomeAction({ key: "i" })).toEqual({ kind: "outcome", outcome: "ingetrokken" });
    expect(outcomeAction({ key: "h" })).toEqual({ kind: "outcome", outcome: "aangehouden" });
    expect(outcomeAction({ key: "t" })).toBeNull();
    expect(outcomeAction({ key: "Backspace" })).toEqual({ kind: "clear" });
    expect(outcomeAction({ key: "ArrowUp" })).toEqual({ kind: "previous" });
    expect(outcomeAction({ key: "Enter" })).toEqual({ kind: "save" });
    expect(outcomeAction({ key: "a", ctrlKey: true })).toBeNull();
  });

  it("writes the choices the way a clerk types them", () => {
    const choices = [
      ["CU", "voor"],
      ["PVV", "tegen"],
      ["Volt", "voor"],
      ["D66", null],
      ["SP", "onthouden"],
    ] as const;
    expect(partyVotesText(choices)).toBe("voor: CU, Volt; tegen: PVV; onthouden: SP");
    expect(partyVotesText([["CU", null]])).toBe("");
  });

  it("moves between rows without wrapping", () => {
    expect(step(0, 3, 1)).toBe(1);
    expect(step(2, 3, 1)).toBe(2);
    expect(step(0, 3, -1)).toBe(0);
  });
});

describe("what was undone", () => {
  it("says it in the window's language", () => {
    setLocale("nl");
    expect(editText({ action: "agenda-item-added", subject: "Rondvraag" })).toBe("agendapunt ‘Rondvraag’ toegevoegd");
    expect(editText({ action: "vote-recorded", subject: "Motie Bankjes" })).toBe("stemming over ‘Motie Bankjes’ vastgelegd");
    expect(editText({ action: "iets-nieuws", subject: "X" })).toBe("wijziging van ‘X’");
    setLocale("en");
    expect(editText({ action: "agenda-item-added", subject: "Rondvraag" })).toBe("agenda item ‘Rondvraag’ added");
    setLocale("nl");
  });
});
