import type * as z from 'zod';
import { parseJson } from '../platform/json.js';
import type { RuntimeSettings } from './stage.js';

/*
 * What a runtime setting is, and how a function reads one. Each setting is defined once, in the module
 * of its theme beside this one, and a function reads it through its definition
 * (`root.settings.get(CONTACT_POLICY)`), so that a bundle carries the schemas of the settings its use
 * case reads and no other. The whole set, the stage-wide schema and its checks are in `stage.ts`, which
 * no function imports.
 */

/**
 * A runtime setting: `name`, its key among the stage settings and the local runtime's values;
 * `variable`, the environment variable a function is handed it in; `schema`, what its value must pass.
 */
export interface Setting<N extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: N;
  readonly variable: string;
  readonly schema: S;
}

/** The value a setting reads as, once checked. */
export type SettingValue<D extends Setting> = z.output<D['schema']>;

export const defineSetting = <N extends string, S extends z.ZodType>(
  name: N,
  variable: string,
  schema: S,
): Setting<N, S> => ({ name, variable, schema });

/** A function's settings, each read and checked on first use. */
export interface Settings {
  get<D extends Setting>(setting: D): SettingValue<D>;
}

/** Thrown when a function reads a setting it was not handed, or one that fails its schema. */
export class SettingError extends Error {
  override name = 'SettingError';
}

const check = <D extends Setting>(setting: D, value: unknown, where: string): SettingValue<D> => {
  const result = setting.schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      [where, ...issue.path].join('.').concat(`: ${issue.message}`),
    );
    throw new SettingError(`invalid setting: ${problems.join('; ')}`);
  }
  return result.data as SettingValue<D>;
};

const cached = (read: (setting: Setting) => unknown): Settings => {
  const values = new Map<Setting, unknown>();
  return {
    get<D extends Setting>(setting: D) {
      if (!values.has(setting)) values.set(setting, read(setting));
      return values.get(setting) as SettingValue<D>;
    },
  };
};

/** On AWS: each setting from the environment variable that names it, checked on first use. */
export const settingsFromEnvironment = (env: NodeJS.ProcessEnv): Settings =>
  cached((setting) => {
    const { variable, schema } = setting;
    const text = env[variable];
    if (text === undefined || text === '') return check(setting, undefined, variable);
    // Plain strings are set as they are, everything else as JSON (see variableValueOf).
    if (schema.safeParse(text).success) return check(setting, text, variable);
    const value = parseJson(text);
    if (value !== undefined) return check(setting, value, variable);
    // A broken object or list says so; any other text is named by the setting's own schema.
    if (/^\s*[[{]/.test(text)) throw new SettingError(`invalid setting: ${variable}: must be JSON`);
    return check(setting, text, variable);
  });

/** On one machine and in tests: settings handed over as values by name, checked on first use. */
export const settingsFrom = (values: Partial<RuntimeSettings>): Settings =>
  cached((setting) => check(setting, (values as Record<string, unknown>)[setting.name], setting.name));

/** A setting as the environment variable the stack sets: JSON unless it is a plain string. */
export const variableValueOf = (value: unknown): string => {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
};
