/**
 * Lambda event filtering, as far as Pulse's patterns use it: a record passes a pattern when every key
 * of the pattern matches; a list matches when one of its values does (exact values, or `prefix`,
 * `exists`, `anything-but` and `numeric` rules). A record passes the criteria when any pattern matches.
 */
export const matchesFilters = (record: unknown, patterns: readonly Record<string, unknown>[]): boolean =>
  patterns.length === 0 || patterns.some((pattern) => matchesPattern(record, pattern));

const matchesPattern = (value: unknown, pattern: Record<string, unknown>): boolean =>
  Object.entries(pattern).every(([key, rule]) => {
    const field =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(rule)) return rule.some((option) => matchesValue(field, option));
    if (typeof rule === 'object' && rule !== null)
      return matchesPattern(field, rule as Record<string, unknown>);
    return false;
  });

const matchesValue = (field: unknown, option: unknown): boolean => {
  if (typeof option !== 'object' || option === null) return field === option;
  const rule = option as Record<string, unknown>;
  if ('exists' in rule) return (field !== undefined) === rule.exists;
  if (field === undefined) return false;
  if ('prefix' in rule) return typeof field === 'string' && field.startsWith(String(rule.prefix));
  if ('anything-but' in rule) {
    const excluded = rule['anything-but'];
    return Array.isArray(excluded) ? !excluded.includes(field) : field !== excluded;
  }
  if ('numeric' in rule && Array.isArray(rule.numeric)) {
    const number = Number(field);
    const ops = rule.numeric as (string | number)[];
    for (let i = 0; i < ops.length; i += 2) {
      const [op, bound] = [ops[i], Number(ops[i + 1])];
      const ok =
        op === '='
          ? number === bound
          : op === '<'
            ? number < bound
            : op === '<='
              ? number <= bound
              : op === '>'
                ? number > bound
                : op === '>='
                  ? number >= bound
                  : false;
      if (!ok) return false;
    }
    return true;
  }
  return false;
};
