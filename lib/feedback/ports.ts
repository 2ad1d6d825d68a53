import type { Survey } from '../surveys/scales.js';
import type { Day } from '../surveys/window.js';
import type { FeedbackEntry, ListedEntry, ListingPosition } from './entry.js';
import type { ListingFilter } from './facets.js';

/** One survey's part of a page of the listing: the newest entries of one facet within a range of days. */
export interface ListingRead {
  survey: Survey;
  /** The facet that answers the filter (see facetOf). */
  facet: string;
  /**
   * What to keep of the facet's items as read (`suspect=true` with another filter, or a topic with a
   * sentiment), or null.
   */
  residual: ListingFilter | null;
  /** First-answer days, both included. */
  from: Day;
  to: Day;
  /** Only entries after this place (older, see ListingPosition): the last of the previous page. */
  after?: ListingPosition | undefined;
  limit: number;
}

/** Answers as leads read them, one copy per facet each is listed under (lib/feedback/facets.ts). */
export interface FeedbackStore {
  /**
   * Lists an answer as it stands (`entry`, null when it is gone), taking it out of every facet it is
   * listed under and is not any more: a changed category, a removed comment, or labels that came or
   * went move the entry, never leaving it in two places. The listing remembers what it listed, so the
   * caller need not know what the answer was before (labels may come long after the answer). Writing
   * what is listed already changes nothing, and a keep that failed part-way is finished by the same
   * keep retried, so a redelivered change is harmless.
   */
  keep(invitationId: string, entry: FeedbackEntry | null): Promise<void>;
  /**
   * Takes an erased person's answer out of the listing for good: every copy deleted, and its marker
   * left saying so, which a keep in flight honours. Answers how many copies it deleted.
   */
  erase(invitationId: string, at: Date): Promise<number>;
  /**
   * Deletes the copies `entry` is listed under, writing nothing: for an erased answer whose change
   * comes again, when a keep of it had written them and failed before the erasure could know of them.
   */
  takeBack(invitationId: string, entry: FeedbackEntry): Promise<void>;
  /** At most `limit` entries, newest first; fewer only when the range holds no more. */
  newest(read: ListingRead): Promise<ListedEntry[]>;
}
