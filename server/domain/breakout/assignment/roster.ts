import type { AssignablePerson } from "./types.js";

/** People by index, in input order: every later step works on small integers, not ids. */
export interface Roster {
  ids: string[];
  isLead: boolean[];
  /** each person's groupByTag value; null without grouping, without the tag, or with an empty one */
  value: Array<string | null>;
  indexOf: Map<string, number>;
}

export function addPerson(roster: Roster, id: string, lead: boolean, value: string | null): number {
  const index = roster.ids.length;
  roster.indexOf.set(id, index);
  roster.ids.push(id);
  roster.isLead.push(lead);
  roster.value.push(value);
  return index;
}

/** Step 2. A repeated participantId is the same person: the first entry wins. */
export function indexPeople(people: readonly AssignablePerson[], groupTag: string | undefined): Roster {
  const roster: Roster = { ids: [], isLead: [], value: [], indexOf: new Map() };
  for (let i = 0; i < people.length; i++) {
    const person = people[i]!;
    if (roster.indexOf.has(person.participantId)) continue;
    const tagValue = groupTag === undefined ? undefined : person.tags[groupTag];
    addPerson(roster, person.participantId, person.isLead, tagValue ? tagValue : null);
  }
  return roster;
}
