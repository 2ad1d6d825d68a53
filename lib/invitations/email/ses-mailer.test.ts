import {
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, ThrottledError } from '../../platform/errors.js';
import { SesMailer } from './ses-mailer.js';

const ses = mockClient(SESv2Client);

/** A mailer over a fresh SESv2 client, which the mock answers. */
const mailerWith = (options: ConstructorParameters<typeof SesMailer>[1]) =>
  new SesMailer(new SESv2Client({ region: 'us-east-1' }), options);

describe('SesMailer', () => {
  beforeEach(() => ses.reset());

  it('sends one SESv2 SendEmail per recipient with subject, HTML, text, headers and the configuration set', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'msg-1' });
    const mailer = mailerWith({
      fromAddress: 'surveys@example.com',
      configurationSetName: 'pulse-dev',
    });

    const id = await mailer.send({
      to: 'ana@example.com',
      subject: 'One quick question',
      html: '<p>Hi</p>',
      text: 'Hi',
      headers: {
        'List-Unsubscribe': '<https://x.example/u/t>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      tags: { invitation: 'eH_bis7h4OUB5BPYANqFxg' },
    });

    expect(id).toBe('msg-1');
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      FromEmailAddress: 'surveys@example.com',
      Destination: { ToAddresses: ['ana@example.com'] },
      ConfigurationSetName: 'pulse-dev',
      Content: {
        Simple: {
          Subject: { Data: 'One quick question', Charset: 'UTF-8' },
          Body: { Html: { Data: '<p>Hi</p>', Charset: 'UTF-8' }, Text: { Data: 'Hi', Charset: 'UTF-8' } },
          Headers: [
            { Name: 'List-Unsubscribe', Value: '<https://x.example/u/t>' },
            { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
          ],
        },
      },
      EmailTags: [{ Name: 'invitation', Value: 'eH_bis7h4OUB5BPYANqFxg' }],
    });
    // SESv2 MessageHeader: a name of 1-126 printable ASCII characters without a colon, a value of 1-870.
    // MessageTag: name and value of letters, digits, underscores and dashes, at most 256 characters.
    const input = ses.commandCalls(SendEmailCommand)[0]?.args[0].input;
    for (const header of input?.Content?.Simple?.Headers ?? []) {
      expect(header.Name).toMatch(/^[\x21-\x39\x3b-\x7e]{1,126}$/);
      expect(header.Value).toMatch(/^[\x20-\x7e]{1,870}$/);
    }
    for (const tag of input?.EmailTags ?? []) {
      expect(tag.Name).toMatch(/^[\w-]{1,256}$/);
      expect(tag.Value).toMatch(/^[\w-]{1,256}$/);
    }
  });

  it('turns a rejected message into a permanent delivery error', async () => {
    ses
      .on(SendEmailCommand)
      .rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: {} }));
    const mailer = mailerWith({
      fromAddress: 'surveys@example.com',
    });

    await expect(
      mailer.send({ to: 'x@example.com', subject: 's', html: 'h', text: 't' }),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('turns throttling into a ThrottledError, which puts the send back with a backoff', async () => {
    ses.on(SendEmailCommand).rejects(new TooManyRequestsException({ message: 'slow down', $metadata: {} }));
    const mailer = mailerWith({
      fromAddress: 'surveys@example.com',
    });

    const sending = mailer.send({ to: 'x@example.com', subject: 's', html: 'h', text: 't' });

    await expect(sending).rejects.toBeInstanceOf(ThrottledError);
    await expect(sending).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });
});
