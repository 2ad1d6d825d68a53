import middy from '@middy/core';
import type { EventBridgeEvent, SNSEvent } from 'aws-lambda';
import { ValidationError } from './errors.js';
import { parseJson } from './json.js';
import { invocationLogging, logger } from './logger.js';

/**
 * The messages of an SNS event delivered to a function, each parsed from its JSON string; one that
 * is not JSON is a ValidationError, which sends the event to the on-failure destination with it.
 */
export const snsMessagesOf = (event: SNSEvent): { snsMessageId: string; message: unknown }[] =>
  event.Records.map((record) => {
    const message = parseJson(record.Sns.Message);
    if (message === undefined) throw new ValidationError([{ field: 'Sns.Message', message: 'is not JSON' }]);
    return { snsMessageId: record.Sns.MessageId, message };
  });

/**
 * The handler of a function SNS invokes (asynchronously, one record at a time): each message into
 * `handle`, and what it did logged under `done` (so an outcome carries ids and reasons, never a
 * person's data: test/personal-data-in-logs.test.ts looks). An error fails the invocation, so that Lambda's
 * retries and then the on-failure destination keep the message with its reason.
 */
export const snsHandler = (done: string, handle: (message: unknown) => Promise<unknown>) =>
  middy<SNSEvent>()
    .use(invocationLogging((event: SNSEvent) => event.Records[0]?.Sns.MessageId))
    .handler(async (event) => {
      for (const { snsMessageId, message } of snsMessagesOf(event)) {
        logger.info(done, { snsMessageId, outcome: await handle(message) });
      }
    });

/**
 * The handler of a function an EventBridge rule invokes: the event's detail into `handle`, its answer
 * logged under `done` and returned. An invalid detail throws, and the asynchronous invocation's
 * on-failure destination keeps the event with the reason.
 */
export const busHandler = <T>(done: string, handle: (detail: unknown) => Promise<T>) =>
  middy<EventBridgeEvent<string, unknown>>()
    .use(invocationLogging((event: EventBridgeEvent<string, unknown>) => event.id))
    .handler(async (event) => {
      const outcome = await handle(event.detail);
      logger.info(done, { outcome });
      return outcome;
    });
