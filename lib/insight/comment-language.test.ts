import { describe, expect, it } from 'vitest';
import {
  comprehendLanguageOf,
  comprehendLanguageOfLocale,
  detectCommentLanguage,
} from './comment-language.js';

describe('comprehendLanguageOfLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['EN_us', 'en'],
    ['zh-CN', 'zh'],
    ['zh', 'zh'],
    ['zh-Hans-SG', 'zh'],
    ['zh-TW', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['pt-BR', 'pt'],
    ['ja-JP', 'ja'],
    ['ko', 'ko'],
  ])('reads %s as %s', (locale, language) => {
    expect(comprehendLanguageOfLocale(locale)).toBe(language);
  });

  it.each([undefined, '', 'sv-SE', 'nl', 'th'])('has no Comprehend language for %j', (locale) => {
    expect(comprehendLanguageOfLocale(locale)).toBeUndefined();
  });
});

describe('detectCommentLanguage', () => {
  it.each([
    ['服务很好，但是等了半天', 'zh'],
    ['iPhone 屏幕坏了，客服不理', 'zh'],
    ['The agent was very 耐心', 'en'],
    ['とても良かったです', 'ja'],
    ['정말 좋았어요', 'ko'],
    ['Great service', 'en'],
    ['👍', 'en'],
    ['', 'en'],
  ])('reads %j as %s', (text, language) => {
    expect(detectCommentLanguage(text)).toBe(language);
  });
});

describe('comprehendLanguageOf', () => {
  it('takes the invitation locale when Comprehend reads it', () => {
    expect(comprehendLanguageOf('zh-CN', '服务很好')).toBe('zh');
    expect(comprehendLanguageOf('en-GB', 'Lovely agent')).toBe('en');
    expect(comprehendLanguageOf('fr-FR', 'Service excellent')).toBe('fr');
    expect(comprehendLanguageOf('zh-CN', '👍')).toBe('zh');
  });

  it('reads the language from the text when the locale is none Comprehend reads, or none at all', () => {
    expect(comprehendLanguageOf(undefined, '等了半天')).toBe('zh');
    expect(comprehendLanguageOf('sv-SE', 'Great service')).toBe('en');
    expect(comprehendLanguageOf(undefined, 'Great service')).toBe('en');
  });

  it('follows the text when the customer answered in another script than the survey was in', () => {
    expect(comprehendLanguageOf('en', '客服态度很差')).toBe('zh');
    expect(comprehendLanguageOf('zh-CN', 'The agent was lovely')).toBe('en');
  });
});
