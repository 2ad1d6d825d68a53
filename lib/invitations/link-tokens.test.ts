import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invitationIdOf, signToken, TOKEN_LENGTH, type TokenPurpose, verifyToken } from './link-tokens.js';

const KEY = 'test-signing-key-0123456789';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const interactionIdArb = fc.string({ minLength: 1, maxLength: 64 });

describe('signToken and verifyToken', () => {
  it('gives back the invitation id of a token it signed', () => {
    fc.assert(
      fc.property(
        interactionIdArb,
        fc.constantFrom<TokenPurpose>('survey', 'unsubscribe'),
        (interactionId, purpose) => {
          // Prepare
          const invitationId = invitationIdOf(interactionId);

          // Act
          const token = signToken(invitationId, purpose, KEY);

          // Assess
          expect(verifyToken(token, purpose, KEY)).toBe(invitationId);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('makes URL-safe tokens of TOKEN_LENGTH (44) characters', () => {
    fc.assert(
      fc.property(interactionIdArb, (interactionId) => {
        // Act
        const token = signToken(invitationIdOf(interactionId), 'survey', KEY);

        // Assess
        expect(TOKEN_LENGTH).toBe(44);
        expect(token).toHaveLength(TOKEN_LENGTH);
        expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(encodeURIComponent(token)).toBe(token);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects a token with any single character changed', () => {
    fc.assert(
      fc.property(
        interactionIdArb,
        fc.nat({ max: TOKEN_LENGTH - 1 }),
        fc.constantFrom(...BASE64URL),
        (interactionId, position, replacement) => {
          // Prepare
          const token = signToken(invitationIdOf(interactionId), 'survey', KEY);
          fc.pre(token[position] !== replacement);
          const tampered = `${token.slice(0, position)}${replacement}${token.slice(position + 1)}`;

          // Act
          const result = verifyToken(tampered, 'survey', KEY);

          // Assess
          expect(result).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a token with the last character of the id or of the MAC changed', () => {
    // Prepare
    const token = signToken(invitationIdOf('zd-48213'), 'survey', KEY);
    const lastOfId = 21;
    const lastOfMac = TOKEN_LENGTH - 1;
    const flip = (text: string, i: number) =>
      `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;

    // Act
    const results = [flip(token, lastOfId), flip(token, lastOfMac)].map((t) => verifyToken(t, 'survey', KEY));

    // Assess
    expect(results).toEqual([null, null]);
  });

  it('rejects a token signed for another purpose', () => {
    // Prepare
    const invitationId = invitationIdOf('zd-48213');
    const unsubscribe = signToken(invitationId, 'unsubscribe', KEY);
    const survey = signToken(invitationId, 'survey', KEY);

    // Act
    const asSurvey = verifyToken(unsubscribe, 'survey', KEY);
    const asUnsubscribe = verifyToken(survey, 'unsubscribe', KEY);

    // Assess
    expect(asSurvey).toBeNull();
    expect(asUnsubscribe).toBeNull();
    expect(unsubscribe).not.toBe(survey);
  });

  it('rejects a token signed with another key', () => {
    // Prepare
    const token = signToken(invitationIdOf('zd-48213'), 'survey', 'another-key');

    // Act
    const result = verifyToken(token, 'survey', KEY);

    // Assess
    expect(result).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['one character short', 'x'.repeat(TOKEN_LENGTH - 1)],
    ['one character long', 'x'.repeat(TOKEN_LENGTH + 1)],
    ['padded base64', `${'A'.repeat(TOKEN_LENGTH - 2)}==`],
    ['standard base64 characters', `${'A'.repeat(TOKEN_LENGTH - 2)}+/`],
    ['spaces', ' '.repeat(TOKEN_LENGTH)],
    ['non-ASCII letters', 'é'.repeat(TOKEN_LENGTH)],
  ])('rejects a token that is %s', (_, token) => {
    // Act
    const result = verifyToken(token, 'survey', KEY);

    // Assess
    expect(result).toBeNull();
  });

  it('rejects a genuine token with a character added or removed', () => {
    // Prepare
    const token = signToken(invitationIdOf('zd-48213'), 'survey', KEY);

    // Act
    const results = [`${token}A`, token.slice(1), token.slice(0, -1), `A${token}`].map((t) =>
      verifyToken(t, 'survey', KEY),
    );

    // Assess
    expect(results).toEqual([null, null, null, null]);
  });

  it('rejects arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 60 }), (text) => {
        // Act
        const result = verifyToken(text, 'survey', KEY);

        // Assess
        expect(result).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});

describe('invitationIdOf', () => {
  it('maps the same interaction id to the same invitation id', () => {
    fc.assert(
      fc.property(interactionIdArb, (interactionId) => {
        // Act
        const first = invitationIdOf(interactionId);
        const second = invitationIdOf(`${interactionId}`);

        // Assess
        expect(second).toBe(first);
        expect(first).toMatch(/^[A-Za-z0-9_-]{22}$/);
      }),
      { numRuns: 100 },
    );
  });

  it('maps different interaction ids to different invitation ids', () => {
    fc.assert(
      fc.property(interactionIdArb, interactionIdArb, (a, b) => {
        // Prepare
        fc.pre(a !== b);

        // Act
        const idA = invitationIdOf(a);
        const idB = invitationIdOf(b);

        // Assess
        expect(idA).not.toBe(idB);
      }),
      { numRuns: 200 },
    );
  });

  it('does not reveal the interaction id', () => {
    // Act
    const id = invitationIdOf('zd-48213');

    // Assess
    expect(id).not.toContain('48213');
    expect(id).toBe(invitationIdOf('zd-48213'));
    expect(id).not.toBe(invitationIdOf('zd-48214'));
  });
});
