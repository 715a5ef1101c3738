import { MinHeap } from "./minHeap.js";
import type { RoomTable } from "./rooms.js";
import type { Roster } from "./roster.js";

/**
 * Who sits where so far, and how full each room is: the one mutable record every placing step
 * shares. Built once the roster is complete (fixed people from outside it included).
 */
export class Seating {
  /** room index of each person, -1 while unplaced */
  readonly roomOf: number[];
  readonly isFixed: boolean[];
  readonly load: number[];
  readonly leadsIn: number[];
  /**
   * load × roomCount + rank, per room: one number that puts the least crowded room lowest and
   * breaks ties by rank, so choosing a room compares integers only.
   */
  readonly order: number[];
  /** the room holding each rank, to read a room back from an `order` value */
  readonly roomOfRank: number[];
  /** participantId -> roomId, in the order people were placed (the result's placement) */
  readonly placement = new Map<string, string>();
  readonly capacity: readonly number[];
  readonly roomCount: number;
  readonly peopleCount: number;
  // The roster's and rooms' arrays themselves, so that `place`, run once per person, reads
  // one field rather than two.
  private readonly isLead: readonly boolean[];
  private readonly personIds: readonly string[];
  private readonly roomIds: readonly string[];
  /**
   * Every room's `order`, possibly stale, once `trackCrowding` starts it: the common case, one
   * person free to go anywhere, then takes the least crowded room in O(log rooms) instead of
   * scanning them all (`leastCrowdedRoom`).
   */
  crowding: MinHeap | null = null;

  constructor(rooms: RoomTable, roster: Roster) {
    this.isLead = roster.isLead;
    this.personIds = roster.ids;
    this.roomIds = rooms.ids;
    this.roomCount = rooms.ids.length;
    this.peopleCount = roster.ids.length;
    this.capacity = rooms.capacity;
    this.roomOf = new Array<number>(this.peopleCount).fill(-1);
    this.isFixed = new Array<boolean>(this.peopleCount).fill(false);
    this.load = new Array<number>(this.roomCount).fill(0);
    this.leadsIn = new Array<number>(this.roomCount).fill(0);
    this.order = [...rooms.rank];
    this.roomOfRank = new Array<number>(this.roomCount).fill(0);
    for (let room = 0; room < this.roomCount; room++) this.roomOfRank[rooms.rank[room]!] = room;
  }

  spaceIn(room: number): number {
    return this.capacity[room]! - this.load[room]!;
  }

  place(person: number, room: number): void {
    this.roomOf[person] = room;
    this.load[room]! += 1;
    this.order[room]! += this.roomCount;
    this.crowding?.push(this.order[room]!);
    if (this.isLead[person]) this.leadsIn[room]! += 1;
    this.placement.set(this.personIds[person]!, this.roomIds[room]!);
  }

  /** Seats someone who must stay put, even past capacity. The first seat given counts. */
  fix(person: number, room: number): void {
    if (this.isFixed[person]) return;
    this.isFixed[person] = true;
    this.place(person, room);
  }

  /** Starts the heap behind `leastCrowdedRoom`; placements from now on keep it current. */
  trackCrowding(): void {
    const crowding = new MinHeap();
    for (let room = 0; room < this.roomCount; room++) crowding.push(this.order[room]!);
    this.crowding = crowding;
  }
}
