import type { Response } from '../invitations/response.js';
import { type Category, categorize, type Survey } from '../surveys/scales.js';
import type { Sentiment } from '../surveys/sentiments.js';

/**
 * One answer as `GET /responses` lists it: the figures and segments of the answer, its comment, and
 * what the reactor learned of it (its case; its comment's labels once analysed). Nothing that names the
 * customer: no name, contacts or customer id.
 */
export interface FeedbackEntry {
  interactionId: string;
  survey: Survey;
  score: number;
  /** Derived from the score by the survey's scale (lib/surveys/scales.ts), never stored as truth. */
  category: Category;
  /** null when the customer left none. */
  comment: string | null;
  /** When the first answer came: the order of the listing, and the day the scores count it on. */
  answeredAt: string;
  updatedAt: string;
  team: string;
  agent?: string;
  channel: string;
  touchpoint: string;
  locale?: string;
  /** Held as suspect: listed only under `suspect=true`, until released. */
  suspect: boolean;
  sentiment?: Sentiment;
  topics?: string[];
  /** The case the answer opened, when it is unhappy or was (the invitation's id). */
  caseId?: string;
}

/** An entry's fields in the order of the contract: the JSON's, and the CSV's columns. */
export const ENTRY_FIELDS = [
  'interactionId',
  'survey',
  'score',
  'category',
  'comment',
  'answeredAt',
  'updatedAt',
  'team',
  'agent',
  'channel',
  'touchpoint',
  'locale',
  'suspect',
  'sentiment',
  'topics',
  'caseId',
] as const satisfies readonly (keyof FeedbackEntry)[];

/** An entry as stored (the table keeps fields in an order of its own): its fields, in the contract's order. */
export const entryFromStored = (fields: Record<string, unknown>): FeedbackEntry =>
  Object.fromEntries(
    ENTRY_FIELDS.flatMap((field) => (fields[field] === undefined ? [] : [[field, fields[field]]])),
  ) as unknown as FeedbackEntry;

/** What the reactor's steps learned of an answer before it is listed. */
export interface LearnedOfAnswer {
  caseId?: string | undefined;
  sentiment?: Sentiment | undefined;
  topics?: string[] | undefined;
}

/** An answer's entry in the listing, from the answer as stored and what the reactor learned of it. */
export const entryOf = (response: Response, learned: LearnedOfAnswer = {}): FeedbackEntry => ({
  interactionId: response.interactionId,
  survey: response.survey,
  score: response.score,
  category: categorize(response.survey, response.score),
  comment: response.comment === '' ? null : response.comment,
  answeredAt: response.answeredAt,
  updatedAt: response.updatedAt,
  team: response.team,
  ...(response.agent === undefined ? {} : { agent: response.agent }),
  channel: response.channel,
  touchpoint: response.touchpoint,
  ...(response.locale === undefined ? {} : { locale: response.locale }),
  suspect: response.suspect,
  ...(learned.sentiment === undefined ? {} : { sentiment: learned.sentiment }),
  ...(learned.topics === undefined ? {} : { topics: learned.topics }),
  ...(learned.caseId === undefined ? {} : { caseId: learned.caseId }),
});

/**
 * Where an answer stands in the listing: newest first by the first answer's time, answers of the same
 * millisecond by invitation id (descending), so that every answer has one place and a page's cursor
 * is exact.
 */
export interface ListingPosition {
  answeredAt: string;
  invitationId: string;
}

/** An entry with its place in the listing. */
export interface ListedEntry {
  position: ListingPosition;
  entry: FeedbackEntry;
}

/** True when `a` comes before `b` in the listing (newer, or the same time and a greater invitation id). */
export const comesBefore = (a: ListingPosition, b: ListingPosition): boolean =>
  a.answeredAt === b.answeredAt ? a.invitationId > b.invitationId : a.answeredAt > b.answeredAt;

/**
 * The labels an answer is listed with: its sentiment and topics once its comment is analysed, none
 * while the analysis is pending or after it failed (the facets would promise what is not known).
 */
export const listedLabelsOf = (
  insight:
    | { status: string; sentiment?: Sentiment | undefined; topics: readonly string[] }
    | null
    | undefined,
): Pick<LearnedOfAnswer, 'sentiment' | 'topics'> =>
  insight?.status === 'done' && insight.sentiment !== undefined
    ? { sentiment: insight.sentiment, topics: [...insight.topics] }
    : {};
