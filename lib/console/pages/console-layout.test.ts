import { describe, expect, it } from 'vitest';
import { consoleLayout, pathWith } from './console-layout.js';
import { elementWith, startTags, tagsWith, textOf } from './page-reading.test-support.js';
import { sampleContext } from './sample-views.js';

const page = (overrides: Parameters<typeof sampleContext>[0] = {}) =>
  consoleLayout({
    lang: overrides.lang ?? 'en',
    title: 'Overview',
    body: '<h1>Overview</h1>',
    ctx: sampleContext({ path: '/console?window=7d', ...overrides }),
    section: 'overview',
  });

describe('the console’s page shell', () => {
  it('names the page and the product in the lead’s language, with a skip link to the one main landmark', () => {
    const html = page();

    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('<title>Overview · Pulse</title>');
    expect(tagsWith(html, 'class', 'skip')[0]?.attributes.href).toBe('#main');
    expect(startTags(html).filter((tag) => tag.name === 'main')).toEqual([
      { name: 'main', attributes: { id: 'main', tabindex: '-1' } },
    ]);
  });

  it('links every section of the console, the current one marked', () => {
    const nav = elementWith(page(), 'class="sections"');

    expect(
      tagsWith(nav, 'href').map((link) => [link.attributes.href, link.attributes['aria-current']]),
    ).toEqual([
      ['/console', 'page'],
      ['/console/segments', undefined],
      ['/console/feedback', undefined],
      ['/console/topics', undefined],
      ['/console/cases', undefined],
      ['/console/rules', undefined],
    ]);
  });

  it('shows the lead’s email and signs out by a form that carries the session’s token', () => {
    const html = page();

    expect(textOf(elementWith(html, 'class="who"'))).toBe('Signed in as mei.chen@example.com');
    const form = elementWith(html, 'action="/console/sign-out"');
    expect(tagsWith(form, 'method', 'post')).toHaveLength(1);
    expect(tagsWith(form, 'name', 'csrf')[0]?.attributes).toEqual({
      type: 'hidden',
      name: 'csrf',
      value: 'k3Jd9-csrf-2f1a',
    });
    expect(textOf(elementWith(form, '<button'))).toBe('Sign out');
  });

  it('switches language on the page it is on, each link in its own language', () => {
    const links = tagsWith(elementWith(page({ lang: 'zh-CN' }), 'class="langs"'), 'href');

    expect(links.map((link) => link.attributes)).toEqual([
      { href: '/console?window=7d&lang=en', lang: 'en', hreflang: 'en' },
      { href: '/console?window=7d&lang=zh-CN', lang: 'zh-CN', hreflang: 'zh-CN', 'aria-current': 'true' },
    ]);
  });

  it('runs under the strict CSP: one inline style sheet, no script, no style attribute, nothing from outside', () => {
    const html = page();

    const tags = startTags(html);
    expect(tags.filter((tag) => tag.name === 'style')).toHaveLength(1);
    expect(
      tags.some((tag) => tag.name === 'script' || tag.name === 'link' || 'style' in tag.attributes),
    ).toBe(false);
    expect(tags.some((tag) => /^(https?:)?\/\//.test(tag.attributes.href ?? tag.attributes.src ?? ''))).toBe(
      false,
    );
    expect(html).toMatch(/:focus-visible\{outline:3px solid/);
  });

  it('escapes what it is given from outside', () => {
    const html = page({ lead: { email: '"><script>x</script>' }, csrf: '"><b>', path: '/console?q="><i>' });

    expect(html).not.toMatch(/<script>|<b>|<i>/);
  });
});

describe('a console path with parameters', () => {
  it('sets, replaces and removes parameters, and never leads to another site', () => {
    expect(pathWith('/console?window=7d', { window: '30d', lang: 'zh-CN' })).toBe(
      '/console?window=30d&lang=zh-CN',
    );
    expect(pathWith('/console?lang=en', { lang: undefined })).toBe('/console');
    expect(pathWith('//evil.example/x', { lang: 'en' })).toBe('/console?lang=en');
    expect(pathWith('/\\evil.example', { lang: 'en' })).toBe('/console?lang=en');
    expect(pathWith('https://evil.example/', { lang: 'en' })).toBe('/console?lang=en');
  });
});
