/**
 * A stream for results that tolerates its reader going away (`llms-wasm diffs | head`): once the stream
 * reports `EPIPE`, later writes are dropped and the command finishes its work (a replay still stores its
 * records) instead of dying on an unhandled error. Any other error of the stream is reported on `err`.
 */
export function pipeTolerant(stream: NodeJS.WritableStream, err: { write(text: string): unknown }): { write(text: string): unknown } {
  let broken = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') broken = true;
    else err.write(`llms-wasm: cannot write the output: ${error.message}\n`);
  });
  return {
    write: (text) => (broken ? false : stream.write(text)),
  };
}
