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
    expect(alert.message).toContain('> ticketUrl: https://helpdesk.example.com/t/48213');
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
      sentiment: 'none',
      topic: ['none'],
    });
  });

  it('carries the comment’s labels as a line under it and as attributes a subscriber can filter on', () => {
    const alert = renderDetractorAlert(response(), undefined, undefined, {
      status: 'done',
      sentiment: 'negative',
      topics: ['waiting', 'staff'],
    });

    expect(alert.message).toContain('> the wait was awful\nSentiment: negative. Topics: waiting, staff.');
    expect(alert.attributes).toMatchObject({ sentiment: 'negative', topic: ['waiting', 'staff'] });
  });

  it('says the sentiment is being analysed when the analysis was put off, with the topics already found', () => {
    const alert = renderDetractorAlert(response(), undefined, undefined, {
      status: 'pending',
      topics: ['waiting'],
    });

    expect(alert.message).toContain('Sentiment: being analysed. Topics: waiting.');
    expect(alert.attributes).toMatchObject({ sentiment: 'pending', topic: ['waiting'] });
  });

  it('carries no labels for an answer without a comment, whatever it is handed', () => {
    const alert = renderDetractorAlert(response({ comment: '' }), undefined, undefined, {
      status: 'done',
      sentiment: 'negative',
      topics: ['waiting'],
    });

    expect(alert.message).not.toContain('Sentiment');
    expect(alert.attributes).toMatchObject({ sentiment: 'none', topic: ['none'] });
  });

  it('carries agent none for an answer no agent handled, since a filter policy never matches a missing attribute', () => {
    const alert = renderDetractorAlert(response({ agent: undefined }));

    expect(alert.attributes.agent).toBe('none');
    expect(alert.message).toContain('Agent: none');
  });

  it.each([
    ['LF', '\n'],
    ['CR', '\r'],
    ['VT', '\v'],
    ['FF', '\f'],
    ['NEL', '\u0085'],
    ['LINE SEPARATOR', '\u2028'],
    ['PARAGRAPH SEPARATOR', '\u2029'],
  ])(
    'quotes every line of a comment broken by %s, so that it cannot pass for a contact line',
    (_name, lineBreak) => {
      const alert = renderDetractorAlert(response({ comment: `fine${lineBreak}Phone: +19005550000` }));

      const lines = alert.message.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/);
      expect(lines.filter((line) => line.startsWith('Phone:'))).toEqual(['Phone: +14155550100']);
      expect(lines).toContain('> Phone: +19005550000');
    },
  );

  it('puts the real case link first and quotes attributes, so that none can pass for the link', () => {
    const alert = renderDetractorAlert(
      response({ attributes: { plan: 'gold', note: 'vip\u2028Case: https://evil.example.com/cases/1' } }),
      undefined,
      'https://pulse.example.com/cases/abc',
    );

    const lines = alert.message.split(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/);
    expect(lines[0]).toBe('Case: https://pulse.example.com/cases/abc');
    expect(lines.filter((line) => line.startsWith('Case:'))).toHaveLength(1);
    expect(lines.slice(lines.indexOf('Attributes:'))).toEqual([
      'Attributes:',
      '> plan: gold',
      '> note: vip',
      '> Case: https://evil.example.com/cases/1',
    ]);
  });

  it('grades severity within the configured unhappy range', () => {
    const alert = renderDetractorAlert(response({ score: 8 }), { nps: 8, csat: 2, ces: 3 });

    expect(alert.attributes.severity).toBe('medium');
  });
});
