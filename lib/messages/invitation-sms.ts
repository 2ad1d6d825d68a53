import { smsSizeOf } from '../domain/sms-segments.js';
import { SURVEYS, type Survey } from '../domain/survey.js';
import { CATALOGS, LOCALES, type Locale, withBrand } from './catalog.js';

export interface InvitationSmsInput {
  survey: Survey;
  locale: Locale;
  brand?: string | undefined;
  reminder?: boolean;
}

/** The SMS invitation: the question, how to answer (a number) and how to stop, in one segment. */
export const renderInvitationSms = ({ survey, locale, brand, reminder }: InvitationSmsInput): string => {
  const catalog = CATALOGS[locale];
  const templates = reminder ? catalog.sms.reminder : catalog.sms.invitation;
  return withBrand(templates[survey], brand ?? catalog.defaultBrand);
};

/**
 * Every SMS text the stage can send, each with its size: invitations and reminders, every survey,
 * every language. The texts carry no per-customer value, so the brand is the longest value they
 * can hold, and a stage whose brand makes any of them longer than one segment is refused at synth
 * and at start, not at send.
 */
export const smsTextsOver = (brand: string | undefined) =>
  LOCALES.flatMap((locale) =>
    SURVEYS.flatMap((survey) =>
      [false, true].map((reminder) => {
        const text = renderInvitationSms({ survey, locale, brand, reminder });
        return { locale, survey, reminder, text, size: smsSizeOf(text) };
      }),
    ),
  ).filter(({ size }) => size.segments > 1);
