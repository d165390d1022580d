// Log lines to a file descriptor in blocks: lines collect in memory and are
// written with one write(2) per ~16 KiB, and at least every second, in order.
// One synchronous write per block, not one per line (at info level a write
// per request cost more than answering it) and not a thread-pool write
// (pino's async destination spent ~2 µs of the event loop per request
// measured with --cpu-prof, converting and re-measuring its growing buffer).
// A full pipe (EAGAIN) keeps the rest for the next block instead of blocking;
// a closed one (EPIPE) stops the logging.
import { writeSync } from 'node:fs';

const BLOCK_CHARS = 16 * 1024;
/** What is kept while the reader of a full pipe does not read: beyond it, new lines are dropped. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

export class LineWriter {
  private lines: string[] = [];
  private chars = 0;
  private unwritten: Buffer | undefined;
  private broken = false;

  constructor(private readonly fd: number) {}

  write(line: string): boolean {
    // A reader that has stopped reading a full pipe: new lines are dropped, not piled up.
    if (this.broken || (this.unwritten !== undefined && this.unwritten.length > MAX_PENDING_BYTES)) return true;
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= BLOCK_CHARS) this.flush();
    return true;
  }

  /** Writes everything collected, or as much as the descriptor takes now. */
  flush(): void {
    if (this.broken || (this.chars === 0 && !this.unwritten)) return;
    const text = this.chars > 0 ? Buffer.from(this.lines.join(''), 'utf8') : undefined;
    this.lines = [];
    this.chars = 0;
    const bytes = this.unwritten && text ? Buffer.concat([this.unwritten, text]) : (this.unwritten ?? text!);
    this.unwritten = undefined;
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'EPIPE') this.broken = true;
      else if (code === 'EAGAIN') this.unwritten = bytes.subarray(offset);
      else throw error;
    }
  }
}
