// The ceiling: a bare node:http server doing the least a report endpoint can
// do (read the body, parse the JSON, answer one result per report), and bare
// GETs answering fixed bytes (the real server's bodies, one file per path,
// GET_BODIES = {"/v1/status": "file", …}). Run as its own process, like the
// real server, so its CPU is read the same way.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 18050);
const bodies = new Map<string, Buffer>(
  Object.entries(JSON.parse(process.env.GET_BODIES ?? '{}') as Record<string, string>).map(([path, file]) => [path, readFileSync(file)]),
);
const EMPTY = Buffer.from('{}');

createServer((req, res) => {
  if (req.method === 'GET') {
    const body = bodies.get(req.url ?? '') ?? EMPTY;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    res.end(body);
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
