import { describe, expect, it } from 'vitest';
import { invitationIdOf } from '../lib/invitations/link-tokens.js';
import { NotFoundError } from '../lib/platform/errors.js';
import { freshStores } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { anInvitation } from '../test/support/samples.js';
import { createHandler } from './reopen-interaction-event.js';

const INVITATION_ID = invitationIdOf('zd-48214');

/** The invitation for the fixture's interaction, zd-48214, scheduled for 11:04, not gone out yet. */
const setup = async () => {
  const { invitations, responses } = await freshStores();
  await invitations.create(
    anInvitation({ invitationId: INVITATION_ID, interactionId: 'zd-48214', status: 'scheduled' }),
  );
  const handler = createHandler({ invitations, responses, clock: clockAt('2026-11-26T10:30:02Z') });
  return { handler, invitations };
};

describe('reopen-interaction-event', () => {
  it('cancels the invitation of a reopened interaction that has not gone out yet', async () => {
    const { handler, invitations } = await setup();

    const report = await handler(loadEvent('eventbridge/interaction-reopened.json'), context());

    expect(report).toMatchObject({ interactionId: 'zd-48214', status: 'cancelled', reasonCode: 'reopened' });
    expect(await invitations.get(INVITATION_ID)).toMatchObject({
      status: 'cancelled',
      reopenedAt: '2026-11-26T10:30:00.000Z',
    });
  });

  it('throws NotFoundError for an interaction never received, for the on-failure destination', async () => {
    const { handler } = await setup();
    const event = loadEvent('eventbridge/interaction-reopened.json');
    event.detail.interactionId = 'zd-99999';

    await expect(handler(event, context())).rejects.toBeInstanceOf(NotFoundError);
  });
});
