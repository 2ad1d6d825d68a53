import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { answerLocally, type LocalRequest } from '../../infra/local/capture.js';
import { LOCAL_AWS } from '../../infra/local/dynamodb-local.js';
import { SesMailer } from './email/ses-mailer.js';
import { SnsSmsSender } from './sms/sns-sms-sender.js';

/** The body of a request as it reached the transport: SNS's is a form, SES's JSON bytes. */
const bodyOf = (request: LocalRequest): string =>
  typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array);

/** Clients answered at the transport, after the SDK serialised their requests as AWS would receive them. */
const transport = () => {
  const bodies: string[] = [];
  const answer = async (_command: string, _input: unknown, request: LocalRequest) => {
    bodies.push(bodyOf(request));
    return { MessageId: `m-${bodies.length}` };
  };
  return {
    bodies,
    sns: answerLocally(new SNSClient(LOCAL_AWS), answer),
    sesv2: answerLocally(new SESv2Client(LOCAL_AWS), answer),
  };
};

describe('text that leaves for a customer', () => {
  it('texts a name stored with a lone surrogate, repaired, where the SDK serialiser would throw', async () => {
    const { sns, bodies } = transport();

    await new SnsSmsSender(sns, {}).send({ to: '+14155550100', text: 'Hi Ana\ud800, how did we do?' });

    expect(new URLSearchParams(bodies[0]).get('Message')).toBe('Hi Ana\ufffd, how did we do?');
  });

  it('mails a name stored with a lone surrogate as well-formed UTF-8, never an escaped half', async () => {
    const { sesv2, bodies } = transport();

    await new SesMailer(sesv2, { fromAddress: 'surveys@example.com' }).send({
      to: 'ana@example.com',
      subject: 'Ana\ud800, one quick question',
      html: '<p>Hi Ana\ud800</p>',
      text: 'Hi Ana\ud800',
    });

    const content = JSON.parse(bodies[0] ?? '{}').Content.Simple;
    expect(content.Subject.Data).toBe('Ana\ufffd, one quick question');
    expect(content.Body.Html.Data).toBe('<p>Hi Ana\ufffd</p>');
    expect(content.Body.Text.Data).toBe('Hi Ana\ufffd');
    expect(bodies[0]).not.toMatch(/\\ud800/i);
  });
});
