import { main } from '../../../src/cli/main.ts';

/** Runs the news-context command line in this process and returns its exit code and what it printed. */
export async function runCli(
  argv: string[],
  terminal?: Parameters<typeof main>[3],
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    argv,
    (line) => out.push(line),
    (line) => err.push(line),
    terminal,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}
