import type { CliIo } from './io.js';

/** A one-line progress bar on stderr (redrawn in place on a terminal, every 10% otherwise). */
export function progressBar(label: string, total: number, stream: CliIo['err']): { update(done: number, note?: string): void; finish(note?: string): void } {
  const tty = stream.isTTY === true;
  let lastDecile = -1;
  const render = (done: number, note = ''): string => {
    const width = 30;
    const filled = total > 0 ? Math.round((width * done) / total) : width;
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${note ? ` ${note}` : ''}`;
  };
  return {
    update(done, note) {
      if (tty) stream.write(`\r${render(done, note)}`);
      else {
        const decile = total > 0 ? Math.floor((10 * done) / total) : 10;
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(`${render(done, note)}\n`);
        }
      }
    },
    finish(note) {
      stream.write(`${tty ? '\r' : ''}${render(total, note)}\n`);
    },
  };
}
