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
 *
 * This file is the public entry and the outline; each step is a file in `./assignment/`.
 */
import { resolveFixedSeats } from "./assignment/fixed.js";
import { placementOrder } from "./assignment/order.js";
import { readPairs } from "./assignment/pairs.js";
import { reportUnmet } from "./assignment/report.js";
import { indexRooms } from "./assignment/rooms.js";
import { indexPeople } from "./assignment/roster.js";
import { Seating } from "./assignment/seating.js";
import { seatingPlan, seatUnits } from "./assignment/seatUnits.js";
import { newTroubles } from "./assignment/troubles.js";
import type { AssignmentInput, AssignmentResult } from "./assignment/types.js";
import { buildUnits } from "./assignment/units.js";
import { claimValueRooms, noValueRooms } from "./assignment/valueRooms.js";

export { seededRandom } from "./assignment/random.js";
export type {
  AssignablePerson,
  AssignmentConstraints,
  AssignmentInput,
  AssignmentResult,
  RoomSlot,
  UnmetConstraint,
} from "./assignment/types.js";

export function assignBalanced(input: AssignmentInput): AssignmentResult {
  const { random } = input;
  const constraints = input.constraints ?? {};
  const groupTag = constraints.groupByTag;
  const leadPerRoom = constraints.leadPerRoom === true;

  // 1–3: rooms (the first draws of `random`), people, and the fixed seats, which may add people.
  const rooms = indexRooms(input.rooms, random);
  const roster = indexPeople(input.people, groupTag);
  const fixedSeats = resolveFixedSeats(input.fixed, roster, rooms);
  const seating = new Seating(rooms, roster);
  for (const [person, room] of fixedSeats) seating.fix(person, room);

  // 4–6: who goes together, and which rooms each tag value may fill.
  const pairs = readPairs(constraints, roster);
  const troubles = newTroubles();
  const { units, anchorOfRoot } = buildUnits(roster, seating, pairs, groupTag, troubles);
  const valueRooms =
    groupTag === undefined ? noValueRooms(rooms) : claimValueRooms(roster, seating, units, rooms, troubles);

  // 7–8: seat every unit in order (the last draws of `random`).
  const ordered = placementOrder(units, random, leadPerRoom);
  const plan = seatingPlan({
    seating,
    rooms,
    roster,
    apartPartners: pairs.apartPartners,
    valueRooms,
    troubles,
    leadPerRoom,
  });
  const unassignedSet = seatUnits(plan, ordered);

  // 9: the report, from the final placement.
  const unassigned = roster.ids.filter((_, person) => unassignedSet.has(person));
  return {
    placement: seating.placement,
    unassigned,
    unmet: reportUnmet({ rooms, roster, seating, pairs, anchorOfRoot, troubles, unassigned, groupTag, leadPerRoom }),
  };
}
