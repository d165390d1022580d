// The ceiling: a bare node:http server doing the least a report endpoint can
// do (read the body, parse the JSON, answer one result per report) and a bare
// GET answering fixed bytes. Run as its own process, like the real server.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 18050);
const getBody = process.env.GET_BODY_FILE ? readFileSync(process.env.GET_BODY_FILE) : Buffer.from('{"services":[]}');

createServer((req, res) => {
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': getBody.length });
    res.end(getBody);
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
