/**
 * Video call links: "Join the call" in the plenary and in a room, and the facilitators' panel
 * that sets them. `{room}`, `{workshop}` and `{example}` are filled with the literal placeholders
 * and an example link (they are code, never translated).
 */
export const calls = {
  "call.join": "Join the call",
  "call.newTab": "The video call opens in a new tab.",

  "calls.heading": "Video calls",
  "calls.intro":
    "Links to the video calls of the plenary and the breakout rooms. People receive only the link of the place they are in.",
  "calls.secret":
    "A link may hold the meeting's password: it reaches only the people of its room and facilitators, and never the report.",
  "calls.plenaryLabel": "Plenary call link",
  "calls.templateLabel": "Link template for breakout rooms",
  "calls.templateHint":
    "Put {room} where each room's own part of the link goes ({workshop} is optional). Example: {example}",
  "calls.save": "Save",
  "calls.remove": "Remove",
  "calls.saved": "Saved.",
  "calls.roomsHeading": "Links of round {number}",
  "calls.roomLabel": "Call link for {name}",
  "calls.roomHint": "Paste a link for this room, or leave it empty to use the template.",
  "calls.fromTemplate": "From the template",
  "calls.pasted": "Pasted for this room",
  "calls.noLink": "No link yet",

  "calls.problem.length": "Enter a link of at most {max} characters.",
  "calls.problem.whitespace": "A link cannot contain spaces or hidden characters.",
  "calls.problem.malformed": "This is not a web address.",
  "calls.problem.https": "The link must start with https://",
  "calls.problem.credentials": "Take the user name and password (name:password@) out of the link.",
  "calls.problem.placeholder": "Only {room} and {workshop} may be written in braces, and only in the template.",
  "calls.problem.needsRoom": "The template needs {room}, so that each room gets its own call.",
} as const;
