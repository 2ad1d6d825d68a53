import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { hashToken } from '../lib/access/integrator-credentials.js';
import { clientFor, interaction } from './support/client.js';

/*
 * Named credentials through the local runtime, as an integrator meets them: the runtime's own token
 * (the credential `local`, every scope) and two more from the same document the stage's secret holds.
 */

const READER = 'pulse_reader-token-for-the-tests';
const SENDER_OLD = 'pulse_sender-token-current';
const SENDER_NEXT = 'pulse_sender-token-next';

let runtime: LocalRuntime;
let api: ReturnType<typeof clientFor>;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    port: 0,
    apiToken: 'test-token',
    pollIntervalMs: 10,
    credentials: JSON.stringify({
      credentials: [
        { name: 'dashboard', scopes: ['invitations:read'], tokens: [hashToken(READER)] },
        {
          name: 'helpdesk',
          scopes: ['interactions:send', 'invitations:read'],
          tokens: [hashToken(SENDER_OLD), hashToken(SENDER_NEXT)],
        },
      ],
    }),
  });
  api = clientFor(runtime);
});

afterAll(async () => {
  await runtime?.stop();
});

describe('integrator credentials, through the local runtime', () => {
  it('refuses (403) a read-only credential on POST /interactions and answers it on GET /invitations', async () => {
    const event = interaction();
    const sent = await api.post('/interactions', event, SENDER_OLD);

    const refused = await api.post('/interactions', interaction(), READER);
    const reopen = await api.post(`/interactions/${event.interactionId}/reopen`, {}, READER);
    const read = await api.get(`/invitations/${event.interactionId}`, READER);

    expect(sent.status).toBe(202);
    expect(refused.status).toBe(403);
    expect(reopen.status).toBe(403);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      interactionId: event.interactionId,
      receivedFrom: 'integrator:helpdesk',
    });
  });

  it('keeps a credential out of the routes of scopes it lacks, leads routes included', async () => {
    const cases = await api.get('/cases', SENDER_OLD);
    const metrics = await api.get('/metrics?survey=nps', READER);

    expect(cases.status).toBe(403);
    expect(metrics.status).toBe(403);
  });

  it("takes both of a credential's tokens while it is rotated, and no other", async () => {
    const current = await api.post('/interactions', interaction(), SENDER_OLD);
    const next = await api.post('/interactions', interaction(), SENDER_NEXT);
    const wrong = await api.post('/interactions', interaction(), 'pulse_sender-token-guessed');

    expect(current.status).toBe(202);
    expect(next.status).toBe(202);
    expect(wrong.status).toBe(401);
  });

  it('lets the printed token do everything, as the credential local', async () => {
    const event = interaction();

    const sent = await api.post('/interactions', event);
    const cases = await api.get('/cases');
    const read = await api.get(`/invitations/${event.interactionId}`);

    expect(sent.status).toBe(202);
    expect(cases.status).toBe(200);
    expect(read.json).toMatchObject({ receivedFrom: 'integrator:local' });
  });
});
