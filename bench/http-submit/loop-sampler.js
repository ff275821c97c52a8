// Preloaded into each service of the http-submit bench when BENCH_LOOP_DELAY=1 (NODE_OPTIONS
// --require; plain JS because it loads before the TypeScript hook; works for any commit's services,
// e.g. an older checkout run with the same NODE_OPTIONS). Once a second it appends a line to
// $BENCH_LOOP_DELAY_DIR/<service>-<pid>.jsonl: the monotonic time in µs (the clock of the bench's
// windows), the event loop's delay over that second (p50, p99, max in ms) and the GC pauses in it
// (count, total, longest ms), so a latency tail can be laid beside what each loop was doing then.
'use strict';
const { monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');
const { appendFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_LOOP_DELAY_DIR;
// services/<name>/src/main.ts; other processes (the bench, the load generators) by their script's name.
const script = process.argv[1] || 'node';
const name = (/services\/([^/]+)\/src\/main\.ts$/.exec(script) || [])[1] || path.basename(script).replace(/\.[^.]+$/, '');
const file = dir && path.join(dir, `${name}-${process.pid}.jsonl`);
if (file) {
  mkdirSync(dir, { recursive: true });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const idle = () => ({ count: 0, ms: 0, maxMs: 0, major: 0, majorMaxMs: 0 });
  let gc = idle();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.count++;
      gc.ms += e.duration;
      gc.maxMs = Math.max(gc.maxMs, e.duration);
      // kind 2: mark-sweep-compact (a full GC; 1 is a scavenge of the young generation).
      if (e.detail && e.detail.kind === 2) {
        gc.major++;
        gc.majorMaxMs = Math.max(gc.majorMaxMs, e.duration);
      }
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  setInterval(() => {
    const line = {
      atUs: Number(process.hrtime.bigint() / 1000n),
      loopP50: ms(loop.percentile(50)),
      loopP99: ms(loop.percentile(99)),
      loopMax: ms(loop.max),
      gcCount: gc.count,
      gcMs: Math.round(gc.ms * 100) / 100,
      gcMaxMs: Math.round(gc.maxMs * 100) / 100,
      gcMajor: gc.major,
      gcMajorMaxMs: Math.round(gc.majorMaxMs * 100) / 100,
      heapMb: Math.round(process.memoryUsage().heapUsed / 1048576),
    };
    loop.reset();
    gc = idle();
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 1000).unref();
}
