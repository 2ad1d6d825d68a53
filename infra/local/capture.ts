import { randomUUID } from 'node:crypto';

/** A message the local runtime "sent": the exact SDK command input, in order. */
export interface OutboxEntry {
  kind: 'email' | 'sms' | 'alert';
  at: string;
  messageId: string;
  input: unknown;
}

/** The part of an SDK v3 client this needs: its middleware stack (typed loosely: any client fits). */
interface SdkClient {
  middlewareStack: { add(middleware: never, options: never): void };
}

type InitializeMiddleware = (
  next: unknown,
  context: { commandName?: string },
) => (args: { input: unknown }) => Promise<{ output: unknown; response: unknown }>;

/**
 * Answers an SDK client's commands locally instead of calling AWS: the command input is handed to
 * `answer`, whose result becomes the command's output. The real adapters run unchanged above it, so
 * the requests they build are the ones AWS would receive.
 */
export const answerLocally = <C extends SdkClient>(
  client: C,
  answer: (commandName: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>,
): C => {
  const middleware: InitializeMiddleware = (_next, context) => async (args) => {
    const commandName = context.commandName ?? '';
    const output = await answer(commandName, args.input as Record<string, unknown>);
    return {
      output: { $metadata: { httpStatusCode: 200, requestId: randomUUID() }, ...output },
      response: {},
    };
  };
  client.middlewareStack.add(
    middleware as never,
    { step: 'initialize', name: 'pulseLocalAnswer', priority: 'high' } as never,
  );
  return client;
};

/** Every email, SMS and alert that went out, for `GET /_local/outbox`. */
export class Outbox {
  private readonly entries: OutboxEntry[] = [];

  record(kind: OutboxEntry['kind'], at: Date, input: unknown): string {
    const messageId = randomUUID();
    this.entries.push({ kind, at: at.toISOString(), messageId, input: structuredClone(input) });
    return messageId;
  }

  list(kind?: OutboxEntry['kind']): OutboxEntry[] {
    return kind ? this.entries.filter((entry) => entry.kind === kind) : [...this.entries];
  }
}
