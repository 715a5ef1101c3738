/** The public shapes of breakout-room assignment; `../assignment.ts` re-exports them. */

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
