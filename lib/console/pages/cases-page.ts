import type { CaseStatus } from '../../cases/case.js';
import { escapeHtml } from '../../platform/html.js';
import type { CasesView, PageContext } from '../views.js';
import { caseRow } from './case-row.js';
import { consoleLayout, pathWith } from './console-layout.js';
import { switchNav } from './controls.js';
import { wordsIn } from './words.js';

const STATUSES: readonly CaseStatus[] = ['open', 'acknowledged', 'resolved'];

/**
 * The cases of one status (open, acknowledged, resolved: a switch between them), newest first, each
 * linking to its page, with a link to the next, older page when there is one.
 */
export const casesPage = (ctx: PageContext, view: CasesView): string => {
  const words = wordsIn(ctx.lang);
  const who = view.mine ? 'mine' : undefined;
  const switcher = switchNav(
    words.caseStatuses,
    STATUSES.map((status) => ({
      href: pathWith('/console/cases', { status, who }),
      text: words.statusName[status],
      current: status === view.status,
    })),
  );
  const whose = switchNav(words.whoseCases, [
    {
      href: pathWith('/console/cases', { status: view.status }),
      text: ctx.lead.teams ? words.myTeamsCases : words.everyonesCases,
      current: !view.mine,
    },
    {
      href: pathWith('/console/cases', { status: view.status, who: 'mine' }),
      text: words.myCases,
      current: Boolean(view.mine),
    },
  ]);
  const list =
    view.cases.length === 0
      ? `<p class="muted">${escapeHtml(words.noCases)}</p>`
      : `<ol class="cases">${view.cases.map((found) => caseRow(ctx, found, words, view.overdueIds.includes(found.caseId))).join('')}</ol>`;
  const more = view.next
    ? `<p><a href="${escapeHtml(pathWith('/console/cases', { status: view.status, who, after: view.next }))}">${escapeHtml(
        words.olderCases,
      )}</a></p>`
    : '';
  const body = `<div class="head"><h1>${escapeHtml(words.cases)} <span class="muted small">${escapeHtml(
    words.statusName[view.status],
  )}</span></h1>${switcher}</div><div class="controls">${whose}</div><section class="card" aria-label="${escapeHtml(
    words.statusName[view.status],
  )}">${list}${more}</section>`;
  return consoleLayout({ lang: ctx.lang, title: words.cases, body, ctx, section: 'cases' });
};
