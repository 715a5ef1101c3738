import { signal } from "@preact/signals";

/**
 * What this person chose at each content note in this tab: to see the content, or to skip it.
 * Kept in memory only and never sent: whether someone read or skipped something hard is nobody
 * else's to know, not even this device's after the tab is closed.
 */
export type ContentNoteChoice = "shown" | "skipped";

const choices = signal<ReadonlyMap<string, ContentNoteChoice>>(new Map());

/** The choice made at the content note of `contentKey` (e.g. `poll:<id>`), or null: not yet. */
export function contentNoteChoice(contentKey: string): ContentNoteChoice | null {
  return choices.value.get(contentKey) ?? null;
}

export function chooseAtContentNote(contentKey: string, choice: ContentNoteChoice): void {
  choices.value = new Map(choices.value).set(contentKey, choice);
}
