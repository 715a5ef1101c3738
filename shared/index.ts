export * from "./breakout.js";
export * from "./events.js";
export * from "./ids.js";
export * from "./poll.js";
export * from "./protocol.js";
export * from "./text.js";
export * from "./workshop.js";
export * from "./workshopState.js";
