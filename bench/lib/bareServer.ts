// The ceiling: a bare node:http server doing the least a report endpoint can
// do (read the body, parse the JSON, answer one result per report), and bare
// GETs answering fixed bytes (the real server's bodies and pages, one file per
// path, GET_BODIES = {"/v1/status": "file", …}). Run as its own process, like the
// real server, so its CPU is read the same way.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 18050);
/** A body and its content type (from the file's extension: .html pages of the status site, else JSON). */
const bodies = new Map<string, { bytes: Buffer; type: string }>(
  Object.entries(JSON.parse(process.env.GET_BODIES ?? '{}') as Record<string, string>).map(([path, file]) => [
    path, { bytes: readFileSync(file), type: file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8' },
  ]),
);
const EMPTY = { bytes: Buffer.from('{}'), type: 'application/json; charset=utf-8' };

createServer((req, res) => {
  if (req.method === 'GET') {
    const body = bodies.get(req.url ?? '') ?? EMPTY;
    res.writeHead(200, { 'content-type': body.type, 'content-length': body.bytes.length });
    res.end(body.bytes);
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let body: string;
    try {
      const { reports } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { reports: Array<{ id: string }> };
      body = JSON.stringify({ results: reports.map((r) => ({ id: r.id, status: 'counted' })) });
    } catch {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`bare server listening on ${port}\n`));
