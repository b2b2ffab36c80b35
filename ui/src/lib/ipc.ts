/**
 * The one place that talks to the Rust side. Every command returns a Promise that rejects with
 * an `ApiError` ({code, message, params}); the views never call `invoke` themselves.
 */
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { isPermissionGranted, requestPermission, sendNotification } from "@tauri-apps/plugin-notification";
import { openUrl } from "@tauri-apps/plugin-opener";

import type { AgendaItemNew } from "./bindings/AgendaItemNew";
import type { AlertHitView } from "./bindings/AlertHitView";
import type { AgendaItemView } from "./bindings/AgendaItemView";
import type { ApiError } from "./bindings/ApiError";
import type { ArchivesView } from "./bindings/ArchivesView";
import type { CouncilSettingsView } from "./bindings/CouncilSettingsView";
import type { CouncilView } from "./bindings/CouncilView";
import type { PartyView } from "./bindings/PartyView";
import type { ArchiveStats } from "./bindings/ArchiveStats";
import type { CommitmentChange } from "./bindings/CommitmentChange";
import type { CommitmentFilter } from "./bindings/CommitmentFilter";
import type { CommitmentNew } from "./bindings/CommitmentNew";
import type { CommitmentPageRequest } from "./bindings/CommitmentPageRequest";
import type { CommitmentPageView } from "./bindings/CommitmentPageView";
import type { MotionPageRequest } from "./bindings/MotionPageRequest";
import type { MotionPageView } from "./bindings/MotionPageView";
import type { TimelinePageView } from "./bindings/TimelinePageView";
import type { TimelineRequest } from "./bindings/TimelineRequest";
import type { CommitmentView } from "./bindings/CommitmentView";
import type { DocumentView } from "./bindings/DocumentView";
import type { EditView } from "./bindings/EditView";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ExportSummary } from "./bindings/ExportSummary";
import type { FileFilter } from "./bindings/FileFilter";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { ImportSummary } from "./bindings/ImportSummary";
import type { MeetingChange } from "./bindings/MeetingChange";
import type { MeetingDetailView } from "./bindings/MeetingDetailView";
import type { MeetingNew } from "./bindings/MeetingNew";
import type { MeetingRange } from "./bindings/MeetingRange";
import type { MeetingView } from "./bindings/MeetingView";
import type { MotionNew } from "./bindings/MotionNew";
import type { MotionRow } from "./bindings/MotionRow";
import type { ReindexSummary } from "./bindings/ReindexSummary";
import type { SavedSearchNew } from "./bindings/SavedSearchNew";
import type { SavedSearchView } from "./bindings/SavedSearchView";
import type { SearchQuery } from "./bindings/SearchQuery";
import type { SearchResponse } from "./bindings/SearchResponse";
import type { SourceNew } from "./bindings/SourceNew";
import type { SourceView } from "./bindings/SourceView";
import type { ConflictView } from "./bindings/ConflictView";
import type { SuggestionView } from "./bindings/SuggestionView";
import type { SyncProgressView } from "./bindings/SyncProgressView";
import type { SyncSummary } from "./bindings/SyncSummary";
import type { VoteNew } from "./bindings/VoteNew";

export type { ApiError };

/** True for the `{code, message}` errors the commands reject with. */
export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiError).code === "string" &&
    typeof (value as ApiError).message === "string"
  );
}

/** Whatever was thrown, as an ApiError (transport failures get the code `ipc`). */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return value;
  const message = value instanceof Error ? value.message : String(value);
  return { code: "ipc", message, params: { detail: message } };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export function search(request: SearchQuery): Promise<SearchResponse> {
  return call("search", { request });
}

export function getDocument(id: number): Promise<DocumentView> {
  return call("get_document", { id });
}

export function stats(): Promise<ArchiveStats> {
  return call("stats");
}

export function reindex(): Promise<ReindexSummary> {
  return call("reindex");
}

export function motions(): Promise<MotionRow[]> {
  return call("motions");
}

export function commitments(filter: CommitmentFilter): Promise<CommitmentView[]> {
  return call("commitments", { filter });
}

/** One page of the timeline: dated documents, oldest first. */
export function timeline(request: TimelineRequest): Promise<TimelinePageView> {
  return call("timeline", { request });
}

/** One page of the motions the filter keeps, in its order (both applied to all of them). */
export function motionsPage(request: MotionPageRequest): Promise<MotionPageView> {
  return call("motions_page", { request });
}

/** One page of the day's commitments the filters keep, with the day's counts per flag. */
export function commitmentsPage(request: CommitmentPageRequest): Promise<CommitmentPageView> {
  return call("commitments_page", { request });
}

export function commitment(id: number, asOf: string): Promise<CommitmentView> {
  return call("commitment", { id, asOf });
}

export function evidenceSuggestions(id: number): Promise<SuggestionView[]> {
  return call("evidence_suggestions", { id });
}

export function updateCommitment(id: number, change: CommitmentChange): Promise<void> {
  return call("update_commitment", { id, change });
}

export function addCommitment(commitment: CommitmentNew): Promise<number> {
  return call("add_commitment", { commitment });
}

export function exportTo(request: ExportRequest): Promise<ExportSummary> {
  return call("export", { request });
}

/**
 * The system's save dialog, run by the app (which then lets the export write that file and no
 * other); null when the user cancels.
 */
export function pickSavePath(title: string, fileName: string, filters: FileFilter[]): Promise<string | null> {
  return call("pick_export", { title, fileName, filters });
}

/** A desktop notification, when the system allows it (asks once); false when it cannot. */
export async function notify(title: string, body: string): Promise<boolean> {
  try {
    let granted = await isPermissionGranted();
    if (!granted) granted = (await requestPermission()) === "granted";
    if (granted) sendNotification({ title, body });
    return granted;
  } catch {
    return false;
  }
}

/** Imports files and folders; `onProgress` hears of each file as it is done. */
export function importPaths(
  paths: string[],
  onProgress: (event: ImportProgress) => void,
): Promise<ImportSummary> {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return call("import_paths", { paths, onProgress: channel });
}

/**
 * The system's open dialog, run by the app (which then lets the import read what was chosen and
 * nothing else); an empty list when the user cancels.
 */
export function pickPaths(folder: boolean, title: string): Promise<string[]> {
  return call("pick_import", { folder, title });
}

/** Opens a link in the system browser (only web and mail links). */
export async function openExternal(url: string): Promise<void> {
  if (!/^(https?:|mailto:)/i.test(url)) return;
  try {
    await openUrl(url);
  } catch (e) {
    throw toApiError(e);
  }
}

export type DropEvent =
  | { type: "over" }
  | { type: "leave" }
  | { type: "drop"; paths: string[] };

/**
 * Files dragged onto the window. The paths of a drop come from the app's own event, sent once it
 * has granted them (the webview's drag events only move the overlay).
 */
export async function onFileDrop(handler: (event: DropEvent) => void): Promise<() => void> {
  const stopDragging = await getCurrentWebview().onDragDropEvent((event) => {
    const type = event.payload.type;
    if (type === "enter" || type === "over") handler({ type: "over" });
    else handler({ type: "leave" });
  });
  const stopDrops = await listen<string[]>("raadsvolger://dropped", (event) =>
    handler({ type: "drop", paths: event.payload }),
  );
  return () => {
    stopDragging();
    stopDrops();
  };
}

// The council register.

export function meetings(range: MeetingRange = {}): Promise<MeetingView[]> {
  return call("meetings", { range });
}

export function meeting(id: number): Promise<MeetingDetailView> {
  return call("meeting", { id });
}

export function addMeeting(meeting: MeetingNew): Promise<MeetingView> {
  return call("add_meeting", { meeting });
}

export function editMeeting(id: number, change: MeetingChange): Promise<MeetingView> {
  return call("edit_meeting", { id, change });
}

export function cancelMeeting(id: number): Promise<MeetingView> {
  return call("cancel_meeting", { id });
}

export function moveAgendaItem(id: number, position: number): Promise<void> {
  return call("move_agenda_item", { id, position });
}

export function deleteAgendaItem(id: number): Promise<void> {
  return call("delete_agenda_item", { id });
}

export function addAgendaItem(item: AgendaItemNew): Promise<AgendaItemView> {
  return call("add_agenda_item", { item });
}

export function attachDocument(item: number, document: number, role?: string): Promise<void> {
  return call("attach_document", { item, document, role: role ?? null });
}

export function addMotion(motion: MotionNew): Promise<MotionRow> {
  return call("add_motion", { motion });
}

export function recordVote(id: number, vote: VoteNew): Promise<MotionRow> {
  return call("record_vote", { id, vote });
}

/** The edit of the register that undo would take back now; null when there is none. */
export function lastEdit(): Promise<EditView | null> {
  return call("last_edit", {});
}

/** Undoes the last edit of the register; resolves with what it was. */
export function undoLast(): Promise<EditView> {
  return call("undo_last", {});
}

export function meetingReport(id: number): Promise<string> {
  return call("meeting_report", { id });
}

// Sources: the registers the council publishes through.

export function sources(): Promise<SourceView[]> {
  return call("sources");
}

export function addSource(source: SourceNew): Promise<SourceView> {
  return call("add_source", { source });
}

/** Where a register says otherwise than a correction made here. */
export function registerConflicts(): Promise<ConflictView[]> {
  return call("register_conflicts");
}

export function keepCorrection(id: number): Promise<void> {
  return call("keep_correction", { id });
}

export function takeRegisterValue(id: number): Promise<void> {
  return call("take_register_value", { id });
}

export function removeSource(id: number): Promise<void> {
  return call("remove_source", { id });
}

/** Gives a source's failed downloads their tries back; how many. */
export function retryDownloads(id: number): Promise<number> {
  return call("retry_downloads", { id });
}

/** Syncs a source in the background; `onProgress` hears where it is. */
export function syncSource(id: number, onProgress: (event: SyncProgressView) => void): Promise<SyncSummary> {
  const channel = new Channel<SyncProgressView>();
  channel.onmessage = onProgress;
  return call("sync_source", { id, onProgress: channel });
}

/** Asks a running sync to stop; false when none runs. */
export function cancelSync(id: number): Promise<boolean> {
  return call("cancel_sync", { id });
}

// Saved searches: new documents that match one are flagged.

export function savedSearches(): Promise<SavedSearchView[]> {
  return call("saved_searches");
}

export function saveSearch(search: SavedSearchNew): Promise<SavedSearchView> {
  return call("save_search", { search });
}

export function deleteSavedSearch(id: number): Promise<void> {
  return call("delete_saved_search", { id });
}

export function alertHits(id: number, onlyNew: boolean): Promise<AlertHitView[]> {
  return call("alert_hits", { id, onlyNew });
}

export function markSeen(id: number): Promise<SavedSearchView> {
  return call("mark_seen", { id });
}

// First run and archives side by side.

/** The councils Raadsvolger can set up in one step, those whose name holds `search`. */
export function councils(search = ""): Promise<CouncilView[]> {
  return call("councils", { search });
}

/** The archives kept side by side, and which one is open. */
export function archives(): Promise<ArchivesView> {
  return call("archives", {});
}

/** Opens another archive folder in the window (created when new) and remembers it. */
export function openArchive(path: string, name?: string): Promise<ArchivesView> {
  return call("open_archive", { path, name });
}

/** Opens the example dossier in its own archive folder. */
export function openExample(): Promise<ArchivesView> {
  return call("open_example", {});
}

/** Takes a folder off the list (the folder itself stays). */
export function forgetArchive(path: string): Promise<ArchivesView> {
  return call("forget_archive", { path });
}

/** The system's folder dialog for one archive folder, run by the app; null when the user cancels. */
export function pickFolder(title: string): Promise<string | null> {
  return call("pick_folder", { title });
}

// The council's settings and parties.

export function councilSettings(): Promise<CouncilSettingsView> {
  return call("council_settings", {});
}

export function setCouncilSettings(settings: CouncilSettingsView): Promise<CouncilSettingsView> {
  return call("set_council_settings", { settings });
}

export function parties(): Promise<PartyView[]> {
  return call("parties", {});
}

/** The council's parties on a day (YYYY-MM-DD): those sitting then and those that voted in
 * the term before; every party when the archive knows neither. */
export function partiesAt(date: string): Promise<PartyView[]> {
  return call("parties_at", { date });
}

export function setParty(name: string, abbreviation: string | undefined, aliases: string[]): Promise<PartyView> {
  return call("set_party", { name, abbreviation, aliases });
}

/** Adds a council to the user's own councils table (the first run offers it from then on). */
export function addCouncil(council: CouncilView): Promise<CouncilView[]> {
  return call("add_council", { council });
}
