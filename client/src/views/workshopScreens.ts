/** The screens of a workshop, one chunk (LazyWorkshopView.tsx): the workshop, and the screen shown once it is over for this tab. */
export { EndedScreen } from "./EndedScreen.js";
export { WorkshopView } from "./WorkshopView.js";
