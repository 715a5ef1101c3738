import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** One registry per app instance (tests run several apps in one process). */
export function createMetrics() {
  const registry = new Registry();
  // The process's own (CPU, memory, event-loop lag, GC, handles) under prom-client's standard
  // names, which dashboards expect.
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    /** Set by the ops routes when scraped: whether the store answered a ping. */
    storeUp: new Gauge({
      name: "workshop_store_up",
      help: "1 when the store (Redis) answered a ping at the last scrape, 0 when it did not",
      registers: [registry],
    }),
    storeCallSeconds: new Histogram({
      name: "workshop_store_call_duration_seconds",
      help: "Time of each call to Redis (a command, a script, a pipeline), by whether Redis answered in time",
      labelNames: ["answered"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    resyncs: new Counter({
      name: "workshop_resyncs_total",
      help: "Sessions (re)started, by what they were sent: the missed events or a full snapshot",
      labelNames: ["kind"],
      registers: [registry],
    }),
    connections: new Gauge({ name: "workshop_connections", help: "Open Socket.IO connections", registers: [registry] }),
    handshakes: new Counter({
      name: "workshop_handshakes_total",
      help: "Socket handshakes by outcome (ok or error code)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    commands: new Counter({
      name: "workshop_commands_total",
      help: "Client commands by name and outcome (ok or error code)",
      labelNames: ["command", "outcome"],
      registers: [registry],
    }),
    commandSeconds: new Histogram({
      name: "workshop_command_duration_seconds",
      help: "Time from receiving a command to its ack",
      labelNames: ["command"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    eventBatches: new Counter({
      name: "workshop_event_batches_total",
      help: "Coalesced event batches emitted by this node",
      registers: [registry],
    }),
    slowClientsDropped: new Counter({
      name: "workshop_slow_clients_dropped_total",
      help: "Clients this node dropped because too much waited to be written to them (they stopped reading)",
      registers: [registry],
    }),
    storeDataLost: new Counter({
      name: "workshop_store_data_lost_total",
      help: "Times this node found that the store had lost its data (restarted empty, flushed)",
      registers: [registry],
    }),
    pollResultBroadcasts: new Counter({
      name: "workshop_poll_results_broadcasts_total",
      help: "Coalesced poll results emits by this node (one per poll per tick at most)",
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
