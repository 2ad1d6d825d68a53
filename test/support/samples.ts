import type { AggregateStore } from '../../lib/aggregates/ports.js';
import { type Case, caseOf } from '../../lib/cases/case.js';
import { labelsBasisOf } from '../../lib/insight/label-comment.js';
import { type CommentLabels, commentDigestOf } from '../../lib/insight/labels.js';
import type { Invitation } from '../../lib/invitations/invitation.js';
import { invitationIdOf, signToken, type TokenPurpose } from '../../lib/invitations/link-tokens.js';
import type { HeldChange, Response } from '../../lib/invitations/response.js';
import type { Day } from '../../lib/surveys/window.js';

/*
 * The sample data the tests share: one customer, Ana, surveyed by NPS about support ticket zd-48213 in
 * the billing team, and what follows from it (her invitation, her answer, the case it opens). Each
 * builder takes overrides: a test names the values it is about, and leaves the rest to the sample.
 */

/** The invitation id of interaction zd-48213, as the stores and the links know it. */
export const INVITATION_ID = invitationIdOf('zd-48213');

/** The key the tests sign links with. */
export const SIGNING_KEY = 'test-signing-key';

/** The token of a link in Ana's invitation, signed with `key`. */
export const linkToken = (purpose: TokenPurpose, key = SIGNING_KEY): string =>
  signToken(INVITATION_ID, purpose, key);

/** Ana, as the integrator sends her. */
export const ANA: Invitation['customer'] = { id: 'c-981', email: 'ana@example.com', name: 'Ana' };

/** The example InteractionCompleted of the contract (DESIGN.md), verbatim: Ana's support ticket zd-48213. */
export const CONTRACT_EXAMPLE = {
  interactionId: 'zd-48213',
  occurredAt: '2026-11-26T10:04:00Z',
  survey: 'nps',
  customer: {
    id: 'c-981',
    email: 'ana@example.com',
    phone: '+14155550100',
    name: 'Ana',
    locale: 'en',
    timeZone: 'America/New_York',
  },
  inviteVia: 'email',
  touchpoint: 'support-ticket',
  channel: 'phone',
  team: 'billing',
  agent: 'agent-7',
  attributes: { ticketUrl: 'https://helpdesk.example.com/t/48213' },
};

/** Ana's NPS invitation for zd-48213 by email, scheduled an hour after the interaction. */
export const anInvitation = (overrides: Partial<Invitation> = {}): Invitation => ({
  invitationId: INVITATION_ID,
  interactionId: 'zd-48213',
  survey: 'nps',
  via: 'email',
  customer: { ...ANA },
  touchpoint: 'support-ticket',
  channel: 'phone',
  team: 'billing',
  occurredAt: '2026-11-26T10:04:00.000Z',
  createdAt: '2026-11-26T10:04:05.000Z',
  dueAt: '2026-11-26T11:04:00.000Z',
  status: 'scheduled',
  ...overrides,
});

/** The invitation due at once (no delay) and sent two seconds later. */
export const aSentInvitation = (overrides: Partial<Invitation> = {}): Invitation =>
  anInvitation({
    dueAt: '2026-11-26T10:04:05.000Z',
    status: 'sent',
    sentAt: '2026-11-26T10:04:07.000Z',
    ...overrides,
  });

/** Ana's answer to the invitation: an unhappy NPS 3 with a comment, counted (not held as suspect). */
export const aResponse = (overrides: Partial<Response> = {}): Response => ({
  invitationId: INVITATION_ID,
  interactionId: 'zd-48213',
  survey: 'nps',
  score: 3,
  comment: 'the wait was awful',
  suspect: false,
  day: '2026-11-26',
  answeredAt: '2026-11-26T10:15:02.113Z',
  updatedAt: '2026-11-26T10:15:02.113Z',
  team: 'billing',
  channel: 'phone',
  touchpoint: 'support-ticket',
  customerId: 'c-981',
  ...overrides,
});

/** A change of Ana's counted answer held as suspect: a 2 posted 900 ms after the page, with a comment. */
export const aHeldChange = (overrides: Partial<HeldChange> = {}): HeldChange => ({
  score: 2,
  comment: 'nobody called back',
  reasons: ['posted 900 ms after the page loaded'],
  signals: {
    scriptRan: true,
    interactions: 3,
    pageDwellMs: 900,
    sinceSentMs: 600_000,
    userAgent: 'Mozilla/5.0',
  },
  receivedAt: '2026-11-26T10:20:00.000Z',
  ...overrides,
});

/** The case an answer (`aResponse` with the overrides) opens at `openedAt`, a second after it came in. */
export const aCase = ({
  openedAt = '2026-11-26T10:15:03Z',
  ...answer
}: Partial<Response> & { openedAt?: string } = {}): Case => caseOf(aResponse(answer), new Date(openedAt));

/** Ana's team, as a segment of the metrics. */
export const BILLING = { dimension: 'team', value: 'billing' } as const;

/** An NPS day's histogram from its counts per score (none where not given). */
export const npsHistogram = (counts: Record<number, number>): number[] =>
  Array.from({ length: 11 }, (_, score) => counts[score] ?? 0);

/** Stores the billing team's NPS counts of `day` in write slot `slot`, as the fold would have written them. */
export const countedDay = (aggregates: AggregateStore, day: Day, histogram: number[], slot = 0) =>
  aggregates.write({ survey: 'nps', segment: BILLING, day, slot }, { histogram, version: 1, fences: {} }, 0);

/** The labels of an answer's comment, as the reactor writes them beside it, with `labels` as analysed. */
export const labelsOf = (
  response: Response,
  labels: Pick<CommentLabels, 'status' | 'topics'> & Partial<CommentLabels>,
): CommentLabels => ({
  ...labelsBasisOf(response),
  commentDigest: commentDigestOf(response.comment),
  ...labels,
});
