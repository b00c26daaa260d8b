/**
 * The bench's stand-in for the options page's pack-check worker (src/ext/pack-check-worker.ts): a
 * `node:worker_threads` worker that checks each file it is sent with `checkPack` and answers with the result,
 * the check's wall time and this thread's CPU time.
 */
import { parentPort } from 'node:worker_threads';
import { checkPack } from '../src/core/packs/check-pack.ts';

parentPort?.on('message', ({ text, fileName }: { text: string; fileName: string }) => {
  const wall = performance.now();
  const cpu = process.threadCpuUsage();
  const result = checkPack(text, fileName);
  const used = process.threadCpuUsage(cpu);
  parentPort?.postMessage({
    result,
    wallMs: performance.now() - wall,
    cpuMs: (used.user + used.system) / 1000,
  });
});
