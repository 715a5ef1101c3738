/** Stops a subscription (to a workshop's changes, tallies or Q&A revisions). */
export type Unsubscribe = () => Promise<void>;
