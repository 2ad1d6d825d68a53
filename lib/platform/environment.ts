import { z } from 'zod';

/**
 * Reads a function's environment once, at cold start, and fails fast naming every missing or wrong
 * variable. The construct that grants a resource sets the variable that names it.
 */
export const readEnvironment = <T extends z.ZodRawShape>(
  shape: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<T>> => {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid environment: ${problems.join('; ')}`);
  }
  return result.data;
};

/** Variables every function may read, by the resource or setting they name. */
export const env = {
  tableName: z.string().min(1),
  name: z.string().min(1),
  userPoolId: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'must be a Cognito user pool id'),
  queueUrl: z.url(),
  arn: z.string().regex(/^arn:[\w-]+:[\w-]+:[\w-]*:\d{12}:.+$/, 'must be an ARN'),
  seconds: z.coerce.number().int().min(0),
  positiveInt: z.coerce.number().int().min(1),
  url: z.url(),
  email: z.email(),
  /** An optional setting the stack leaves empty when it is not configured. */
  optional: <T extends z.ZodType>(schema: T) =>
    z.preprocess((value) => (value === '' ? undefined : value), schema.optional()),
  json: <T extends z.ZodType>(schema: T) =>
    z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON' });
          return z.NEVER;
        }
      })
      .pipe(schema),
};
