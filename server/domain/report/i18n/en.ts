/**
 * The outcome report's own words in English: the source every other language's catalog
 * translates (`ReportCatalog` makes a missing or extra key a type error there). Only words the
 * report writes itself: titles, notes, questions, poll options and room names are the
 * participants' and stay as written. Messages are ICU (shared/message.ts): `{name}` placeholders,
 * `{n, plural, one {...} other {...}}`. They are plain text with no Markdown or HTML character
 * in them (test/unit/reportCatalogs.test.ts), so every format can write them as they are.
 */
export const en = {
  // The header
  reportTitle: "{title}: outcomes",
  fileNameOutcomes: "outcomes",
  metaScope: "Scope",
  metaWorkshopStarted: "Workshop started",
  metaParticipation: "Participation",
  metaNoteTakers: "Note-takers",
  metaAttribution: "Attribution",
  metaGenerated: "Generated",
  workshopEnded: "ended",
  workshopInProgress: "in progress",
  scopeWorkshop: "Whole workshop",
  scopeRound: "Round",
  scopeRoom: "Room",
  attributionNamed:
    "Attributed: people are named only where they agreed to it; anonymous contributions are never named.",
  attributionNone: "No attribution (Chatham House): nobody is named in this report.",
  participation:
    "{total, plural, one {# person} other {# people}} ({participants, plural, one {# participant} other {# participants}}, {facilitators, plural, one {# facilitator} other {# facilitators}}, {noteTakers, plural, one {# note-taker} other {# note-takers}})",
  /** A date and time followed by the IANA name of the zone it is written in. */
  dateTimeInZone: "{dateTime} {timeZone}",
  contents: "Contents",
  /** Between the items of a short list ("owner: Amal, due 2026-12-01"). */
  listSeparator: ", ",

  // Sections and places
  keyOutcomes: "Key outcomes",
  noKeyOutcomes: "No decisions, actions or recommendations were marked in the notes.",
  plenary: "Plenary",
  plenaryEmpty: "Nothing was recorded in the plenary.",
  roomEmpty: "Nothing was recorded in this room.",
  roundTitle: "Round {number}",
  roomPlace: "Round {number} · {room}",
  everyRoom: "Every room",
  pollsInEveryRoom: "Polls in every room",
  notes: "Notes",
  polls: "Polls",
  questions: "Questions",
  topic: "Topic: {topic}",

  // Chat, only when a facilitator included it (never by default)
  chat: "Chat",
  /** The header's line when a report includes chat: whose choice it was, and that it names no one. */
  chatIncluded:
    "A facilitator chose to include chat in this report, under Chat in the places below. It names no one: each message shows only when it was sent and what it said.",
  chatHidden: "A message hidden by a moderator.",
  chatEmpty: "No chat messages are kept here.",

  // The programme
  programme: "Programme",
  sessionTime: "{start} to {end}",
  sessionKindPlenary: "Plenary",
  sessionKindPanel: "Panel",
  sessionKindWorkshop: "Workshop",
  sessionSpeakers: "Speakers: {speakers}",
  sessionContentNote: "Content note: {note}",
  sessionEmpty: "Nothing was recorded in this session.",

  // Rounds and rooms
  roundClosed: "closed",
  roundEnded: "ended {dateTime}",
  roundPlanned: "not run yet",
  roundInProgress: "in progress",
  roomCount: "{count, plural, one {# room} other {# rooms}}",
  peopleCount: "{count, plural, one {# person} other {# people}}",
  roomClosedEarly: "closed early",

  // Outcomes
  outcomeDecision: "Decision",
  outcomeAction: "Action",
  outcomeRecommendation: "Recommendation",
  outcomeOwner: "owner: {owner}",
  outcomeDue: "due {due}",

  // Questions
  voteCount: "{count, plural, one {# vote} other {# votes}}",
  questionAnswered: "answered",
  questionEdited: "edited by a moderator",
  questionAskedBy: "asked by {name}",
  reply: "Reply",

  // Polls
  pollKindSingle: "Single choice",
  pollKindMultiple: "Multiple choice",
  pollKindRating: "Rating",
  pollKindText: "Open text",
  pollKindRanking: "Ranking",
  pollStillOpen: "still open",
  pollClosed: "closed",
  pollAnonymousBallots: "anonymous ballots",
  pollNamedBallots: "named ballots",
  voterCount: "{count, plural, one {# voter} other {# voters}}",
  pollScale: "scale {min}-{max}",
  /** One end of a rating scale: "1 = Not urgent". */
  pollScaleEnd: "{value} = {label}",
  pollFacilitatorsOnly: "results were shown to facilitators only",

  // Poll tables and charts
  columnOption: "Option",
  columnValue: "Value",
  columnWord: "Word",
  columnVotes: "Votes",
  columnPoints: "Points",
  columnAnswersUsingIt: "Answers using it",
  columnShare: "Share",
  columnRank: "Rank",
  /** The first column of a table comparing rooms: what a row is, and what its numbers count. */
  columnOptionVotes: "Option (votes)",
  columnValueVotes: "Value (votes)",
  columnWordAnswers: "Word (answers using it)",
  columnOptionPoints: "Option (points)",
  allRooms: "All rooms",
  rowMean: "Mean",
  rowVoters: "Voters",
  share: "{percent} %",
  chartTitle: "Results chart",
  chartTitleAllRooms: "Results chart (All rooms)",
};

export type ReportMessageKey = keyof typeof en;
/** A translation of the report: every key of the English catalog, with any wording. */
export type ReportCatalog = Readonly<Record<ReportMessageKey, string>>;
