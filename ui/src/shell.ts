/** What the views may ask of the window around them. */
export type ViewName =
  | "search"
  | "document"
  | "commitments"
  | "motions"
  | "meetings"
  | "timeline"
  | "sources"
  | "alerts"
  | "import"
  | "export"
  | "settings";

export interface Shell {
  showView(name: ViewName): void;
  openDocument(id: number, words: string[]): void;
  backToSearch(): void;
  /** Documents in the archive; null while unknown. */
  documentCount(): number | null;
  /** The first-run card for an empty archive: choose the council, or the example dossier. */
  emptyArchive(): HTMLElement;
  /** Call after the archive changed (import, example dossier): refreshes counts and views. */
  archiveChanged(): Promise<void>;
  /** Call after saved searches changed (saved, seen, deleted): refreshes the "new" badge. */
  alertsChanged(): Promise<void>;
  /** Shows the search view searching for `text`. */
  searchFor(text: string): void;
}
