import * as z from 'zod';
import { DEFAULT_UNHAPPY_AT_OR_BELOW, SCALES } from '../surveys/scales.js';
import { defineSetting } from './setting.js';

/*
 * What alerts are about, and the scores that make an answer unhappy enough to alert.
 */

/**
 * What an alert is about; subscribers choose by it (`receives`), through the `kind` attribute: a
 * detractor alert, an update on its case (a later comment, a changed score), the escalation of a case
 * left unacknowledged, or a rolling score falling below its threshold (and its recovery).
 */
export const ALERT_KINDS = ['detractor', 'update', 'escalation', 'metric'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const threshold = (survey: keyof typeof SCALES) =>
  z
    .number()
    .int()
    .min(SCALES[survey].min)
    .max(SCALES[survey].max - 1)
    .default(DEFAULT_UNHAPPY_AT_OR_BELOW[survey]);

export const UnhappyThresholdsSchema = z
  .object({ nps: threshold('nps'), csat: threshold('csat'), ces: threshold('ces') })
  .prefault({});

/** The highest unhappy score per survey. Defaults: NPS 6, CSAT 2, CES 3. */
export const UNHAPPY_AT_OR_BELOW = defineSetting(
  'unhappyAtOrBelow',
  'UNHAPPY_AT_OR_BELOW',
  UnhappyThresholdsSchema,
);
