import { defineSetting } from './setting.js';
import { InsightSettingsSchema } from './topics.js';

/*
 * Comment insight: the topics the stage's comments are labelled with.
 */

/**
 * The stage's `insights`: `topics` of its own, replacing or extending the default taxonomy
 * (`defaultTopics`), and default topics left out (`withoutTopics`); see lib/settings/topics.ts.
 * Checked at synth, so a stage with a wrong topic does not deploy.
 */
export const INSIGHTS = defineSetting('insights', 'INSIGHT_SETTINGS', InsightSettingsSchema.prefault({}));

/**
 * Tries of a comment's analysis off the stream before it is given up (`failed`, its message on the
 * dead-letter queue): a throttle or an outage of a few minutes passes within them.
 */
export const ANALYSIS_ATTEMPTS = 5;
