import { describe, expect, it } from 'vitest';
import { filterPolicyOf } from './alert-routing.js';
import { ENVIRONMENT_LIMIT_BYTES, parseStageConfig } from './stage-config.js';

/** A stage with `insights` as given. */
const stageWith = (settings: Record<string, unknown>) =>
  parseStageConfig({ stage: 'test', senderAddress: 'surveys@example.com', ...settings });

const topic = (id: string, phrases: string[]) => ({
  id,
  labels: { en: `Topic ${id}`, zh: `话题${id}` },
  phrases: { en: phrases, zh: [] },
});

describe('the stage’s comment insight settings, at synth', () => {
  it('takes a taxonomy of the stage’s own beside the default one', () => {
    const config = stageWith({ insights: { topics: [topic('returns', ['return label', 'refund slip'])] } });

    expect(config.insights.topics.map((one) => one.id)).toEqual(['returns']);
    expect(config.insights.defaultTopics).toBe('extend');
  });

  it('refuses a wrong topic, naming where it is', () => {
    expect(() => stageWith({ insights: { topics: [topic('Returns!', ['x'])] } })).toThrow(
      /pulse:config\.insights\.topics\.0\.id: /,
    );
    expect(() => stageWith({ insights: { withoutTopics: ['weather'] } })).toThrow(
      /pulse:config\.insights\.withoutTopics\.0: must be a default topic/,
    );
  });

  it('refuses topics too long for the environment a function is handed them in', () => {
    const phrases = Array.from({ length: 120 }, (_, i) => `a rather long phrase number ${i}`);

    expect(() => stageWith({ insights: { topics: [topic('returns', phrases)] } })).toThrow(
      new RegExp(
        `pulse:config\\.insights: makes the environment of react-to-answers about \\d+ bytes .*Lambda takes ${ENVIRONMENT_LIMIT_BYTES}`,
      ),
    );
  });

  it('routes alerts on the comment’s topics and sentiment', () => {
    const config = stageWith({
      alertSubscribers: [
        { protocol: 'email', endpoint: 'pricing@example.com', topics: ['price'], sentiments: ['negative'] },
      ],
    });

    expect(filterPolicyOf(config.alertSubscribers[0] as never)).toEqual({
      kind: ['detractor', 'update'],
      sentiment: ['negative'],
      topic: ['price'],
    });
    expect(() =>
      stageWith({
        alertSubscribers: [{ protocol: 'email', endpoint: 'a@example.com', sentiments: ['angry'] }],
      }),
    ).toThrow(/alertSubscribers\.0\.sentiments\.0/);
  });
});
