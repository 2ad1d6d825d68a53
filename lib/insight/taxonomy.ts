import type { Taxonomy, Topic, TopicSettings } from '../settings/topics.js';
import { DEFAULT_TAXONOMY } from './default-taxonomy.js';

/**
 * The taxonomy in effect for a stage: the default one (unless `defaultTopics` is `replace`) without
 * the topics in `withoutTopics`, each default topic that `topics` redefines replaced where it stands,
 * and the stage's new topics after them, in the order the setting lists them. With no setting, the
 * default taxonomy itself (the same array, so that its compiled rules are shared).
 */
export const taxonomyOf = (
  settings: Partial<TopicSettings> | undefined,
  defaults: Taxonomy = DEFAULT_TAXONOMY,
): Taxonomy => {
  const own = settings?.topics ?? [];
  const without = new Set<string>(settings?.withoutTopics ?? []);
  if (own.length === 0 && without.size === 0 && settings?.defaultTopics !== 'replace') return defaults;
  const ownById = new Map<string, Topic>(own.map((topic) => [topic.id, topic]));
  const kept =
    settings?.defaultTopics === 'replace'
      ? []
      : defaults.filter((topic) => !without.has(topic.id)).map((topic) => ownById.get(topic.id) ?? topic);
  const keptIds = new Set(kept.map((topic) => topic.id));
  return [...kept, ...own.filter((topic) => !keptIds.has(topic.id))];
};
