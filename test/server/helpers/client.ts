// A minimal report client over real HTTP, retrying like the extension's
// queue: anything not acknowledged with a 200 is sent again.
import type { Report } from '../../../src/core/protocol.ts';

export interface Acks {
  statuses: Map<string, string[]>;
}

export async function postReports(baseUrl: string, reports: Report[]): Promise<Array<{ id: string; status: string }>> {
  const response = await fetch(`${baseUrl}/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reports }),
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()).results;
}
