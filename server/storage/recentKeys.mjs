// SQLite's dedupe and suppression index: the keys of the last day's reports,
// in the one server process's memory, rebuilt from the reports table when the
// server starts (the design of Bitcask's keydir). With unique B-tree indexes
// every new report dirtied two random pages per commit, about 8 KB of WAL and
// ~15 µs of the writer's time (bench/sqlite-writer.ts); now the table is
// appended to. Only keys a report can still name are needed: `observedAt` is
// at most 24 h old, so older ids and windows are dropped. Memory: ~310 bytes
// of resident memory per report received in the last 24 hours (measured: 2.1 M
// reports, 835 MB against 178 MB empty; start-up 7.5 s against 0.9 s), the
// reason PostgreSQL, with several processes and its unique indexes, is the
// choice for large deployments. Plain JavaScript, like sqliteWriterCore.mjs.
export const WINDOW_MINUTES = 15;
/** Reports may name minutes up to 24 h back (DESIGN §6), plus slack for the 5 min an observedAt may lead. */
export const KEEP_MINUTES = 24 * 60 + 10;

export function windowOf(minute) {
  return minute - (minute % WINDOW_MINUTES);
}

export function createRecentKeys() {
  /** id → service (or services: the key is (service, id), as on PostgreSQL), in the order received. */
  const ids = new Map();
  /** [received minute, ids added in it], oldest first: lets old ids go in insertion order. */
  const idMinutes = [];
  /** window start → service → clients with a counted report there. */
  const claims = new Map();
  let claimCount = 0;

  function hasId(service, id) {
    const seen = ids.get(id);
    return seen !== undefined && (seen === service || (Array.isArray(seen) && seen.includes(service)));
  }

  function addId(service, id, receivedMinute) {
    const seen = ids.get(id);
    if (seen !== undefined) {
      // Same id, another service: kept under the existing entry, which keeps its place in the order.
      ids.set(id, Array.isArray(seen) ? [...seen, service] : [seen, service]);
      return;
    }
    ids.set(id, service);
    const last = idMinutes[idMinutes.length - 1];
    if (last && last[0] >= receivedMinute) last[1]++;
    else idMinutes.push([receivedMinute, 1]);
  }

  /** Takes back the id added last (a commit that failed). */
  function removeId(service, id) {
    const seen = ids.get(id);
    if (Array.isArray(seen)) {
      const rest = seen.filter((s) => s !== service);
      ids.set(id, rest.length === 1 ? rest[0] : rest);
      return;
    }
    if (seen !== service) return;
    ids.delete(id);
    const last = idMinutes[idMinutes.length - 1];
    if (last && --last[1] === 0) idMinutes.pop();
  }

  /** Takes back a claim (a commit that failed). */
  function unclaim(service, client, minute) {
    if (claims.get(windowOf(minute))?.get(service)?.delete(client)) claimCount--;
  }

  function hasClaim(service, client, minute) {
    return claims.get(windowOf(minute))?.get(service)?.has(client) === true;
  }

  /** True when the claim was new (the report counts), false when this client already has one. */
  function claim(service, client, minute) {
    const start = windowOf(minute);
    let services = claims.get(start);
    if (!services) claims.set(start, (services = new Map()));
    let clients = services.get(service);
    if (!clients) services.set(service, (clients = new Set()));
    if (clients.has(client)) return false;
    clients.add(client);
    claimCount++;
    return true;
  }

  /** Drops what no acceptable report can name any more; returns the claims dropped. */
  function forget(nowMinute) {
    const oldest = nowMinute - KEEP_MINUTES;
    let drop = 0;
    while (idMinutes.length > 0 && idMinutes[0][0] < oldest) drop += idMinutes.shift()[1];
    if (drop > 0) {
      const keys = ids.keys();
      for (let i = 0; i < drop; i++) ids.delete(keys.next().value);
    }
    let dropped = 0;
    for (const [start, services] of claims) {
      if (start + WINDOW_MINUTES > oldest) continue;
      for (const clients of services.values()) dropped += clients.size;
      claims.delete(start);
    }
    claimCount -= dropped;
    return dropped;
  }

  return {
    hasId, addId, removeId, hasClaim, claim, unclaim, forget,
    get size() {
      return { ids: ids.size, claims: claimCount };
    },
  };
}
