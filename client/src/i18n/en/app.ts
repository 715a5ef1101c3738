/** The frame of every page: the app's name, the quick exit, the connection status, and the screens a session ends on. */
export const app = {
  "app.name": "Workshop",
  "app.skipToContent": "Skip to content",
  "app.notFound.title": "Page not found",
  "app.notFound.body": "There is nothing at this address.",
  "app.home": "Start page",
  "app.language": "Language",

  "leave.button": "Leave now",
  "leave.hint": "Quick exit: press Esc twice",
  "leave.label": "Leave now: leave the workshop immediately and go to a neutral page",

  "connection.label": "Connection",
  "connection.connecting": "Connecting…",
  "connection.connected": "Connected",
  "connection.reconnecting": "Reconnecting…",
  "connection.offline": "Offline",
  "offline.banner": "You are offline. What you do now is sent when you are back online.",
  "offline.bannerSince":
    "You are offline. This is the workshop as it was at {time}. What you do now is sent when you are back online.",
  "offline.waiting": "Waiting to be sent: {count}",

  "app.workshopLoading": "Opening the workshop…",
  "app.workshopLoadFailed": "The workshop's screens could not be loaded. Check your connection.",
  "app.workshopLoadRetry": "Try again",

  "revoked.removedHeading": "You were removed from this workshop",
  "revoked.removedBody": "A facilitator removed you. You can no longer take part in this workshop.",
  "revoked.endedHeading": "This workshop has ended",
  "revoked.endedBody": "Thank you for taking part.",
  "revoked.deletedHeading": "This workshop has been deleted",
  "revoked.deletedBody": "Everything it held has been deleted for good.",
  "revoked.lostHeading": "This workshop could not be kept",
  "revoked.lostBody":
    "The server lost this workshop's data, so it cannot go on. This is not something you did: everyone in it sees this message, and the organisers may start a new workshop and share a new link.",
  "revoked.endedReport":
    "You can still take the outcome report of “{title}” from this tab. Download what you need before you close it: leaving this page ends your access.",

  "exit.heading": "You have left.",
  "exit.home": "Go to the start page",
} as const;
