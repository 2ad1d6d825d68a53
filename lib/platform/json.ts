/**
 * The value of a JSON text, or `undefined` when it is not JSON (a value JSON itself never yields), so
 * that each caller says in its own words what was wrong. Never `JSON.parse(x) as T`: the value is
 * `unknown` until a schema has checked it.
 */
export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};
