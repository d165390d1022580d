// A minimal report client over real HTTP, retrying like the extension's
// queue: anything not acknowledged with a 200 is sent again.
import type { Report } from '../../../src/core/protocol.ts';

export interface Acks {
  statuses: Map<string, string[]>;
}

/** Posts `reports`; with `network`, as forwarded for that address (the server must trust 127.0.0.1 as its proxy). */
export async function postReports(baseUrl: string, reports: Report[], network?: string): Promise<Array<{ id: string; status: string }>> {
  const response = await fetch(`${baseUrl}/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(network ? { 'x-forwarded-for': network } : {}) },
    body: JSON.stringify({ reports }),
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()).results;
}
