import cliProgress from 'cli-progress';

/** A progress bar on a terminal; a line every 10 % when output goes to a file or CI log. */
export function progressBar(label: string): { update(done: number, total: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total} ETA {eta_formatted}`, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update(done, total) {
      const tenth = total ? Math.floor((done / total) * 10) : 10;
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        process.stderr.write(`${label} ${tenth * 10}% (${done}/${total})\n`);
      }
    },
    stop: () => undefined,
  };
}
