import type { StageConfig } from './stage-config.js';

/** What a subscriber that does not say receives: detractor alerts and the updates on their cases. */
export const DEFAULT_RECEIVES = ['detractor', 'update'] as const;

export type AlertSubscriber = StageConfig['alertSubscribers'][number];

/** The message attribute each routing key filters on; the detractor alert sets all of them. */
const ATTRIBUTE_OF = {
  teams: 'team',
  touchpoints: 'touchpoint',
  channels: 'channel',
  surveys: 'survey',
  severities: 'severity',
} as const;

/**
 * A subscriber's SNS filter policy on message attributes: the kinds of alert it receives (detractor
 * alerts unless it says otherwise), and one allow-list per routing key it sets.
 */
export const filterPolicyOf = (subscriber: AlertSubscriber): Record<string, string[]> => {
  const entries = Object.entries(ATTRIBUTE_OF).flatMap(([key, attribute]): [string, string[]][] => {
    const values: readonly string[] | undefined = subscriber[key as keyof typeof ATTRIBUTE_OF];
    return values ? [[attribute, [...values]]] : [];
  });
  return { kind: [...(subscriber.receives ?? DEFAULT_RECEIVES)], ...Object.fromEntries(entries) };
};
