import * as z from 'zod';
import { LOCALES } from '../surveys/locales.js';
import { defineSetting } from './setting.js';

/** How messages speak for the stage: its brand name (default "us" in each language) and the language when the customer's is not offered. */
export const MessageSettingsSchema = z.strictObject({
  brandName: z.string().trim().min(1).max(40).optional(),
  defaultLocale: z.enum(LOCALES).default('en'),
});
export type MessageSettings = z.infer<typeof MessageSettingsSchema>;

/** How messages speak: the brand name customers know (default "us") and the language when theirs is not offered. */
export const MESSAGE_SETTINGS = defineSetting(
  'messages',
  'MESSAGE_SETTINGS',
  MessageSettingsSchema.prefault({}),
);
