import * as z from 'zod';
import { defineSetting } from './setting.js';

/*
 * The people in the data: how long raw items are kept, and what of them flows out to other systems.
 */

/** Days raw items are kept by default: invitations, answers, cases and what hangs on them. */
export const DEFAULT_RETENTION_DAYS = 400;

/**
 * The stage's `retention`: `days` after which an invitation, its answer, its case and their side items
 * are removed (DynamoDB's time to live; the scores stay). Default 400.
 */
export const RETENTION = defineSetting(
  'retention',
  'RETENTION',
  z.strictObject({ days: z.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS) }).prefault({}),
);

/**
 * The stage's `events`: what the events published on its bus carry beyond the figures and segments.
 * `includeComment` (default false) adds the customer's comment; contact details never go.
 */
export const EVENTS_OUT = defineSetting(
  'events',
  'EVENTS_OUT',
  z.strictObject({ includeComment: z.boolean().default(false) }).prefault({}),
);
