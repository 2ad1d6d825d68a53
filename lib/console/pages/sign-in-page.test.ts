import { describe, expect, it } from 'vitest';
import { elementWith, tagsWith, textOf } from './page-reading.test-support.js';
import { signInPage, signInRefusedPage } from './sign-in-page.js';

describe('the local sign-in page', () => {
  it('asks for a lead’s email with a labelled field, and posts it with where to go next', () => {
    const page = signInPage({ lang: 'en', returnTo: '/console/cases/inv-8c1d2e' });

    const form = elementWith(page, 'action="/console/sign-in"');
    expect(tagsWith(form, 'method', 'post')).toHaveLength(1);
    const email = tagsWith(form, 'name', 'email')[0]?.attributes;
    expect(email).toMatchObject({ type: 'email', autocomplete: 'username', required: '' });
    expect(form).toContain(`<label for="${email?.id}">Email address</label>`);
    expect(email).not.toHaveProperty('aria-describedby');
    expect(tagsWith(form, 'name', 'returnTo')[0]?.attributes).toEqual({
      type: 'hidden',
      name: 'returnTo',
      value: '/console/cases/inv-8c1d2e',
    });
    expect(textOf(elementWith(form, '<button'))).toBe('Sign in');
    expect(tagsWith(page, 'name', 'csrf')).toEqual([]);
  });

  it('says a refused address is not one of the stage’s leads, tied to the field', () => {
    const page = signInPage({ lang: 'en', returnTo: '/console', refused: 'eve@example.org"><script>' });

    const email = tagsWith(page, 'name', 'email')[0]?.attributes;
    expect(email).toMatchObject({ 'aria-invalid': 'true', value: 'eve@example.org"><script>' });
    expect(email?.['aria-describedby']).toBe('email-error');
    expect(textOf(elementWith(page, `id="${email?.['aria-describedby']}"`))).toBe(
      'eve@example.org"><script> is not one of this stage’s leads. Check the address, or ask to be added.',
    );
    expect(page).not.toContain('<script>');
  });

  it('asks for an address when none was given', () => {
    const page = signInPage({ lang: 'en', returnTo: '/console', refused: ' ' });

    expect(textOf(elementWith(page, 'id="email-error"'))).toBe('Enter your email address.');
  });

  it('speaks Chinese, and switches language without losing where to go next', () => {
    const page = signInPage({ lang: 'zh-CN', returnTo: '/console?window=7d', refused: 'eve@example.org' });

    expect(page).toContain('<html lang="zh-CN">');
    expect(textOf(page)).toContain('eve@example.org 不是本环境的客服主管。');
    expect(textOf(elementWith(page, '<button'))).toBe('登录');
    expect(tagsWith(page, 'hreflang').map((link) => link.attributes.href)).toEqual([
      '/console/sign-in?returnTo=%2Fconsole%3Fwindow%3D7d&lang=en',
      '/console/sign-in?returnTo=%2Fconsole%3Fwindow%3D7d&lang=zh-CN',
    ]);
  });
});

describe('a sign-in through the managed login, refused', () => {
  it('says why, and links to start again', () => {
    const page = signInRefusedPage('en', { reason: 'spent' }, '/console/sign-in?returnTo=%2Fconsole');

    expect(textOf(elementWith(page, '<h1'))).toBe('Sign-in did not complete');
    expect(textOf(page)).toContain('This sign-in has run out of time or has been used already.');
    expect(tagsWith(page, 'href', '/console/sign-in?returnTo=%2Fconsole')).toHaveLength(1);
    expect(tagsWith(page, 'name', 'csrf')).toEqual([]);
  });

  it('names an address that is not a lead as text, and speaks Chinese', () => {
    const page = signInRefusedPage(
      'zh-CN',
      { reason: 'not-a-lead', email: 'eve@example.org"><script>' },
      'https://login.example/logout?client_id=c&logout_uri=x',
    );

    expect(page).toContain('<html lang="zh-CN">');
    expect(textOf(page)).toContain('eve@example.org"><script> 不是本环境的客服主管。');
    expect(page).not.toContain('<script>');
    expect(tagsWith(page, 'href', 'https://login.example/logout?client_id=c&logout_uri=x')).toHaveLength(1);
    expect(textOf(elementWith(page, 'class="btn"'))).toBe('重新登录');
  });
});
