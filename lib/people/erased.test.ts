import { describe, expect, it } from 'vitest';
import { aCase, aHeldChange, anInvitation, aResponse } from '../../test/support/samples.js';
import { erasedCaseFields } from '../cases/case.js';
import { type ContactKey, erasedKeyOf } from '../contacts/contact-keys.js';
import { PERSONAL_DATA } from '../platform/table-design.js';
import { erasedInvitation, erasedResponse } from './erased.js';

/** The keyed hash an erasure keeps of an address, with a test key. */
const hashOf = (key: ContactKey) => erasedKeyOf(key, 'test-signing-key');

const AT = new Date('2026-11-27T09:00:00Z');

/** The value at a dotted path of PERSONAL_DATA (`customer.email`), or undefined. */
const valueAt = (item: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], item);

/** Whether a field is gone or emptied: nothing of the person left in it. */
const scrubbed = (value: unknown) => value === undefined || value === '';

describe('what an erasure leaves', () => {
  it('scrubs every personal field of an invitation the catalogue lists, keeping its segments and language', () => {
    const before = anInvitation({
      status: 'sent',
      customer: {
        id: 'c-1',
        email: 'ana@example.com',
        phone: '+14155550100',
        name: 'Ana',
        timeZone: 'Europe/Paris',
        locale: 'fr',
      },
      attributes: { order: 'A-1' },
      smsUnreadText: 'call me',
      reason: 'the provider refused ana@example.com: mailbox full',
      reasonCode: 'rejected',
    });

    const after = erasedInvitation(before, AT, hashOf);

    for (const path of PERSONAL_DATA.invitation) expect(scrubbed(valueAt(after, path)), path).toBe(true);
    expect(after).toMatchObject({
      team: 'billing',
      survey: 'nps',
      status: 'sent',
      customer: { locale: 'fr' },
      reasonCode: 'rejected',
    });
    expect(after.erasedAt).toBe(AT.toISOString());
  });

  it('scrubs every personal field of an answer the catalogue lists, keeping what is counted', () => {
    const before = aResponse({
      customerName: 'Ana',
      customerEmail: 'ana@example.com',
      customerPhone: '+14155550100',
      attributes: { order: 'A-1' },
      suspectSignals: aHeldChange().signals,
      heldChange: aHeldChange(),
    });

    const after = erasedResponse(before, AT);

    for (const path of PERSONAL_DATA.response) expect(scrubbed(valueAt(after, path)), path).toBe(true);
    expect(after).toMatchObject({
      score: 3,
      day: '2026-11-26',
      team: 'billing',
      survey: 'nps',
      suspect: false,
    });
  });

  it("scrubs a case's customer, words and notes, keeping its figures and the leads' moves", () => {
    const opened = {
      ...aCase({ customerName: 'Ana', customerEmail: 'ana@example.com', attributes: { order: 'A-1' } }),
      resolution: { reason: 'called-back' as const, note: 'Ana was upset' },
      answerLog: [
        { at: '2026-11-26T10:20:00Z', score: 2, scoreBefore: 3, comment: 'still waiting', hadComment: true },
      ],
      timeline: [
        { kind: 'opened' as const, at: '2026-11-26T10:15:03Z', by: 'pulse', score: 3 },
        { kind: 'note' as const, at: '2026-11-26T10:30:00Z', by: 'lead@example.com', note: 'Rang Ana' },
      ],
    };

    const after = { ...opened, ...erasedCaseFields(opened, AT) };

    for (const path of [
      'customerId',
      'customerName',
      'customerEmail',
      'customerPhone',
      'comment',
      'attributes',
      'resolution.note',
    ])
      expect(scrubbed(valueAt(after, path)), path).toBe(true);
    expect(JSON.stringify(after)).not.toMatch(/Ana|still waiting|A-1/);
    expect(after).toMatchObject({ score: 3, status: 'open', team: 'billing' });
    expect(after.timeline?.map((entry) => entry.kind)).toEqual(['opened', 'note']);
  });
});
