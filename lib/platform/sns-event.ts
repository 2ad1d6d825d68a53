import type { SNSEvent } from 'aws-lambda';
import { ValidationError } from './errors.js';
import { parseJson } from './json.js';

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
