import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_CHANGES } from '../lib/answers/record-answer.js';
import { httpCaller, httpEvent, linkDeps } from '../test/support/handlers.js';
import { ANA, aResponse, aSentInvitation, INVITATION_ID, linkToken } from '../test/support/samples.js';
import { createHandler } from './show-survey.js';

/** Ana's NPS invitation, sent, and the page of its survey links for the brand Acme. */
const setup = async () => {
  const invitation = aSentInvitation({ survey: 'nps', customer: { ...ANA, locale: 'en' } });
  const deps = await linkDeps(invitation, '2026-11-26T10:14:40Z');
  const handler = createHandler({ ...deps, messages: { brandName: 'Acme', defaultLocale: 'en' } });
  return { call: httpCaller(handler), responses: deps.responses };
};

/** The fixture (a tap on the link of score 3) for a link with `token`. */
const linkWith = (token: string) => httpEvent('get-survey-page', { pathParameters: { token } });

describe('show-survey', () => {
  it('shows the question with the score of the tapped link preselected, and records nothing', async () => {
    const { call, responses } = await setup();
    const token = linkToken('survey');

    const result = await call(linkWith(token));

    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('How likely are you to recommend Acme to a friend or colleague?');
    expect(result.body).toContain('value="3" required checked');
    expect(result.body).toContain(`action="/s/${token}"`);
    expect(await responses.get(INVITATION_ID)).toBeNull();
  });

  it('shows an answer that took every change it may as it stands, with no form', async () => {
    const { call, responses } = await setup();
    await responses.save(aResponse({ score: 2, comment: 'slow', changes: MAX_ANSWER_CHANGES }));

    const result = await call(linkWith(linkToken('survey')));

    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('We recorded a score of 2.');
    expect(result.body).toContain('it can no longer be changed');
    expect(result.body).not.toContain('<form');
  });

  it('answers 404 with a page for a link whose token was changed', async () => {
    const { call } = await setup();
    const forged = linkToken('survey', 'another-key');

    const result = await call(linkWith(forged));

    expect(result.statusCode).toBe(404);
    expect(result.body).toContain('This link does not work');
  });
});
