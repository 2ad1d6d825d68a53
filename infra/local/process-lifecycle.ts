import type { LocalRuntime } from './runtime.js';

/*
 * What `npm start` and `npm run demo` share as processes: the port they listen on, and stopping the
 * runtime (DynamoDB Local with it) on Ctrl-C or a stop signal, from the first moment.
 */

/** `PORT`, 3000 when unset; anything but a port number stops the process with a message. */
export const portFromEnv = (): number => {
  const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not "${process.env.PORT}"`);
    process.exit(2);
  }
  return port;
};

/**
 * Stops the runtime `current()` answers (none yet during start-up) on SIGINT or SIGTERM, once, then
 * exits. Answers whether a stop has begun, which start-up checks once the runtime is up.
 */
export const stopOnSignals = (current: () => LocalRuntime | undefined): (() => boolean) => {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await current()?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return () => stopping;
};
