import { CATALOGS, withBrand } from '../../surveys/catalog.js';
import { LOCALES, type Locale } from '../../surveys/locales.js';
import { SURVEYS, type Survey } from '../../surveys/scales.js';
import { smsSizeOf } from './sms-segments.js';

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
  return smsText(templates[survey], locale, brand);
};

/**
 * An SMS template with the brand filled in. Every SMS opens with the brand, so that the customer
 * knows who asks; without a configured brand that opening is left out rather than reading "us:".
 */
const smsText = (template: string, locale: Locale, brand: string | undefined): string =>
  brand
    ? withBrand(template, brand)
    : withBrand(template.replace(/^\{brand\}(?:: |：| )?/, ''), CATALOGS[locale].defaultBrand);

/**
 * Every SMS text the stage can send, each with its size: invitations and reminders, every survey,
 * every language. The texts carry no per-customer value, so the brand is the longest value they
 * can hold, and a stage whose brand makes any of them longer than one segment is refused at synth
 * and at start, not at send.
 */
export const smsTextsOver = (brand: string | undefined) =>
  allSmsTexts(brand).filter(({ size }) => size.segments > 1);

/** Every SMS text the stage can send, named, with its size. */
export const allSmsTexts = (brand: string | undefined) =>
  LOCALES.flatMap((locale) => {
    const catalog = CATALOGS[locale];
    const filled = (name: string, template: string) => {
      const text = smsText(template, locale, brand);
      return { locale, name, text, size: smsSizeOf(text) };
    };
    return [
      ...SURVEYS.flatMap((survey) => [
        filled(`${survey} invitation`, catalog.sms.invitation[survey]),
        filled(`${survey} reminder`, catalog.sms.reminder[survey]),
        filled(`${survey} re-prompt`, catalog.sms.reprompt[survey]),
      ]),
      ...(['thanks', 'help', 'optedOut', 'optedIn', 'closed'] as const).map((name) =>
        filled(name, catalog.sms[name]),
      ),
    ];
  });

/** A reply to an inbound SMS, in the invitation's language. */
export const renderSmsReply = (
  name: 'thanks' | 'help' | 'optedOut' | 'optedIn' | 'closed',
  locale: Locale,
  brand: string | undefined,
): string => smsText(CATALOGS[locale].sms[name], locale, brand);

export const renderSmsReprompt = (survey: Survey, locale: Locale, brand: string | undefined): string =>
  smsText(CATALOGS[locale].sms.reprompt[survey], locale, brand);
