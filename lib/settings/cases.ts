import * as z from 'zod';
import { SurveySchema } from '../surveys/scales.js';
import { defineSetting } from './setting.js';

/*
 * The closed loop: why a case is closed, how long it may wait, and the survey that may follow it.
 */

/** Why a case was closed; a fixed list, so that reports can count them. */
export const RESOLUTION_REASONS = [
  'called-back',
  'issue-fixed',
  'customer-unreachable',
  'no-action-needed',
  'duplicate',
] as const;

/** Minutes a case may stay open, unacknowledged, before it escalates once. */
export const CaseSlaSchema = z.strictObject({
  highMinutes: z.number().int().min(5).max(10_080).default(60),
  mediumMinutes: z.number().int().min(5).max(10_080).default(240),
});
export type CaseSla = z.infer<typeof CaseSlaSchema>;

/** Minutes a case may stay unacknowledged before it escalates, per severity. Defaults: high 60, medium 240. */
export const CASE_SLA = defineSetting('caseSla', 'CASE_SLA', CaseSlaSchema.prefault({}));

/**
 * The short survey a customer may get once their case is resolved, asking how the follow-up went. Off
 * unless the stage sets it. It goes out as a new interaction under `touchpoint` (so its scores are
 * reported apart), through the same contact policy, whose fatigue rule it is exempt from unless the
 * stage's `contactPolicy.touchpoints` says otherwise; a suppressed customer is never asked.
 */
export const RecoverySurveySchema = z.strictObject({
  survey: SurveySchema.default('csat'),
  touchpoint: z.string().trim().min(1).max(128).default('case-recovery'),
  /** Resolution reasons that send it; the others (unreachable, duplicate, …) never do. */
  onReasons: z.array(z.enum(RESOLUTION_REASONS)).min(1).default(['called-back', 'issue-fixed']),
});
export type RecoverySurvey = z.infer<typeof RecoverySurveySchema>;

/**
 * The short survey a customer gets when their case is resolved as called back or fixed (`onReasons`):
 * `survey` (default csat) under `touchpoint` (default case-recovery). Off unless set; `{}` turns it on.
 */
export const RECOVERY_SURVEY = defineSetting(
  'recoverySurvey',
  'RECOVERY_SURVEY',
  RecoverySurveySchema.nullable().default(null),
);
