// Preloaded into the demo by demo.test.ts (`--import`): the moment the demo
// writes its "listening" banner, it sends itself SIGTERM from inside that
// write. That is the earliest a reader of the line could signal (a write to a
// pipe is synchronous on Linux), made certain instead of left to a race: with
// no handler registered yet, SIGTERM's default action ends the process at once.
const write = process.stdout.write.bind(process.stdout);
let sent = false;
process.stdout.write = (chunk, ...rest) => {
  const written = write(chunk, ...rest);
  if (!sent && String(chunk).includes('Demo server listening on')) {
    sent = true;
    process.kill(process.pid, 'SIGTERM');
  }
  return written;
};
