import type { AlertKind } from '../lib/settings/alerts.js';
import type { StageConfig } from './stage-config.js';

/** What a subscriber that does not say receives: detractor alerts and the updates on their cases. */
export const DEFAULT_RECEIVES = ['detractor', 'update'] as const satisfies readonly AlertKind[];

export type AlertSubscriber = StageConfig['alertSubscribers'][number];

/**
 * The message attribute each routing key filters on. Detractor alerts, case updates and escalations
 * set all of them; an answer without an agent gives them `agent: none` (lib/alerts/detractor-alert.ts),
 * so `agents: ["none"]` routes those. A metric alert sets only its rule's segment, and an SNS filter
 * policy never matches an attribute a message lacks: a subscriber with `agents` (or `teams`, …) gets
 * only the metric alerts of rules that watch one of its values. `topic` is a String.Array (an alert
 * about waiting and price matches `topics: ["price"]`), and metric alerts carry neither it nor
 * `sentiment`: a subscriber with `topics` or `sentiments` receives answers' alerts only.
 */
const ATTRIBUTE_OF = {
  teams: 'team',
  agents: 'agent',
  touchpoints: 'touchpoint',
  channels: 'channel',
  surveys: 'survey',
  severities: 'severity',
  sentiments: 'sentiment',
  topics: 'topic',
} as const;

/**
 * A subscriber's SNS filter policy on message attributes: the kinds of alert it receives (detractor
 * alerts unless it says otherwise), and one allow-list per routing key it sets. The stage's settings
 * refuse a subscriber whose policy SNS would refuse (`filterPolicyProblems`).
 */
export const filterPolicyOf = (subscriber: AlertSubscriber): Record<string, string[]> => {
  const entries = Object.entries(ATTRIBUTE_OF).flatMap(([key, attribute]): [string, string[]][] => {
    const values: readonly string[] | undefined = subscriber[key as keyof typeof ATTRIBUTE_OF];
    return values ? [[attribute, [...values]]] : [];
  });
  return { kind: [...(subscriber.receives ?? DEFAULT_RECEIVES)], ...Object.fromEntries(entries) };
};

/**
 * SNS's limits on one subscription's filter policy: at most 5 attribute names, and 150 combinations
 * of values (the product of the number of values of each name). The policy always names the alert's
 * `kind`, and one more name per routing key set.
 */
export const FILTER_POLICY_LIMITS = { names: 5, combinations: 150 } as const;

/**
 * Why SNS would refuse a subscriber's filter policy at deploy, each with the routing key to cut, so
 * that synth refuses it first (infra/stage-config.ts); none when SNS takes it.
 */
export const filterPolicyProblems = (
  subscriber: Pick<AlertSubscriber, keyof typeof ATTRIBUTE_OF | 'receives'>,
): { key: string; message: string }[] => {
  const lists = Object.keys(ATTRIBUTE_OF).flatMap((key): [string, readonly string[]][] => {
    const values = subscriber[key as keyof typeof ATTRIBUTE_OF];
    return values ? [[key, values]] : [];
  });
  const problems: { key: string; message: string }[] = [];
  const names = 1 + lists.length;
  if (names > FILTER_POLICY_LIMITS.names) {
    problems.push({
      key: lists[FILTER_POLICY_LIMITS.names - 1]?.[0] ?? 'receives',
      message: `routes on ${names} message attributes with kind; SNS takes ${FILTER_POLICY_LIMITS.names}: drop ${names - FILTER_POLICY_LIMITS.names} of ${lists.map(([key]) => key).join(', ')}`,
    });
  }
  const combinations = lists.reduce(
    (product, [, values]) => product * values.length,
    (subscriber.receives ?? DEFAULT_RECEIVES).length,
  );
  if (combinations > FILTER_POLICY_LIMITS.combinations) {
    const longest = [...lists].sort((a, b) => b[1].length - a[1].length)[0]?.[0] ?? 'receives';
    problems.push({
      key: longest,
      message: `makes ${combinations} combinations of values with the other routing keys and receives; SNS takes ${FILTER_POLICY_LIMITS.combinations}: split the subscriber`,
    });
  }
  return problems;
};
