/**
 * Breakout-room assignment: pure rules, no I/O, no clock, and randomness passed in so that a
 * seed reproduces a plan exactly.
 *
 * Priorities when wishes collide, strongest first: capacity (a hard limit), keepTogether (a
 * survivor and the ally she named), keepApart (safety), groupByTag (language), leadPerRoom,
 * balance. Whatever gives way is reported in `unmet`; the report is computed from the final
 * placement, so a broken wish cannot go unreported whichever step broke it.
 *
 * Cost: O(log rooms) to seat one person free to go anywhere (the common case), O(rooms) for
 * anyone else, O(people + pairs) for the rest; no step is quadratic in people.
 */

export interface AssignablePerson {
  participantId: string;
  /** facilitators and room-lead candidates count as "leads" for the one-lead-per-room rule */
  isLead: boolean;
  /** free-form tags such as { language: "th", region: "mekong" } */
  tags: Readonly<Record<string, string>>;
}

export interface RoomSlot {
  roomId: string;
  capacity: number | null;
}

export interface AssignmentConstraints {
  /** people sharing this tag's value are placed in rooms of their own value ("every language group kept together"); people without the tag fill remaining space */
  groupByTag?: string;
  keepTogether?: ReadonlyArray<readonly [string, string]>;
  keepApart?: ReadonlyArray<readonly [string, string]>;
  /** at least one lead per room when there are enough leads; leads are spread first */
  leadPerRoom?: boolean;
}

export interface AssignmentInput {
  people: readonly AssignablePerson[];
  rooms: readonly RoomSlot[];
  constraints?: AssignmentConstraints;
  /** people already placed who must stay where they are (e.g. assigning latecomers, or people who self-selected); they count toward sizes and capacity */
  fixed?: ReadonlyMap<string, string>;
  /** uniform [0,1) — pass a seeded generator in tests */
  random: () => number;
}

export type UnmetConstraint =
  /** no seat left for these people (they stay unassigned) */
  | { kind: "capacity"; participantIds: string[] }
  | { kind: "keepTogether"; participantIds: [string, string]; reason: string }
  | { kind: "keepApart"; participantIds: [string, string]; reason: string }
  | { kind: "groupByTag"; tag: string; value: string; reason: string }
  /** rooms with people in them but no lead */
  | { kind: "leadPerRoom"; roomIds: string[] };

export interface AssignmentResult {
  /** participantId -> roomId for everyone placed (fixed people included, unchanged) */
  placement: Map<string, string>;
  unassigned: string[];
  unmet: UnmetConstraint[];
}

/** mulberry32: tiny, fast and good enough to shuffle people reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** People who must share a room: one keepTogether cluster, or one person alone. */
interface Unit {
  /** the cluster's root in the union-find, which keys its recorded trouble */
  root: number;
  /** not-yet-placed members, in pair order so that a forced split cuts as few pairs as possible */
  members: number[];
  /** room of the cluster's fixed members, or -1 */
  anchor: number;
  /** the groupByTag value the cluster goes with, or null */
  value: string | null;
  leads: number;
}

/**
 * "No limit" as a small integer rather than Infinity: seat arithmetic then stays in V8's small
 * integers, which matters on a cold first call where every double is an allocation.
 */
const UNLIMITED = 2 ** 30 - 1;

function normalizeCapacity(capacity: number | null): number {
  if (capacity === null) return UNLIMITED;
  if (Number.isNaN(capacity)) return 0;
  return Math.min(UNLIMITED, Math.max(0, Math.floor(capacity)));
}

function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const draw = random();
    // A generator that strays outside [0, 1) must not lose or duplicate anyone.
    const j = draw >= 0 && draw < 1 ? Math.floor(draw * (i + 1)) : 0;
    const item = items[i]!;
    items[i] = items[j]!;
    items[j] = item;
  }
}

/** A binary min-heap of numbers, for the least crowded room among many. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number | undefined {
    return this.items[0];
  }

  push(item: number): void {
    const items = this.items;
    let at = items.length;
    items.push(item);
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (items[up]! <= item) break;
      items[at] = items[up]!;
      at = up;
    }
    items[at] = item;
  }

  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (last === undefined || items.length === 0) return top;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]! < items[left]! ? right : left;
      if (items[child]! >= last) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
    return top;
  }
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Drops self-pairs and repeats (either order), keeping the first spelling. */
function distinctPairs(pairs: ReadonlyArray<readonly [string, string]> | undefined): Array<[string, string]> {
  const seen = new Set<string>();
  const out: Array<[string, string]> = [];
  for (const [a, b] of pairs ?? []) {
    if (a === b) continue;
    const key = pairKey(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([a, b]);
  }
  return out;
}

export function assignBalanced(input: AssignmentInput): AssignmentResult {
  const { random } = input;
  const constraints = input.constraints ?? {};
  const groupTag = constraints.groupByTag;
  const leadPerRoom = constraints.leadPerRoom === true;

  // Rooms. A repeated roomId is the same room.
  const roomIds: string[] = [];
  const capacity: number[] = [];
  const roomIndex = new Map<string, number>();
  for (const room of input.rooms) {
    if (roomIndex.has(room.roomId)) continue;
    roomIndex.set(room.roomId, roomIds.length);
    roomIds.push(room.roomId);
    capacity.push(normalizeCapacity(room.capacity));
  }
  const roomCount = roomIds.length;
  // Ties between equally good rooms go by a random rank, so the extra person lands anywhere.
  const rank = Array.from({ length: roomCount }, (_, i) => i);
  shuffleInPlace(rank, random);
  const allRooms = Array.from({ length: roomCount }, (_, i) => i);

  // People. A repeated participantId is the same person (first entry wins).
  const ids: string[] = [];
  const isLead: boolean[] = [];
  const value: Array<string | null> = [];
  const personIndex = new Map<string, number>();
  const addPerson = (id: string, lead: boolean, tagValue: string | null): number => {
    const index = ids.length;
    personIndex.set(id, index);
    ids.push(id);
    isLead.push(lead);
    value.push(tagValue);
    return index;
  };
  for (const person of input.people) {
    if (personIndex.has(person.participantId)) continue;
    const tagValue = groupTag === undefined ? undefined : person.tags[groupTag];
    addPerson(person.participantId, person.isLead, tagValue ? tagValue : null);
  }
  const peopleCount = ids.length;

  const roomOf: number[] = new Array<number>(peopleCount).fill(-1);
  const isFixed: boolean[] = new Array<boolean>(peopleCount).fill(false);
  const load: number[] = new Array<number>(roomCount).fill(0);
  const leadsIn: number[] = new Array<number>(roomCount).fill(0);
  const placement = new Map<string, string>();

  /** load × roomCount + rank: the least crowded room has the lowest, ties broken by rank. */
  const order: number[] = [...rank];
  const roomOfRank: number[] = new Array<number>(roomCount).fill(0);
  for (let room = 0; room < roomCount; room++) roomOfRank[rank[room]!] = room;
  /**
   * Every room's `order`, possibly stale: the common case, one person free to go anywhere,
   * takes the least crowded room in O(log rooms) instead of scanning them all.
   */
  let crowding: MinHeap | null = null;
  const place = (person: number, room: number): void => {
    roomOf[person] = room;
    load[room]! += 1;
    order[room]! += roomCount;
    crowding?.push(order[room]!);
    if (isLead[person]) leadsIn[room]! += 1;
    placement.set(ids[person]!, roomIds[room]!);
  };

  // Fixed people stay put, even in a room they already overfill. A fixed entry naming an
  // unknown room cannot be honoured: that person is placed like anyone else.
  for (const [participantId, roomId] of input.fixed ?? []) {
    const room = roomIndex.get(roomId);
    if (room === undefined) continue;
    let person = personIndex.get(participantId);
    if (person === undefined) {
      person = addPerson(participantId, false, null);
      roomOf.push(-1);
      isFixed.push(false);
    }
    if (isFixed[person]) continue;
    isFixed[person] = true;
    place(person, room);
  }
  const everyoneCount = ids.length;
  const spaceIn = (room: number): number => capacity[room]! - load[room]!;

  // keepTogether clusters: union-find over people, with the pair edges kept for ordering.
  const parent = Array.from({ length: everyoneCount }, (_, i) => i);
  const find = (start: number): number => {
    let node = start;
    while (parent[node] !== node) {
      const grand = parent[parent[node]!]!;
      parent[node] = grand;
      node = grand;
    }
    return node;
  };
  const togetherPairs = distinctPairs(constraints.keepTogether);
  const togetherEdges = new Map<number, number[]>();
  for (const [a, b] of togetherPairs) {
    const ia = personIndex.get(a);
    const ib = personIndex.get(b);
    if (ia === undefined || ib === undefined) continue;
    const ra = find(ia);
    const rb = find(ib);
    if (ra !== rb) parent[ra] = rb;
    for (const [from, to] of [
      [ia, ib],
      [ib, ia],
    ] as const) {
      const edges = togetherEdges.get(from);
      if (edges) edges.push(to);
      else togetherEdges.set(from, [to]);
    }
  }

  const apartPairs = distinctPairs(constraints.keepApart);
  const apartOf = new Map<number, number[]>();
  for (const [a, b] of apartPairs) {
    const ia = personIndex.get(a);
    const ib = personIndex.get(b);
    if (ia === undefined || ib === undefined) continue;
    for (const [from, to] of [
      [ia, ib],
      [ib, ia],
    ] as const) {
      const partners = apartOf.get(from);
      if (partners) partners.push(to);
      else apartOf.set(from, [to]);
    }
  }

  /** Why a cluster (by root) could not stay in one room. */
  const togetherTrouble = new Map<number, string>();
  /** Why a tag value ended up sharing rooms, where the cause is known. */
  const groupTrouble = new Map<string, string>();

  // Build units: each cluster's free members, its fixed rooms and the value it goes with.
  const componentOf = new Map<number, number[]>();
  for (let person = 0; person < everyoneCount; person++) {
    if (!togetherEdges.has(person)) continue;
    const root = find(person);
    const component = componentOf.get(root);
    if (component) component.push(person);
    else componentOf.set(root, [person]);
  }
  const units: Unit[] = [];
  const anchorOfRoot = new Map<number, number>();
  const pluralityValue = (members: readonly number[]): string | null => {
    const counts = new Map<string, number>();
    for (const member of members) {
      const memberValue = value[member];
      if (memberValue) counts.set(memberValue, (counts.get(memberValue) ?? 0) + 1);
    }
    let best: string | null = null;
    let bestCount = 0;
    for (const [candidate, count] of counts) {
      if (count > bestCount || (count === bestCount && best !== null && candidate < best)) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  };
  for (let person = 0; person < everyoneCount; person++) {
    if (isFixed[person]) continue;
    if (!togetherEdges.has(person)) {
      units.push({
        root: person,
        members: [person],
        anchor: -1,
        value: value[person] ?? null,
        leads: isLead[person] ? 1 : 0,
      });
    }
  }
  for (const [root, component] of componentOf) {
    // Breadth-first along the pairs, so that consecutive members are mostly paired.
    const ordered: number[] = [];
    const seen = new Set<number>([component[0]!]);
    const queue = [component[0]!];
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      ordered.push(node);
      for (const next of togetherEdges.get(node) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    const fixedRooms = new Map<number, number>();
    for (const member of ordered) {
      if (isFixed[member]) fixedRooms.set(roomOf[member]!, (fixedRooms.get(roomOf[member]!) ?? 0) + 1);
    }
    let anchor = -1;
    let anchorCount = 0;
    for (const [room, count] of fixedRooms) {
      if (count > anchorCount || (count === anchorCount && room < anchor)) {
        anchor = room;
        anchorCount = count;
      }
    }
    if (fixedRooms.size > 1) togetherTrouble.set(root, "some of them are fixed in different rooms");
    const unitValue = pluralityValue(ordered);
    if (groupTag !== undefined && unitValue !== null) {
      for (const member of ordered) {
        const memberValue = value[member];
        if (memberValue && memberValue !== unitValue && !groupTrouble.has(memberValue)) {
          groupTrouble.set(memberValue, `someone is kept with a keepTogether partner of ${groupTag}=${unitValue}`);
        }
      }
    }
    const members = ordered.filter((member) => !isFixed[member]);
    if (members.length === 0) continue;
    if (anchor >= 0) anchorOfRoot.set(root, anchor);
    let leads = 0;
    for (const member of members) if (isLead[member]) leads++;
    units.push({ root, members, anchor, value: unitValue, leads });
  }

  // groupByTag: give every value rooms of its own, roughly in proportion to its size.
  const roomsOfValue = new Map<string, number[]>();
  const roomSetOfValue = new Map<string, Set<number>>();
  let openRooms: number[] = allRooms;
  if (groupTag !== undefined) {
    const groupSize = new Map<string, number>();
    const fixedValuesIn = new Map<number, Map<string, number>>();
    for (let person = 0; person < everyoneCount; person++) {
      const personValue = value[person];
      if (!isFixed[person] || !personValue) continue;
      groupSize.set(personValue, (groupSize.get(personValue) ?? 0) + 1);
      const room = roomOf[person]!;
      const counts = fixedValuesIn.get(room) ?? new Map<string, number>();
      counts.set(personValue, (counts.get(personValue) ?? 0) + 1);
      fixedValuesIn.set(room, counts);
    }
    for (const unit of units) {
      if (unit.value !== null) groupSize.set(unit.value, (groupSize.get(unit.value) ?? 0) + unit.members.length);
    }
    const owner: Array<string | null> = new Array<string | null>(roomCount).fill(null);
    const seatsOfValue = new Map<string, number>();
    const claim = (room: number, owningValue: string): void => {
      owner[room] = owningValue;
      seatsOfValue.set(owningValue, (seatsOfValue.get(owningValue) ?? 0) + capacity[room]!);
      const rooms = roomsOfValue.get(owningValue);
      if (rooms) rooms.push(room);
      else roomsOfValue.set(owningValue, [room]);
    };
    const fixedTrouble = "some of them are fixed in a room of another group";
    // A room where people of a value are fixed belongs to the value with most of them there.
    for (const [room, counts] of fixedValuesIn) {
      let best = "";
      let bestCount = 0;
      for (const [candidate, count] of counts) {
        if (count > bestCount || (count === bestCount && candidate < best)) {
          best = candidate;
          bestCount = count;
        }
      }
      claim(room, best);
      for (const fixedValue of counts.keys()) {
        if (fixedValue !== best && !groupTrouble.has(fixedValue)) groupTrouble.set(fixedValue, fixedTrouble);
      }
    }
    const unclaimed = allRooms
      .filter((room) => owner[room] === null)
      .sort((a, b) => capacity[b]! - capacity[a]! || rank[a]! - rank[b]!);
    let nextRoom = 0;
    const groups = [...groupSize.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const homeless: string[] = [];
    for (const [groupValue] of groups) {
      if (roomsOfValue.has(groupValue)) continue;
      const room = unclaimed[nextRoom];
      if (room === undefined) homeless.push(groupValue);
      else {
        claim(room, groupValue);
        nextRoom++;
      }
    }
    // More rooms go to the most crowded value while its rooms are fuller than the average
    // room or cannot hold it; what is left stays open for people without the tag.
    const averageRoom = roomCount === 0 ? 0 : everyoneCount / roomCount;
    while (nextRoom < unclaimed.length) {
      let neediest: string | null = null;
      let neediestLoad = -1;
      for (const [groupValue, size] of groups) {
        const rooms = roomsOfValue.get(groupValue);
        if (!rooms) continue;
        const perRoom = size / rooms.length;
        const needsRoom = perRoom > averageRoom || (seatsOfValue.get(groupValue) ?? 0) < size;
        if (needsRoom && perRoom > neediestLoad) {
          neediest = groupValue;
          neediestLoad = perRoom;
        }
      }
      if (neediest === null) break;
      claim(unclaimed[nextRoom]!, neediest);
      nextRoom++;
    }
    openRooms = unclaimed.slice(nextRoom);
    // More values than rooms: each value left over shares the least crowded room as a whole.
    if (homeless.length > 0) {
      const projected = new Array<number>(roomCount).fill(0);
      for (const [groupValue, rooms] of roomsOfValue) {
        const share = (groupSize.get(groupValue) ?? 0) / rooms.length;
        for (const room of rooms) projected[room]! += share;
      }
      for (const groupValue of homeless) {
        let best = -1;
        for (let room = 0; room < roomCount; room++) {
          if (
            best < 0 ||
            projected[room]! < projected[best]! ||
            (projected[room] === projected[best] && rank[room]! < rank[best]!)
          ) {
            best = room;
          }
        }
        if (best < 0) break;
        projected[best]! += groupSize.get(groupValue) ?? 0;
        roomsOfValue.set(groupValue, [best]);
        groupTrouble.set(groupValue, "there are more groups than rooms");
      }
    }
    for (const [groupValue, rooms] of roomsOfValue) roomSetOfValue.set(groupValue, new Set(rooms));
  }

  /** Records why someone of `unitValue` lands outside that value's rooms, if they do. */
  const noteGroupOverflow = (unit: Unit, room: number, size: number): void => {
    if (unit.value === null || groupTrouble.has(unit.value)) return;
    if (roomSetOfValue.get(unit.value)?.has(room) ?? true) return;
    const ownRoomHadSpace = (roomsOfValue.get(unit.value) ?? []).some((own) => spaceIn(own) >= size);
    groupTrouble.set(
      unit.value,
      unit.anchor >= 0
        ? "some of them are kept with a keepTogether partner fixed in another room"
        : ownRoomHadSpace
          ? "someone was kept away from a keepApart partner"
          : "its rooms had no space left",
    );
  };

  const anywhere = [allRooms];
  const tiersOf = (unitValue: string | null): number[][] => {
    const own = unitValue === null ? undefined : roomsOfValue.get(unitValue);
    // Overflow goes first to rooms nobody's value claimed, and only then among other values.
    return own ? [own, openRooms, allRooms] : anywhere;
  };

  /** Rooms holding someone these people must be kept apart from. */
  const roomsToAvoid = (members: readonly number[]): Set<number> | null => {
    let avoid: Set<number> | null = null;
    for (const member of members) {
      for (const partner of apartOf.get(member) ?? []) {
        const room = roomOf[partner]!;
        if (room < 0) continue;
        avoid ??= new Set<number>();
        avoid.add(room);
      }
    }
    return avoid;
  };

  /**
   * The least crowded room (fewest leads first, for leads) with space for `size`. Rooms that
   * would break a keepApart are tried last, after every tier, because keepApart outranks
   * groupByTag.
   */
  /** Same answer as pickRoom([allRooms], 1, null, false), from the heap. */
  const leastCrowdedRoom = (): number => {
    const heap = crowding!;
    for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
      const room = roomOfRank[top % roomCount]!;
      if (top === order[room] && spaceIn(room) >= 1) return room;
      heap.pop();
    }
    return -1;
  };

  const pickRoom = (
    tiers: readonly (readonly number[])[],
    size: number,
    avoid: Set<number> | null,
    spreadLeads: boolean,
  ): number => {
    for (const honourApart of avoid ? [true, false] : [false]) {
      for (const tier of tiers) {
        let best = -1;
        let bestKey = Number.POSITIVE_INFINITY;
        for (let i = 0; i < tier.length; i++) {
          const room = tier[i]!;
          if (spaceIn(room) < size) continue;
          // One number orders rooms: fewer leads (when spreading leads), then fewer people, then rank.
          const key = spreadLeads ? leadsIn[room]! * (everyoneCount + 1) * roomCount + order[room]! : order[room]!;
          if (key >= bestKey) continue;
          if (honourApart && avoid?.has(room)) continue;
          best = room;
          bestKey = key;
        }
        if (best >= 0) return best;
      }
    }
    return -1;
  };

  const roomWithMostSpace = (tiers: readonly (readonly number[])[]): number => {
    for (const tier of tiers) {
      let best = -1;
      for (const room of tier) {
        if (spaceIn(room) <= 0) continue;
        if (
          best < 0 ||
          spaceIn(room) > spaceIn(best) ||
          (spaceIn(room) === spaceIn(best) && rank[room]! < rank[best]!)
        ) {
          best = room;
        }
      }
      if (best >= 0) return best;
    }
    return -1;
  };

  // Order: clusters tied to a fixed room, then leads (spread one per room), then clusters,
  // then people whose value limits their rooms, then everyone else; random within each.
  shuffleInPlace(units, random);
  // Among leads, those limited to their value's rooms go first so that leads without the tag
  // cover the rooms still lacking one.
  const orderKey = (unit: Unit): number => {
    const spreadsLead = leadPerRoom && unit.leads > 0;
    const cluster = unit.members.length > 1 ? 0 : 1;
    const unrestricted = unit.value !== null ? 0 : 1;
    return (unit.anchor >= 0 ? 0 : 8) + (spreadsLead ? 2 * unrestricted + cluster : 4 + 2 * cluster + unrestricted);
  };
  // Sixteen buckets by key keep the shuffle within each; only clusters also go largest first.
  const buckets: Unit[][] = Array.from({ length: 16 }, () => []);
  for (const unit of units) buckets[orderKey(unit)]!.push(unit);
  const placementOrder: Unit[] = [];
  for (const bucket of buckets) {
    if (bucket.length > 1 && bucket[0]!.members.length > 1) bucket.sort((a, b) => b.members.length - a.members.length);
    for (const unit of bucket) placementOrder.push(unit);
  }

  crowding = new MinHeap();
  for (let room = 0; room < roomCount; room++) crowding.push(order[room]!);

  const unassignedSet = new Set<number>();
  for (const unit of placementOrder) {
    const spreadLeads = leadPerRoom && unit.leads > 0;
    const valueTiers = tiersOf(unit.value);
    const wholeTiers = unit.anchor >= 0 ? [[unit.anchor]] : valueTiers;
    const avoid = roomsToAvoid(unit.members);
    const room =
      wholeTiers === anywhere && unit.members.length === 1 && avoid === null && !spreadLeads
        ? leastCrowdedRoom()
        : pickRoom(wholeTiers, unit.members.length, avoid, spreadLeads);
    if (room >= 0) {
      noteGroupOverflow(unit, room, unit.members.length);
      for (const member of unit.members) place(member, room);
      continue;
    }
    // The cluster does not fit in one room: fill the roomiest room, then the next.
    if (unit.members.length > 1 || unit.anchor >= 0) {
      togetherTrouble.set(
        unit.root,
        unit.anchor >= 0
          ? `room ${roomIds[unit.anchor]}, where part of the group is fixed, has no space for the rest`
          : `the ${unit.members.length} people kept together do not fit in the free space of any one room`,
      );
    }
    const splitTiers = unit.anchor >= 0 ? [[unit.anchor], ...valueTiers] : valueTiers;
    let current = -1;
    for (const member of unit.members) {
      if (current < 0 || spaceIn(current) <= 0) current = roomWithMostSpace(splitTiers);
      if (current < 0) {
        unassignedSet.add(member);
        continue;
      }
      const avoid = roomsToAvoid([member]);
      const elsewhere = avoid?.has(current) ? pickRoom(splitTiers, 1, avoid, spreadLeads && isLead[member]!) : -1;
      const target = elsewhere >= 0 ? elsewhere : current;
      noteGroupOverflow(unit, target, 1);
      place(member, target);
    }
  }

  return {
    placement,
    unassigned: ids.filter((_, person) => unassignedSet.has(person)),
    unmet: reportUnmet(),
  };

  function reportUnmet(): UnmetConstraint[] {
    const unmet: UnmetConstraint[] = [];
    if (unassignedSet.size > 0) {
      unmet.push({ kind: "capacity", participantIds: ids.filter((_, person) => unassignedSet.has(person)) });
    }

    for (const [a, b] of togetherPairs) {
      const ia = personIndex.get(a);
      const ib = personIndex.get(b);
      let reason: string;
      if (ia === undefined || ib === undefined) {
        reason = `${ia === undefined ? a : b} is not among the people being assigned`;
      } else {
        const ra = roomOf[ia]!;
        const rb = roomOf[ib]!;
        if (ra >= 0 && ra === rb) continue;
        reason =
          ra < 0 || rb < 0
            ? "no seat was left for one of them"
            : (togetherTrouble.get(find(ia)) ?? "they could not be placed in one room");
      }
      unmet.push({ kind: "keepTogether", participantIds: [a, b], reason });
    }

    for (const [a, b] of apartPairs) {
      const ia = personIndex.get(a);
      const ib = personIndex.get(b);
      if (ia === undefined || ib === undefined) continue;
      const room = roomOf[ia]!;
      if (room < 0 || room !== roomOf[ib]) continue;
      let reason: string;
      if (togetherEdges.has(ia) && togetherEdges.has(ib) && find(ia) === find(ib)) {
        reason = "they are also to be kept together (directly or through other pairs)";
      } else if (isFixed[ia] && isFixed[ib]) {
        reason = `both are fixed in room ${roomIds[room]}`;
      } else if (roomCount === 1) {
        reason = "there is only one room";
      } else if ([ia, ib].some((x) => !isFixed[x] && togetherEdges.has(x) && anchorOfRoot.get(find(x)) === room)) {
        reason = `one of them is kept with a keepTogether partner fixed in room ${roomIds[room]}`;
      } else if (togetherEdges.has(ia) || togetherEdges.has(ib)) {
        reason = "no other room had space for the whole keepTogether group";
      } else {
        reason = "no other room had space";
      }
      unmet.push({ kind: "keepApart", participantIds: [a, b], reason });
    }

    if (groupTag !== undefined) {
      const valuesIn = new Map<number, Set<string>>();
      const valueOrder: string[] = [];
      const seenValues = new Set<string>();
      for (let person = 0; person < everyoneCount; person++) {
        const personValue = value[person];
        const room = roomOf[person]!;
        if (!personValue || room < 0) continue;
        if (!seenValues.has(personValue)) {
          seenValues.add(personValue);
          valueOrder.push(personValue);
        }
        const present = valuesIn.get(room) ?? new Set<string>();
        present.add(personValue);
        valuesIn.set(room, present);
      }
      const mixedRoomOf = new Map<string, number>();
      for (const [room, present] of valuesIn) {
        if (present.size < 2) continue;
        for (const presentValue of present) {
          const known = mixedRoomOf.get(presentValue);
          if (known === undefined || room < known) mixedRoomOf.set(presentValue, room);
        }
      }
      for (const groupValue of valueOrder) {
        const room = mixedRoomOf.get(groupValue);
        if (room === undefined) continue;
        const others = [...(valuesIn.get(room) ?? [])].filter((other) => other !== groupValue).sort();
        const where = `room ${roomIds[room]} also holds ${groupTag}=${others.join(", ")}`;
        const cause = groupTrouble.get(groupValue);
        unmet.push({
          kind: "groupByTag",
          tag: groupTag,
          value: groupValue,
          reason: cause ? `${cause} (${where})` : where,
        });
      }
    }

    if (leadPerRoom) {
      const roomsWithoutLead = allRooms.filter((room) => load[room]! > 0 && leadsIn[room] === 0);
      if (roomsWithoutLead.length > 0) {
        unmet.push({ kind: "leadPerRoom", roomIds: roomsWithoutLead.map((room) => roomIds[room]!) });
      }
    }
    return unmet;
  }
}
