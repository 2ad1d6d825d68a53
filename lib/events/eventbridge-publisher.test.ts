import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { answerLocally, type LocalRequest } from '../../infra/local/capture.js';
import { LOCAL_AWS } from '../../infra/local/dynamodb-local.js';
import { aResponse } from '../../test/support/samples.js';
import {
  EventBridgePublisher,
  EventNotPutError,
  EventTooLargeError,
  entrySizeOf,
  MAX_ENTRY_BYTES,
} from './eventbridge-publisher.js';
import { answerEventsOf, type OutgoingEvent } from './events.js';

const BUS = 'pulse-dev-events';

/** Ana's first answer, as the reactor tells it. */
const answered = (comment?: string): OutgoingEvent => {
  const [event] = answerEventsOf(
    { before: null, after: aResponse(comment === undefined ? {} : { comment }) },
    { includeComment: comment !== undefined },
  );
  if (!event) throw new Error('no event');
  return event;
};

describe('EventBridgePublisher', () => {
  it('puts one entry on the bus, source pulse, its detail as JSON and its time, and answers its id', async () => {
    const eventBridge = mockClient(EventBridgeClient);
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'evt-1' }] });
    const event = answered();

    const id = await new EventBridgePublisher(new EventBridgeClient({}), BUS).publish(event);

    expect(id).toBe('evt-1');
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [
        {
          EventBusName: BUS,
          Source: 'pulse',
          DetailType: 'SurveyAnswered',
          Detail: JSON.stringify(event.detail),
          Time: new Date('2026-11-26T10:15:02.113Z'),
        },
      ],
    });
    eventBridge.restore();
  });

  it('throws the entry’s error when the bus refuses it with a 200, so that the stream retries', async () => {
    const eventBridge = mockClient(EventBridgeClient);
    eventBridge.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }],
    });

    const refused = await new EventBridgePublisher(new EventBridgeClient({}), BUS)
      .publish(answered())
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(EventNotPutError);
    expect((refused as Error).message).toMatch(
      /answered#.+ was not put on pulse-dev-events: ThrottlingException: Rate exceeded/,
    );
    eventBridge.restore();
  });

  it('refuses an event heavier than an entry may be before calling the bus', async () => {
    const eventBridge = mockClient(EventBridgeClient);
    const heavy = answered('x'.repeat(MAX_ENTRY_BYTES));

    const refused = await new EventBridgePublisher(new EventBridgeClient({}), BUS)
      .publish(heavy)
      .catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(EventTooLargeError);
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
    eventBridge.restore();
  });

  it('sends PutEvents as EventBridge reads it off the wire', async () => {
    const requests: LocalRequest[] = [];
    const client = answerLocally(
      new EventBridgeClient({ ...LOCAL_AWS, maxAttempts: 1 }),
      async (_c, _i, request) => {
        requests.push(request);
        return { FailedEntryCount: 0, Entries: [{ EventId: 'evt-2' }] };
      },
    );
    const event = answered('the wait was awful');

    const id = await new EventBridgePublisher(client, BUS).publish(event);

    expect(id).toBe('evt-2');
    const [request] = requests;
    expect(request?.headers['x-amz-target']).toBe('AWSEvents.PutEvents');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.1');
    const body = JSON.parse(new TextDecoder().decode(request?.body as Uint8Array));
    expect(body).toEqual({
      Entries: [
        {
          EventBusName: BUS,
          Source: 'pulse',
          DetailType: 'SurveyAnswered',
          Detail: JSON.stringify(event.detail),
          Time: Date.parse('2026-11-26T10:15:02.113Z') / 1000,
        },
      ],
    });
    expect(JSON.parse(body.Entries[0].Detail)).toMatchObject({ comment: 'the wait was awful' });
  });

  it('counts an entry’s size as EventBridge does: the time, then the UTF-8 bytes of its texts', () => {
    expect(
      entrySizeOf({ Time: new Date(), Source: 'pulse', DetailType: 'CaseOpened', Detail: '{"a":"等"}' }),
    ).toBe(14 + 5 + 10 + 11);
  });
});
