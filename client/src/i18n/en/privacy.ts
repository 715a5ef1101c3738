/** Privacy and data: the anonymity default, who sees whose name, and deleting the workshop for good. */
export const privacy = {
  "privacy.heading": "Privacy and data",
  "privacy.anonymitySwitch": "New questions and polls start anonymous",
  "privacy.anonymitySwitchHint":
    "On (the default): the question box and new polls start anonymous. Off: they start named. Either way people can choose, and always see which mode they are in.",
  "privacy.settingFailed": "The setting was not changed: {message}",
  "privacy.rosterSwitch": "Participants see each other's names",
  "privacy.rosterSwitchHint":
    "Off (the default): participants see how many people are here, not who. They still see themselves, the people running the forum (facilitators, note-takers, safeguarding leads), anyone who chose to show their name, and in a breakout room their roommates if that room allows it. On: every participant sees everyone's name. Facilitators, note-takers and safeguarding leads always see everyone.",
  "privacy.listedSwitch": "Show my name to other participants",
  "privacy.listedSwitchHint":
    "Off (the default): other participants do not see your name or that you are here, only how many people are here. The people running the forum always see you. On: every participant sees your name and whether you are online. You can turn it off again at any time.",
  "privacy.listedRosterOpen":
    "Right now the facilitators show everyone's name in this workshop. Your choice here counts whenever names are hidden.",
  "privacy.namesHidden":
    "Other participants' names are hidden here. You see yourself, the people running the forum and anyone who chose to show their name.",
  "privacy.dangerHeading": "Danger zone",
  "privacy.deleteHint":
    "Deleting removes everything in this workshop for good, at once: people, notes, polls, questions and the outcome report. Everyone is disconnected.",
  "privacy.deleteHintEnded":
    "You can delete everything in this workshop for good now instead: people, notes, polls, questions and the outcome report.",
  "privacy.deleteButton": "Delete workshop…",
  "privacy.deleteHeading": "Delete “{title}” for good?",
  "privacy.deleteConsequence":
    "Everything in this workshop is deleted now, for everyone, and cannot be recovered: the list of people, all notes, polls and their results, all questions, and the outcome report. Everyone still connected is disconnected. Download the report first if you need it.",
  "privacy.deleteTypeLabel": "To confirm, type the join code {code} or the workshop's title",
  "privacy.deleteTypeHint": "The delete button is enabled once what you type matches.",
  "privacy.deleteConfirm": "Delete this workshop for good",
  "privacy.deleting": "Deleting…",
  "privacy.deleteFailed": "The workshop was not deleted: {message}",
  "privacy.deleteUnauthorized":
    "This tab can no longer delete the workshop: it may already have been deleted, or your access has ended.",
  "privacy.deleteAt": "Everything in this workshop will be deleted for good on {date}.",
  "contentNote.label": "Content note:",
  "contentNote.hint": "You can skip this. Nobody is told either way.",
  "contentNote.show": "Show it",
  "contentNote.skip": "Skip it",
  "contentNote.skipped": "You skipped this. Nobody was told.",
} as const;
