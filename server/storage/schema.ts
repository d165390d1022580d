// Table shapes as Kysely sees them. Every primary key includes `service`
// (docs/architecture.md, ready to distribute by service); on SQLite the counter and
// suppression keys start with the minute or window (migration0002.ts).
export interface ReportsTable {
  service: string;
  id: string;
  client: string;
  problem: string;
  source: string;
  signals: number;
  country: string;
  minute: number;
  received_minute: number;
}

export interface SuppressionTable {
  service: string;
  client: string;
  window_start: number;
}

export interface CountersTable {
  service: string;
  minute: number;
  problem: string;
  country: string;
  source: string;
  signals: number;
  count: number;
}

export interface MinuteTotalsTable {
  service: string;
  minute: number;
  count: number;
}

/** Distinct sending networks with a counted report, per service and arrival window (migration0006.ts). */
export interface NetworkTotalsTable {
  window_start: number;
  service: string;
  networks: number;
}

/** PostgreSQL only: each network's counted reports per service and arrival window (migration0006.ts). */
export interface NetworkWindowsTable {
  window_start: number;
  service: string;
  network: string;
  count: number;
}

/** The incident history (migration0005.ts); minutes are epoch minutes. */
export interface IncidentsTable {
  service: string;
  start_minute: number;
  end_minute: number | null;
  peak: number;
  peak_minute: number;
  peak_level: string;
}

export interface Database {
  reports: ReportsTable;
  /** PostgreSQL only: SQLite keeps claims in its writer's memory (migration0003.ts). */
  suppression: SuppressionTable;
  counters: CountersTable;
  minute_totals: MinuteTotalsTable;
  network_totals: NetworkTotalsTable;
  network_windows: NetworkWindowsTable;
  incidents: IncidentsTable;
}
