import { describe, expect, it } from 'vitest';
import { aResponse } from '../../test/support/samples.js';
import type { Response } from '../invitations/response.js';
import { renderDetractorAlert } from './detractor-alert.js';

/** Ana's answer, with all an alert can show: her agent, her name and phone, and the ticket. */
const response = (overrides: Partial<Response> = {}): Response =>
  aResponse({
    agent: 'agent-7',
    customerName: 'Ana',
    customerPhone: '+14155550100',
    attributes: { ticketUrl: 'https://helpdesk.example.com/t/48213' },
    ...overrides,
  });

describe('renderDetractorAlert', () => {
  it('says who, what score, what they said and where, with the ticket link', () => {
    const alert = renderDetractorAlert(response());

    expect(alert.subject).toBe('NPS 3/10 from Ana (billing)');
    expect(alert.message).toContain('Ana answered 3/10 on NPS (detractor).');
    expect(alert.message).toContain('> the wait was awful');
    expect(alert.message).toContain('ticketUrl: https://helpdesk.example.com/t/48213');
    expect(alert.attributes).toEqual({
      kind: 'detractor',
      survey: 'nps',
      score: 3,
      category: 'detractor',
      severity: 'high',
      team: 'billing',
      agent: 'agent-7',
      touchpoint: 'support-ticket',
      channel: 'phone',
    });
  });

  it('quotes every line of a comment, so that it cannot pass for a contact line', () => {
    const alert = renderDetractorAlert(response({ comment: 'fine\nPhone: +19005550000' }));

    const phoneLines = alert.message.split('\n').filter((line) => line.startsWith('Phone:'));
    expect(phoneLines).toEqual(['Phone: +14155550100']);
    expect(alert.message).toContain('> Phone: +19005550000');
  });

  it('grades severity within the configured unhappy range', () => {
    const alert = renderDetractorAlert(response({ score: 8 }), { nps: 8, csat: 2, ces: 3 });

    expect(alert.attributes.severity).toBe('medium');
  });
});
