import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aCase, aHeldChange, aResponse, INVITATION_ID } from '../../test/support/samples.js';
import type { CaseImage } from '../cases/case-stream-records.js';
import type { Response } from '../invitations/response.js';
import { answerEventsOf, caseEventsOf, type EventsOut } from './events.js';

const FIGURES_ONLY: EventsOut = { includeComment: false };
const WITH_COMMENT: EventsOut = { includeComment: true };

/** Ana's counted answer with her contact details on it, as the response item holds them. */
const anas = (overrides: Partial<Response> = {}): Response =>
  aResponse({
    customerName: 'Ana Lima',
    customerEmail: 'ana@example.com',
    customerPhone: '+14155550123',
    attributes: { ticketUrl: 'https://helpdesk.example.com/t/48213' },
    agent: 'agent-7',
    ...overrides,
  });

/** Ana's answer changed `seconds` after the first. */
const changed = (first: Response, seconds: number, change: Partial<Response>): Response => ({
  ...first,
  ...change,
  updatedAt: new Date(Date.parse(first.updatedAt) + seconds * 1000).toISOString(),
});

/** A case as its stream image shows it, from `aCase`. */
const caseImage = (overrides: Partial<CaseImage> = {}): CaseImage => ({
  ...aCase({ customerEmail: 'ana@example.com', customerName: 'Ana Lima' }),
  ...overrides,
});

describe('answerEventsOf', () => {
  it('tells a first counted answer as SurveyAnswered, with figures, segments and times only', () => {
    const events = answerEventsOf({ before: null, after: anas() }, FIGURES_ONLY, INVITATION_ID);

    expect(events).toEqual([
      {
        detailType: 'SurveyAnswered',
        time: '2026-11-26T10:15:02.113Z',
        detail: {
          eventId: `answered#${INVITATION_ID}`,
          interactionId: 'zd-48213',
          invitationId: INVITATION_ID,
          customerId: 'c-981',
          survey: 'nps',
          score: 3,
          category: 'detractor',
          segments: { team: 'billing', channel: 'phone', touchpoint: 'support-ticket', agent: 'agent-7' },
          answeredAt: '2026-11-26T10:15:02.113Z',
          updatedAt: '2026-11-26T10:15:02.113Z',
          caseId: INVITATION_ID,
          day: '2026-11-26',
          locale: null,
          sentiment: null,
          topics: [],
        },
      },
    ]);
  });

  it("carries the comment's labels once settled, and the language", () => {
    const [event] = answerEventsOf(
      { before: null, after: anas({ locale: 'zh-CN' }) },
      FIGURES_ONLY,
      undefined,
      {
        sentiment: 'negative',
        topics: ['waiting'],
      },
    );

    expect(event?.detail).toMatchObject({
      locale: 'zh-CN',
      sentiment: 'negative',
      topics: ['waiting'],
      caseId: null,
    });
  });

  it('carries the comment only when the stage opts in', () => {
    const [without] = answerEventsOf({ before: null, after: anas() }, FIGURES_ONLY);
    const [withComment] = answerEventsOf({ before: null, after: anas() }, WITH_COMMENT);

    expect(without?.detail).not.toHaveProperty('comment');
    expect(withComment?.detail).toMatchObject({ comment: 'the wait was awful' });
  });

  it('tells nothing of a suspect answer, and SurveyAnswered when it is released', () => {
    const held = anas({ suspect: true, suspectReasons: ['no script'] });
    const released = changed(held, 600, { suspect: false, releasedAt: '2026-11-26T10:25:02.113Z' });

    const whileHeld = answerEventsOf({ before: null, after: held }, FIGURES_ONLY);
    const onRelease = answerEventsOf({ before: held, after: released }, FIGURES_ONLY);

    expect(whileHeld).toEqual([]);
    expect(onRelease.map(({ detailType, time }) => [detailType, time])).toEqual([
      ['SurveyAnswered', '2026-11-26T10:25:02.113Z'],
    ]);
  });

  it('tells a changed score or comment of a counted answer as SurveyAnswerChanged, under its version', () => {
    const first = anas();
    const rescored = changed(first, 60, { score: 9 });
    const commented = changed(rescored, 120, { comment: 'they called back, all good' });

    const [score] = answerEventsOf({ before: first, after: rescored }, FIGURES_ONLY);
    const [comment] = answerEventsOf({ before: rescored, after: commented }, FIGURES_ONLY);

    expect(score?.detail).toMatchObject({
      eventId: `changed#${INVITATION_ID}#2026-11-26T10:16:02.113Z`,
      score: 9,
      category: 'promoter',
      before: { score: 3, category: 'detractor', updatedAt: '2026-11-26T10:15:02.113Z' },
      commentChanged: false,
    });
    expect(comment?.detail).toMatchObject({
      eventId: `changed#${INVITATION_ID}#2026-11-26T10:18:02.113Z`,
      before: { score: 9 },
      commentChanged: true,
    });
    expect(comment?.detail).not.toHaveProperty('comment');
  });

  it('tells nothing of a change held beside a counted answer, of a replay that changes nothing, or of a deletion', () => {
    const counted = anas();
    const withHeldChange = { ...counted, heldChange: aHeldChange(), changes: 1 };

    expect(answerEventsOf({ before: counted, after: withHeldChange }, WITH_COMMENT)).toEqual([]);
    expect(answerEventsOf({ before: counted, after: counted }, WITH_COMMENT)).toEqual([]);
    expect(answerEventsOf({ before: counted, after: null }, WITH_COMMENT)).toEqual([]);
    expect(answerEventsOf({ before: null, after: null }, WITH_COMMENT)).toEqual([]);
  });

  it('names the same change with the same id however often it is read', () => {
    const first = anas();
    const rescored = changed(first, 60, { score: 9 });
    const idsOf = () =>
      [
        ...answerEventsOf({ before: null, after: first }, FIGURES_ONLY),
        ...answerEventsOf({ before: first, after: rescored }, FIGURES_ONLY),
      ].map((event) => event.detail.eventId);

    expect(idsOf()).toEqual(idsOf());
    expect(new Set(idsOf()).size).toBe(2);
  });

  it("never carries a person's name, email, phone or free-text attributes, whatever they are", () => {
    const person = fc.record({
      name: fc.string({ minLength: 1 }).map((text) => `Name ${text}`),
      email: fc.emailAddress(),
      phone: fc.stringMatching(/^\+1[2-9]\d{9}$/),
      attribute: fc.string({ minLength: 8 }).map((text) => `attr:${text}`),
    });
    fc.assert(
      fc.property(person, fc.integer({ min: 0, max: 10 }), fc.boolean(), (who, score, includeComment) => {
        const answer = anas({
          score,
          customerName: who.name,
          customerEmail: who.email,
          customerPhone: who.phone,
          attributes: { note: who.attribute },
        });
        const events = [
          ...answerEventsOf({ before: null, after: answer }, { includeComment }),
          ...answerEventsOf({ before: anas(), after: changed(answer, 5, {}) }, { includeComment }),
        ];
        for (const event of events) {
          const text = JSON.stringify(event);
          for (const value of [who.name, who.email, who.phone, who.attribute]) {
            expect(text).not.toContain(JSON.stringify(value).slice(1, -1));
          }
        }
      }),
    );
  });
});

describe('caseEventsOf', () => {
  it('tells an opening as CaseOpened, with the case, its figures and segments, and no contact', () => {
    const events = caseEventsOf({ before: null, after: caseImage() }, FIGURES_ONLY);

    expect(events).toEqual([
      {
        detailType: 'CaseOpened',
        time: '2026-11-26T10:15:03.000Z',
        detail: {
          eventId: `case-opened#${INVITATION_ID}#2026-11-26T10:15:03.000Z`,
          caseId: INVITATION_ID,
          interactionId: 'zd-48213',
          customerId: 'c-981',
          survey: 'nps',
          score: 3,
          category: 'detractor',
          severity: 'high',
          segments: { team: 'billing', channel: 'phone', touchpoint: 'support-ticket' },
          openedAt: '2026-11-26T10:15:03.000Z',
          reopened: false,
        },
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/ana@example\.com|Ana Lima/);
  });

  it('tells a resolution as CaseResolved with its reason, never its note', () => {
    const open = caseImage();
    const resolved = caseImage({
      status: 'resolved',
      resolvedAt: '2026-11-26T11:02:40.000Z',
      resolution: {
        reason: 'called-back',
        note: 'Called Ana Lima on +14155550123',
      } as CaseImage['resolution'],
    });

    const events = caseEventsOf({ before: open, after: resolved }, WITH_COMMENT);

    expect(events.map((event) => event.detailType)).toEqual(['CaseResolved']);
    expect(events[0]?.detail).toMatchObject({
      eventId: `case-resolved#${INVITATION_ID}#2026-11-26T11:02:40.000Z`,
      resolvedAt: '2026-11-26T11:02:40.000Z',
      reason: 'called-back',
      comment: 'the wait was awful',
    });
    expect(JSON.stringify(events)).not.toContain('+14155550123');
  });

  it('tells a reopening as a new opening, under its own id, and its next resolution as a new one', () => {
    const resolved = caseImage({ status: 'resolved', resolvedAt: '2026-11-26T11:02:40.000Z' });
    const reopened = caseImage({
      openedAt: '2026-11-27T09:00:00.000Z',
      firstOpenedAt: '2026-11-26T10:15:03.000Z',
    });
    const resolvedAgain = {
      ...reopened,
      status: 'resolved' as const,
      resolvedAt: '2026-11-27T10:00:00.000Z',
    };

    const events = [
      ...caseEventsOf({ before: resolved, after: reopened }, FIGURES_ONLY),
      ...caseEventsOf({ before: reopened, after: resolvedAgain }, FIGURES_ONLY),
    ];

    expect(events.map((event) => [event.detailType, event.detail.eventId])).toEqual([
      ['CaseOpened', `case-opened#${INVITATION_ID}#2026-11-27T09:00:00.000Z`],
      ['CaseResolved', `case-resolved#${INVITATION_ID}#2026-11-27T10:00:00.000Z`],
    ]);
    expect(events[0]?.detail).toMatchObject({ reopened: true, firstOpenedAt: '2026-11-26T10:15:03.000Z' });
  });

  it('tells nothing of any other move of a case, nor of its deletion', () => {
    const open = caseImage();
    const acknowledged = caseImage({ status: 'acknowledged', score: 9 });
    const resolved = caseImage({ status: 'resolved', resolvedAt: '2026-11-26T11:02:40.000Z' });

    expect(caseEventsOf({ before: open, after: acknowledged }, FIGURES_ONLY)).toEqual([]);
    expect(caseEventsOf({ before: resolved, after: { ...resolved, score: 4 } }, FIGURES_ONLY)).toEqual([]);
    expect(caseEventsOf({ before: open, after: null }, FIGURES_ONLY)).toEqual([]);
  });
});
