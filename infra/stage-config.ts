import type * as z from 'zod';
import { CountrySchema } from '../lib/contacts/phone-numbers.js';
import { smsTextsOver } from '../lib/invitations/sms/invitation-sms.js';
import { StageSettingsSchema } from '../lib/settings.js';

/**
 * A stage's settings (see lib/settings.ts) with the checks that need more than a schema: every SMS
 * text, in every language, fits one segment with the configured brand.
 */
export const StageConfigSchema = StageSettingsSchema.superRefine((config, ctx) => {
  if (config.defaultCountry !== undefined) {
    const country = CountrySchema.safeParse(config.defaultCountry);
    if (!country.success) {
      for (const issue of country.error.issues)
        ctx.addIssue({ code: 'custom', path: ['defaultCountry'], message: issue.message });
    }
  }
  for (const over of smsTextsOver(config.messages.brandName)) {
    const limit = over.size.encoding === 'GSM-7' ? 160 : 70;
    ctx.addIssue({
      code: 'custom',
      path: ['messages', 'brandName'],
      message: `makes the ${over.locale} ${over.name} SMS ${over.size.units} ${over.size.encoding} characters, and one segment holds ${limit}: "${over.text}"`,
    });
  }
});

export type StageConfig = z.infer<typeof StageConfigSchema>;
export type StageConfigInput = z.input<typeof StageConfigSchema>;

/** Parses a stage config, naming every wrong setting. */
export const parseStageConfig = (input: unknown): StageConfig => {
  const result = StageConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `pulse:config.${[...issue.path, key].join('.')}: is not a known setting`)
        : [`pulse:config.${issue.path.join('.')}: ${issue.message}`],
    );
    throw new Error(`invalid stage configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
};
