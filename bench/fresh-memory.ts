/**
 * How dear new memory is on this machine now: the time to write once to every page of 256 MB the process has
 * not touched before, and the page faults that took. On these virtual machines a page of memory the guest
 * handed back is faulted in again from the host, at about 12 µs a page on 2 December 2026 (0.8 s for 256 MB).
 * Imports and page loads allocate tens to hundreds of megabytes, so the
 * benches print this beside the load average: figures of two runs compare only when it is alike.
 */
const MEASURED_MB = 256;
const PAGE_BYTES = 4096;

export interface FreshMemoryCost {
  ms: number;
  faults: number;
}

/** Writes one byte to every page of `mb` megabytes never used before (then lets them go). */
export function freshMemoryCost(mb = MEASURED_MB): FreshMemoryCost {
  const faultsBefore = process.resourceUsage().minorPageFault;
  const start = performance.now();
  const buffer = Buffer.allocUnsafeSlow(mb * 2 ** 20);
  for (let at = 0; at < buffer.length; at += PAGE_BYTES) buffer[at] = 1;
  const ms = performance.now() - start;
  return { ms, faults: process.resourceUsage().minorPageFault - faultsBefore };
}

/** `freshMemoryCost` as a line of a bench's report. */
export function freshMemoryLine(mb = MEASURED_MB): string {
  const { ms, faults } = freshMemoryCost(mb);
  return `new memory: ${ms.toFixed(0)} ms to write ${mb} MB for the first time (${faults} page faults, ${((ms * 1000) / Math.max(1, faults)).toFixed(1)} µs each)`;
}
