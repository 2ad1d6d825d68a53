import { describe, expect, it } from 'vitest';
import { loadEvent } from '../test/support/lambda.js';
import { createHandler } from './authorize-integrator.js';

const handler = createHandler({ apiToken: async () => 'integrator-token' });

describe('authorize-integrator', () => {
  it('lets the integrator token through', async () => {
    const event = loadEvent('api-gateway/authorizer-integrator.json');

    const result = await handler(event);

    expect(result).toEqual({ isAuthorized: true });
  });

  it('answers Unauthorized, which API Gateway turns into 401, for a wrong token or none', async () => {
    const wrong = loadEvent('api-gateway/authorizer-integrator.json');
    wrong.headers.authorization = 'Bearer integrator-token-2';
    const missing = loadEvent('api-gateway/authorizer-integrator.json');
    delete missing.headers.authorization;

    await expect(handler(wrong)).rejects.toThrow('Unauthorized');
    await expect(handler(missing)).rejects.toThrow('Unauthorized');
  });
});
