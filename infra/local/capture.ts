import { randomUUID } from 'node:crypto';
import { escapeHtml } from '../../lib/platform/html.js';

/** The kinds of what the local runtime sends out: emails, SMS, alerts and events put on the bus. */
export const OUTBOX_KINDS = ['email', 'sms', 'alert', 'event'] as const;

/** A message the local runtime "sent": the exact SDK command input (an event: its PutEvents entry), in order. */
export interface OutboxEntry {
  kind: (typeof OUTBOX_KINDS)[number];
  at: string;
  messageId: string;
  input: unknown;
}

/** The serialised, signed request as it reaches the transport. */
export interface LocalRequest {
  method: string;
  hostname: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** The part of an SDK v3 client this needs (typed loosely: any client fits). */
interface SdkClient {
  middlewareStack: { add(middleware: never, options: never): void };
  config: {
    requestHandler?: unknown;
    protocol?: { getShapeId(): string };
    protocolSettings?: { [setting: string]: unknown };
  };
}

type BuildMiddleware = (
  next: (args: { input: unknown; request: LocalRequest }) => Promise<unknown>,
  context: { commandName?: string },
) => (args: { input: unknown; request: LocalRequest }) => Promise<unknown>;

type Answer = (
  commandName: string,
  input: Record<string, unknown>,
  request: LocalRequest,
) => Promise<Record<string, unknown>>;

// Signing and retries copy the request, so the call travels with it as a header.
const CALL_HEADER = 'x-pulse-local-call';

/**
 * Answers an SDK client's commands locally instead of calling AWS. Each request goes through the
 * SDK's own serialising and signing; only one that reaches the transport, as AWS would receive it, is
 * handed to `answer` with its command input. `answer`'s result is sent back in the service's protocol
 * for the SDK to parse, and an error it throws is the command's error.
 */
export const answerLocally = <C extends SdkClient>(client: C, answer: Answer): C => {
  const { config, middlewareStack } = client as SdkClient;
  const calls = new Map<string, { commandName: string; input: Record<string, unknown> }>();
  const middleware: BuildMiddleware = (next, context) => async (args) => {
    const call = randomUUID();
    calls.set(call, { commandName: context.commandName ?? '', input: args.input as Record<string, unknown> });
    args.request.headers[CALL_HEADER] = call;
    try {
      return await next(args);
    } finally {
      calls.delete(call);
    }
  };
  middlewareStack.add(middleware as never, { step: 'build', name: 'pulseLocalCall' } as never);
  config.requestHandler = {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async (request: LocalRequest) => {
      const call = calls.get(request.headers[CALL_HEADER] ?? '');
      if (!call) throw new Error(`${request.method} ${request.path} reached the transport unannounced`);
      const output = await answer(call.commandName, call.input, request);
      const xmlNamespace = config.protocolSettings?.xmlNamespace;
      return {
        response: encodeOutput(
          config.protocol?.getShapeId() ?? '',
          call.commandName.replace(/Command$/, ''),
          output,
          typeof xmlNamespace === 'string' ? xmlNamespace : '',
        ),
      };
    },
  };
  return client;
};

/** An HTTP response as the SDK's transport hands it to the SDK's parser (header names in lower case, as Node reads them). */
export interface LocalResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Answers every request of an SDK client at the transport with `respond`'s HTTP response, for a twin
 * that reads the request off the wire as the service does: the SDK has built, serialised and signed it
 * before, and parses the response, an error response too, as it parses AWS's.
 */
export const answerAtTransport = <C extends SdkClient>(
  client: C,
  respond: (request: LocalRequest) => Promise<LocalResponse>,
): C => {
  (client as SdkClient).config.requestHandler = {
    metadata: { handlerProtocol: 'http/1.1' },
    handle: async (request: LocalRequest) => ({ response: await respond(request) }),
  };
  return client;
};

/** A successful response to `operation` in the client's protocol (flat outputs only, which is all Pulse reads). */
const encodeOutput = (
  protocol: string,
  operation: string,
  output: Record<string, unknown>,
  xmlNamespace: string,
) => {
  const requestId = randomUUID();
  const respond = (contentType: string, body: string) => ({
    statusCode: 200,
    headers: { 'content-type': contentType, 'x-amzn-requestid': requestId },
    body: Buffer.from(body),
  });
  switch (protocol) {
    case 'aws.protocols#awsQuery': {
      const fields = Object.entries(output).map(([name, value]) => {
        if (typeof value === 'object') throw new Error(`local ${operation} cannot answer with ${name}`);
        return `<${name}>${escapeHtml(String(value))}</${name}>`;
      });
      return respond(
        'text/xml',
        `<${operation}Response xmlns="${xmlNamespace}"><${operation}Result>${fields.join('')}</${operation}Result>` +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
      );
    }
    case 'aws.protocols#awsJson1_0':
      return respond('application/x-amz-json-1.0', JSON.stringify(output));
    case 'aws.protocols#awsJson1_1':
      return respond('application/x-amz-json-1.1', JSON.stringify(output));
    case 'aws.protocols#restJson1':
      return respond('application/json', JSON.stringify(output));
    default:
      throw new Error(`local answers do not speak ${protocol || 'this protocol'}`);
  }
};

/** Every email, SMS, alert and event that went out, for `GET /_local/outbox`. */
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
