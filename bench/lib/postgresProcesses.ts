// The PostgreSQL processes that work for one server: its backends (found by
// the application_name the benchmark puts in its DATABASE_URL, since other
// sessions may use the same database) plus the WAL writer and the
// checkpointer, which write what those backends commit.
import pg from 'pg';

export async function postgresPids(connectionString: string, applicationName: string): Promise<{ backends: number[]; shared: number[] }> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; backend_type: string; application_name: string }>(
      `select pid, backend_type, application_name from pg_stat_activity
        where (backend_type = 'client backend' and application_name = $1) or backend_type in ('walwriter', 'checkpointer')`,
      [applicationName],
    );
    return {
      backends: rows.filter((r) => r.backend_type === 'client backend').map((r) => r.pid),
      shared: rows.filter((r) => r.backend_type !== 'client backend').map((r) => r.pid),
    };
  } finally {
    await client.end();
  }
}

export async function postgresReachable(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
