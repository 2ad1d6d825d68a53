import { escapeHtml } from '../../platform/html.js';
import { CONSOLE_LANGS, type ConsoleLang, type PageContext } from '../views.js';
import { zoneOrUtc } from './format.js';
import { LANGUAGE_NAMES, wordsIn } from './words.js';

/*
 * The shell of every console page: one inline style sheet and no script or outside asset, so that the
 * strict CSP of `html()` (default-src 'none'; style-src 'unsafe-inline') holds; one `main` landmark
 * behind a skip link; visible focus on every control. Colours keep WCAG AA contrast: body text is
 * above 7:1, muted text and controls' borders above 4.5:1 and 3:1 on the surfaces they sit on.
 */
const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;color:#15202b;background:#f2f4f7}
a{color:#1c4ed8;text-underline-offset:2px}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}
h1,h2,h3{line-height:1.25;margin:0}
h1{font-size:1.5rem}
h2{font-size:1.1rem}
h3{font-size:1rem}
p{margin:0}
ul,ol{margin:0;padding:0;list-style:none}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;text-align:right;border-bottom:1px solid #e1e6ec}
th:first-child,td:first-child{text-align:left}
thead th{font-weight:600;color:#46566a;font-size:.85rem}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
.skip{position:absolute;left:8px;top:-60px;z-index:2;padding:10px 16px;background:#fff;color:#1c4ed8;border-radius:8px;font-weight:600}
.skip:focus{top:8px}
.top{background:#0f2740;color:#fff}
.top :focus-visible{outline-color:#fbbf24}
.bar{max-width:1200px;margin:0 auto;padding:8px 16px;display:flex;flex-wrap:wrap;align-items:center;gap:6px 20px}
.brand{display:flex;align-items:baseline;gap:8px;min-height:44px;color:#fff;text-decoration:none;font-weight:700;font-size:1.2rem}
.brand small{font-weight:400;font-size:.85rem;color:#c9d5e3}
.sections ul{display:flex;flex-wrap:wrap;gap:4px}
.sections a{display:flex;align-items:center;min-height:44px;padding:0 12px;border-radius:8px;color:#fff;text-decoration:none;font-weight:600}
.sections a:hover{background:#1b3a5c}
.sections a[aria-current]{background:#1b3a5c;box-shadow:inset 0 -3px #7db3ff}
.account{margin-left:auto;display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px;font-size:.9rem}
.who{color:#c9d5e3;overflow-wrap:anywhere}
.langs ul{display:flex;gap:2px}
.langs a{display:flex;align-items:center;min-height:44px;padding:0 8px;color:#fff}
.langs a[aria-current]{font-weight:700;text-decoration:none}
.signout button{min-height:36px;padding:0 14px;border:1px solid #8fa3ba;border-radius:8px;background:transparent;color:#fff;font:inherit;cursor:pointer}
.signout button:hover{background:#1b3a5c}
main{display:block;max-width:1200px;margin:0 auto;padding:20px 16px 32px}
main:focus{outline:none}
.foot{max-width:1200px;margin:0 auto;padding:0 16px 24px;color:#46566a;font-size:.85rem}
.head{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:12px;margin-bottom:16px}
.card{background:#fff;border:1px solid #d6dde6;border-radius:12px;padding:16px}
.card>h2{margin-bottom:8px}
.tile>h2{margin-bottom:0}
.stack>*+*{margin-top:16px}
.muted{color:#46566a}
.small{font-size:.875rem}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:.8rem;font-weight:600;white-space:nowrap;background:#e6ebf1;color:#2c3a4b}
.badge.warn{background:#fdf0c4;color:#713f12}
.badge.late{background:#fde2e2;color:#8f1d1d}
.badge.open{background:#dbe7fe;color:#1e3a8a}
.badge.acknowledged{background:#ece7fd;color:#4c1d95}
.badge.resolved{background:#daf5e3;color:#14532d}
.badge.high{background:#fde2e2;color:#8f1d1d}
.badge.medium{background:#fdf0c4;color:#713f12}
.up{color:#166534}
.down{color:#b91c1c}
.switch ul{display:inline-flex;border:1px solid #8a99ab;border-radius:10px;background:#fff}
.switch li+li{border-left:1px solid #8a99ab}
.switch a{display:flex;align-items:center;min-height:44px;padding:0 16px;color:#15202b;text-decoration:none;font-weight:600}
.switch li:first-child a{border-radius:9px 0 0 9px}
.switch li:last-child a{border-radius:0 9px 9px 0}
.switch a:focus-visible{position:relative;z-index:1}
.switch a[aria-current]{background:#1c4ed8;color:#fff}
.tiles{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));margin-bottom:24px}
.tile{display:flex;flex-direction:column}
.trend{margin-top:auto;padding-top:4px}
.tile h2{font-size:1rem;color:#2c3a4b}
.figure{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px;margin:8px 0 4px}
.big{font-size:2.4rem;font-weight:700;line-height:1.1;font-variant-numeric:tabular-nums}
.moe{color:#46566a;font-variant-numeric:tabular-nums}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:12px 0 0}
.facts dt{color:#46566a}
.facts dd{margin:0;overflow-wrap:anywhere;font-variant-numeric:tabular-nums}
.chart{display:block;width:100%;height:auto;margin-top:12px}
.chart .line{fill:none;stroke:#1c4ed8;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}
.chart .dot{fill:#1c4ed8}
.chart .avg{stroke:#8a99ab;stroke-width:1;stroke-dasharray:4 3}
.chart .frame{fill:#f6f8fb}
.ends{display:flex;justify-content:space-between;color:#46566a;font-size:.8rem}
details{margin-top:8px}
summary{cursor:pointer;color:#1c4ed8;font-size:.9rem;min-height:32px;display:flex;align-items:center}
details table{margin-top:6px;font-size:.85rem}
.cases li{border-top:1px solid #e1e6ec;padding:12px 0}
.cases li:first-child{border-top:0}
.case-line{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px}
.case-line a{font-weight:600}
.case-meta{display:flex;flex-wrap:wrap;gap:2px 16px;margin-top:4px;color:#46566a;font-size:.875rem}
.case-meta b{font-weight:600;color:#2c3a4b}
.excerpt{margin-top:4px;overflow-wrap:anywhere;color:#2c3a4b}
.counts{display:flex;flex-wrap:wrap;gap:4px 16px;margin:4px 0 8px}
.crumbs ol{display:flex;flex-wrap:wrap;gap:4px;font-size:.9rem;margin-bottom:8px}
.crumbs li+li::before{content:"›";margin-right:4px;color:#46566a}
.case-grid{display:grid;gap:16px}
@media (min-width:900px){.case-grid{grid-template-columns:minmax(0,3fr) minmax(0,2fr)}}
.pills{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
blockquote{margin:8px 0 0;padding:12px 16px;border-left:4px solid #8a99ab;background:#f6f8fb;border-radius:0 8px 8px 0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:1.05rem}
.labels{margin-top:12px}
.facts blockquote{font-size:1rem;margin-top:4px}
.timeline li{position:relative;padding:0 0 14px 20px;border-left:2px solid #d6dde6;margin-left:6px}
.timeline li:last-child{padding-bottom:0}
.timeline li::before{content:"";position:absolute;left:-7px;top:6px;width:12px;height:12px;border-radius:50%;background:#fff;border:2px solid #1c4ed8}
.timeline li.held::before{border-color:#b45309}
.timeline time{display:block;color:#46566a;font-size:.85rem}
.timeline blockquote{font-size:1rem}
label{display:block;font-weight:600;margin:12px 0 4px}
select,textarea,input[type=email]{width:100%;min-height:44px;padding:8px 10px;font:inherit;color:#15202b;background:#fff;border:1px solid #6b7b8e;border-radius:8px}
textarea{min-height:96px;resize:vertical}
.btn{display:inline-flex;align-items:center;justify-content:center;min-height:44px;margin-top:12px;padding:0 22px;border:0;border-radius:8px;background:#1c4ed8;color:#fff;font-family:inherit;font-size:1rem;font-weight:600;text-decoration:none;cursor:pointer}
.btn:hover{background:#173fb0}
.actions form+form{margin-top:16px;padding-top:16px;border-top:1px solid #e1e6ec}
.actions h3{margin-top:4px}
.notice{padding:12px 16px;border-radius:8px;background:#daf5e3;color:#14532d;font-weight:600;margin-bottom:16px}
.notice.refused{background:#fde2e2;color:#8f1d1d}
.error{color:#b91c1c;font-weight:600;margin-top:6px}
.narrow{max-width:440px;margin:24px auto}
.narrow h1{margin-bottom:8px}
.controls{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}
.scroll{overflow-x:auto}
.rows th[scope=row]{font-weight:400}
.rows th[scope=row] a{font-weight:600}
a.sort{color:inherit}
.issues{margin:8px 0 16px;padding-left:20px;list-style:disc}
.filters{display:grid;gap:0 16px;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));align-items:end}
.filters label{margin-top:8px}
.filters input[type=text]{width:100%;min-height:44px;padding:8px 10px;font:inherit;color:#15202b;background:#fff;border:1px solid #6b7b8e;border-radius:8px}
.check{display:flex;align-items:center;gap:8px;min-height:44px;font-weight:600;margin-top:8px}
.check input{width:20px;height:20px}
.form-foot{display:flex;flex-wrap:wrap;align-items:center;gap:8px 16px}
.answers>li{border-top:1px solid #e1e6ec;padding:14px 0}
.answers>li:first-child{border-top:0}
.answer-line{display:flex;flex-wrap:wrap;align-items:center;gap:4px 10px}
.score{display:inline-flex;align-items:center;justify-content:center;min-width:2.2em;height:2.2em;border-radius:8px;font-weight:700;background:#e6ebf1;color:#15202b}
.score.detractor,.score.unsatisfied,.score.difficult{background:#fde2e2;color:#8f1d1d}
.score.promoter,.score.satisfied,.score.easy{background:#daf5e3;color:#14532d}
.answers blockquote{font-size:1rem}
.pager{display:flex;flex-wrap:wrap;gap:16px;margin-top:12px}
.bar-cell{min-width:120px}
.meter{display:block;height:10px;border-radius:5px;background:#1c4ed8;min-width:2px}
.meter.down{background:#b91c1c}
.topic-examples{margin-top:8px}
.topic-examples blockquote{font-size:.95rem;margin-top:6px}
.rule-head{display:flex;flex-wrap:wrap;align-items:center;gap:6px 12px}
.rule-grid{display:grid;gap:16px;grid-template-columns:repeat(auto-fit,minmax(320px,1fr))}
.badge.below{background:#fde2e2;color:#8f1d1d}
.badge.ok{background:#daf5e3;color:#14532d}
`;

/** What every console page is put in. */
export interface LayoutInput {
  lang: ConsoleLang;
  /** The page's own title; the product's name follows it. */
  title: string;
  /** The page's markup, inside `main`. */
  body: string;
  /** The signed-in lead's page: with it, the navigation, their email, the language switch and sign-out. */
  ctx?: PageContext | undefined;
  /** The signed-in lead, when there is no page context: the navigation and their email. */
  lead?: PageContext['lead'] | undefined;
  /** The section of the navigation the page belongs to. */
  section?: Section | undefined;
  /** The path the language switch links to when there is no page context (sign-in). */
  switchPath?: string | undefined;
}

const ORIGIN = 'http://console.invalid';

/** A path of this site, never another's: `//host` or `/\host` would leave it. */
const isOwnPath = (path: string): boolean => /^\/(?![/\\])/.test(path);

/** `path` with `params` set in its query (an undefined value removes it); another site's path becomes `/console`. */
export const pathWith = (path: string, params: Record<string, string | undefined>): string => {
  const url = new URL(isOwnPath(path) ? path : '/console', ORIGIN);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  return `${url.pathname}${url.search}`;
};

/** A case's page, or one of its actions (`acknowledge`, `resolve`). */
export const casePath = (
  caseId: string,
  action?: 'acknowledge' | 'assign' | 'notes' | 'resolve' | 'reopen',
): string => `/console/cases/${encodeURIComponent(caseId)}${action ? `/${action}` : ''}`;

/** The hidden field every state-changing form of the session carries. */
export const csrfField = (ctx: PageContext): string =>
  `<input type="hidden" name="csrf" value="${escapeHtml(ctx.csrf)}">`;

const languageSwitch = (lang: ConsoleLang, path: string): string => {
  const label = wordsIn(lang).language;
  const links = CONSOLE_LANGS.map(
    (other) =>
      `<li><a href="${escapeHtml(pathWith(path, { lang: other }))}" lang="${other}" hreflang="${other}"${
        other === lang ? ' aria-current="true"' : ''
      }>${escapeHtml(LANGUAGE_NAMES[other])}</a></li>`,
  ).join('');
  return `<nav class="langs" aria-label="${escapeHtml(label)}"><ul>${links}</ul></nav>`;
};

/** The console's sections, in the order of its navigation, and where each starts. */
const SECTIONS = {
  overview: { path: '/console', word: 'overview' },
  segments: { path: '/console/segments', word: 'segments' },
  feedback: { path: '/console/feedback', word: 'feedback' },
  topics: { path: '/console/topics', word: 'topicsNav' },
  cases: { path: '/console/cases', word: 'cases' },
  rules: { path: '/console/rules', word: 'rules' },
} as const;
export type Section = keyof typeof SECTIONS;

const sectionLinks = (lang: ConsoleLang, section: LayoutInput['section']): string => {
  const words = wordsIn(lang);
  const links = Object.entries(SECTIONS)
    .map(
      ([name, { path, word }]) =>
        `<li><a href="${path}"${section === name ? ' aria-current="page"' : ''}>${escapeHtml(words[word])}</a></li>`,
    )
    .join('');
  return `<nav class="sections" aria-label="${escapeHtml(words.mainNav)}"><ul>${links}</ul></nav>`;
};

const account = (
  lang: ConsoleLang,
  lead: PageContext['lead'] | undefined,
  ctx: PageContext | undefined,
  switchPath: string | undefined,
): string => {
  const words = wordsIn(lang);
  const who = lead
    ? `<p class="who"><span class="vh">${escapeHtml(words.signedInAs)} </span>${escapeHtml(lead.email)}</p>`
    : '';
  const path = ctx?.path ?? switchPath;
  const signOut = ctx
    ? `<form class="signout" method="post" action="/console/sign-out">${csrfField(ctx)}<button type="submit">${escapeHtml(
        words.signOut,
      )}</button></form>`
    : '';
  return `<div class="account">${who}${path === undefined ? '' : languageSwitch(lang, path)}${signOut}</div>`;
};

/**
 * A whole console page: the header (product, then for a signed-in lead the navigation, their email,
 * the language switch and sign-out), the page in `main`, and the zone its times are in.
 */
export const consoleLayout = ({ lang, title, body, ctx, lead, section, switchPath }: LayoutInput): string => {
  const words = wordsIn(lang);
  const signedIn = ctx?.lead ?? lead;
  const header = `<header class="top"><div class="bar"><a class="brand" href="/console">${escapeHtml(
    words.product,
  )} <small>${escapeHtml(words.consoleName)}</small></a>${signedIn ? sectionLinks(lang, section) : ''}${account(
    lang,
    signedIn,
    ctx,
    switchPath,
  )}</div></header>`;
  const footer = ctx
    ? `<footer class="foot"><p>${escapeHtml(words.timesIn(zoneOrUtc(ctx.timeZone)))}</p></footer>`
    : '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(
    `${title} · ${words.product}`,
  )}</title><style>${STYLE}</style></head><body><a class="skip" href="#main">${escapeHtml(
    words.skipToContent,
  )}</a>${header}<main id="main" tabindex="-1">${body}</main>${footer}</body></html>`;
};
