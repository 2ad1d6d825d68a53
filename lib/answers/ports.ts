/** What became of a page stamp's use by one POST (see PageStamps). */
export type StampUse = 'first' | 'repeat' | 'reused';

/** The uses of survey pages' stamps: each rendered page sends one answer. */
export interface PageStamps {
  /**
   * Records that a POST used a page's stamp, with `answer`, a keyed digest of the score and comment it
   * carried (never the words), kept until `expiresAt`. Answers `first` when the stamp had not been
   * used, `repeat` when it was used for this same answer (the form sent twice: a double click, a
   * reload that posts again), and `reused` when it was used for another answer. Of two POSTs at once,
   * exactly one gets `first`.
   */
  use(invitationId: string, stampId: string, answer: string, expiresAt: Date): Promise<StampUse>;
  /** Forgets a stamp's use whose answer could not be stored, so that its retry is its first use. */
  giveBack(invitationId: string, stampId: string): Promise<void>;
}
