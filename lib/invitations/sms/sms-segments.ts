export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** How a text is sent as SMS, and so how it is billed: per segment. */
export interface SmsSize {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension-table characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

// GSM 03.38 default alphabet, basic table in code order. Only the capital Ç is in it (older tables show
// ç at 0x09), so a lower-case ç, common in French and Portuguese, sends the text as UCS-2.
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

// Reached through the escape septet, so each costs two.
const GSM_EXTENSION = new Set('\f^{}\\[]~|€');

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

const gsmUnitsOf = (char: string): number | undefined => {
  if (GSM_BASIC.has(char)) return 1;
  if (GSM_EXTENSION.has(char)) return 2;
  return undefined;
};

/**
 * How a text is billed as SMS. 160 GSM-7 septets or 70 UCS-2 units fit one segment; longer texts are
 * split in 153 / 67 unit parts, the rest of each part holding the header that joins them again.
 *
 * A single character outside the GSM-7 alphabet (a curly quote, an emoji) sends the whole text as
 * UCS-2. Parts never split an escape sequence or a surrogate pair, so a part may end a unit short
 * and a long text can need one segment more than its units alone suggest.
 */
export const smsSizeOf = (text: string): SmsSize => {
  // Iterating the string yields code points, so an astral character arrives as its whole pair.
  const chars = [...text];
  const gsm = chars.map(gsmUnitsOf);
  const isGsm = gsm.every((units) => units !== undefined);
  const encoding: SmsEncoding = isGsm ? 'GSM-7' : 'UCS-2';
  const costs = isGsm ? gsm : chars.map((char) => char.length);
  const units = costs.reduce((sum, cost) => sum + cost, 0);

  const { single, part } = LIMITS[encoding];
  if (units <= single) return { encoding, units, segments: 1 };

  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments };
};

/** Whether the text goes as one SMS, so is billed once. */
export const fitsOneSegment = (text: string): boolean => smsSizeOf(text).segments === 1;
