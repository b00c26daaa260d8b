/**
 * A client for Firefox's Marionette protocol: JSON over TCP, each packet `<byte length>:<json>`. The server
 * greets with `{ applicationType, marionetteProtocol }`; a command is `[0, id, name, params]` and its answer
 * `[1, id, error, result]`. The commands are WebDriver classic's (`WebDriver:Navigate`, `WebDriver:PerformActions`…)
 * plus Firefox's own (`Addon:Install`, `Marionette:SetContext`…).
 */
import { connect, type Socket } from 'node:net';

/** A failed command, with Marionette's error name (`no such window`, `javascript error`…) in the message. */
export class MarionetteError extends Error {
  constructor(
    readonly command: string,
    readonly error: string,
    message: string,
  ) {
    super(`${command}: ${error}: ${message}`);
  }
}

export interface MarionetteClient {
  send<T = unknown>(command: string, params?: object): Promise<T>;
  close(): void;
}

/** Connects to a Marionette server on `port`, retrying until it listens or `timeoutMs` passes. */
export async function connectMarionette(port: number, timeoutMs = 30_000): Promise<MarionetteClient> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await open(port);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Marionette did not answer on port ${port}: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function open(port: number): Promise<MarionetteClient> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void; command: string }>();
    let buffer = Buffer.alloc(0);
    let nextId = 0;
    let greeted = false;

    const client: MarionetteClient = {
      send(command, params = {}) {
        const id = ++nextId;
        const body = Buffer.from(JSON.stringify([0, id, command, params]), 'utf8');
        return new Promise((resolveCommand, rejectCommand) => {
          pending.set(id, { resolve: resolveCommand as (value: unknown) => void, reject: rejectCommand, command });
          socket.write(`${body.length}:`);
          socket.write(body);
        });
      },
      close: () => socket.destroy(),
    };

    const onPacket = (packet: unknown) => {
      if (!greeted) {
        greeted = true;
        const { marionetteProtocol } = packet as { marionetteProtocol?: number };
        if (marionetteProtocol !== 3) reject(new Error(`Unexpected Marionette protocol: ${JSON.stringify(packet)}`));
        else resolve(client);
        return;
      }
      const [, id, error, result] = packet as [number, number, { error: string; message: string } | null, unknown];
      const waiting = pending.get(id);
      if (!waiting) return;
      pending.delete(id);
      if (error) waiting.reject(new MarionetteError(waiting.command, error.error, error.message));
      else waiting.resolve(result);
    };

    // Lengths count bytes, so the stream is parsed as bytes, not text.
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const colon = buffer.indexOf(0x3a);
        if (colon < 0) return;
        const length = Number(buffer.subarray(0, colon).toString('ascii'));
        if (buffer.length < colon + 1 + length) return;
        const packet = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
        buffer = buffer.subarray(colon + 1 + length);
        onPacket(packet);
      }
    });
    socket.once('error', (error) => {
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
    socket.once('close', () => {
      for (const waiting of pending.values())
        waiting.reject(new MarionetteError(waiting.command, 'disconnected', 'the browser closed the connection'));
      pending.clear();
    });
  });
}
