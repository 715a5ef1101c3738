/** Getting in: creating a workshop, entering it as facilitator, joining it. */
export const entry = {
  "create.heading": "Create a workshop",
  "create.intro": "Start a workshop, then share the join code or link with participants.",
  "create.titleLabel": "Workshop title",
  "create.submit": "Create workshop",
  "create.submitting": "Creating…",
  "create.joinInstead": "Join a workshop",
  "create.createdHeading": "Your workshop is ready",
  "create.joinCodeLabel": "Join code",
  "create.joinLinkLabel": "Join link",
  "create.qrAlt": "QR code of the join link {link}",
  "create.copyLink": "Copy link",
  "create.keyHeading": "Facilitator key",
  "create.keyWarning":
    "This key is shown only once. Copy it and keep it somewhere safe: it lets anyone enter as facilitator.",
  "create.keyLabel": "Facilitator key (shown only once)",
  "create.copyKey": "Copy key",
  "create.copied": "Copied",
  "create.copyFailed": "Could not copy. Select the text and copy it by hand.",
  "create.enterHeading": "Enter as facilitator",
  "create.facilitatorNameLabel": "Your display name",
  "create.enterSubmit": "Enter as facilitator",
  "create.retention":
    "Everything in this workshop is deleted for good {days, plural, one {# day} other {# days}} after it ends.",
  "create.rateLimited":
    "Too many workshops have been created from your network recently. Please wait a while (an hour at most), then try again.",

  "join.heading": "Join a workshop",
  "join.codeLabel": "Join code",
  "join.codeHint": "Six letters and digits, for example ABC-DEF.",
  "join.nameLabel": "Display name",
  "join.nameHint": "A pseudonym is fine. Others in the workshop will see this name.",
  "join.submit": "Join",
  "join.connecting": "Connecting…",
  "join.stillTrying": "Cannot reach the server yet. Still trying…",
  "join.createInstead": "Create a workshop",
  "join.rateLimited":
    "Too many attempts to join from your network just now (wrong join codes, or many people joining at once). Wait a few minutes, check the code, then try again.",
} as const;
