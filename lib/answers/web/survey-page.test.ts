import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { scriptProofOf, signPageStamp } from './answer-signals.js';
import { renderLockedPage, renderSurveyPage, SIGNALS_SCRIPT } from './survey-page.js';

/**
 * The page's script run as a browser runs it, over a form that holds only what the script reads and
 * writes: its hidden fields, and the listeners a tap or a key would call.
 */
const runScript = (stamp: string) => {
  const fields = { stamp: { value: stamp }, proof: { value: '' }, interactions: { value: '0' } };
  const listeners: (() => void)[] = [];
  const form = {
    elements: { namedItem: (name: keyof typeof fields) => fields[name] },
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
  };
  runInNewContext(SIGNALS_SCRIPT, { document: { getElementById: () => form } });
  return { fields, tap: () => listeners[0]?.() };
};

describe('the survey page script', () => {
  it('fills in the proof the server expects, for the count it reports, before and after taps', () => {
    const stamp = signPageStamp('inv-1', new Date('2026-11-26T11:00:00.000Z'), 'key');
    const { fields, tap } = runScript(stamp);
    const untouched = { ...fields.proof };

    tap();
    tap();
    tap();

    expect(untouched.value).toBe(scriptProofOf(stamp, 0));
    expect(fields.interactions.value).toBe('3');
    expect(fields.proof.value).toBe(scriptProofOf(stamp, 3));
  });

  it('is on the page, in its form with the stamp', () => {
    const page = renderSurveyPage({ survey: 'nps', locale: 'en', action: '/s/t', stamp: 'st.amp' });

    expect(page).toContain(SIGNALS_SCRIPT);
    expect(page).toContain('name="stamp" value="st.amp"');
  });
});

describe('the page of an answer that takes no more changes', () => {
  it('shows the answer as it stands and says it can no longer be changed, with no form, in the customer language', () => {
    const en = renderLockedPage({ locale: 'en', score: 2, comment: 'slow <b>and</b> rude' });
    const zh = renderLockedPage({ locale: 'zh-CN', score: 2, comment: '' });

    expect(en).toContain('We recorded a score of 2.');
    expect(en).toContain('slow &lt;b&gt;and&lt;/b&gt; rude');
    expect(en).toContain('it can no longer be changed');
    expect(en).not.toContain('<form');
    expect(zh).toContain('lang="zh-CN"');
    expect(zh).toContain('无法再修改');
  });
});
