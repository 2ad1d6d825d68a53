import type { StageConfig } from './stage-config.js';

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
 * A subscriber's SNS filter policy on message attributes: one allow-list per routing key it sets, or
 * none (every alert) when it sets none.
 */
export const filterPolicyOf = (subscriber: AlertSubscriber): Record<string, string[]> | undefined => {
  const entries = Object.entries(ATTRIBUTE_OF).flatMap(([key, attribute]): [string, string[]][] => {
    const values: readonly string[] | undefined = subscriber[key as keyof typeof ATTRIBUTE_OF];
    return values ? [[attribute, [...values]]] : [];
  });
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
};
