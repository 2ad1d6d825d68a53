import { describe, expect, it } from 'vitest';
import { notFoundPage } from './not-found-page.js';
import { elementWith, tagsWith, textOf } from './page-reading.test-support.js';

describe('the console’s not-found page', () => {
  it('says nothing is here, in the lead’s language, with the way back to the overview', () => {
    const en = notFoundPage('en', { email: 'mei.chen@example.com' });
    const zh = notFoundPage('zh-CN');

    expect(textOf(elementWith(en, '<main'))).toContain('Page not found');
    expect(textOf(elementWith(en, 'class="who"'))).toBe('Signed in as mei.chen@example.com');
    expect(textOf(elementWith(en, 'class="btn" href="/console"'))).toBe('Back to the overview');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(textOf(elementWith(zh, '<main'))).toContain('页面不存在');
    expect(textOf(elementWith(zh, 'class="btn" href="/console"'))).toBe('返回概览');
    expect(tagsWith(zh, 'class', 'who')).toEqual([]);
  });
});
