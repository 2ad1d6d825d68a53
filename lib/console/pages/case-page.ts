import type { CaseView } from '../../cases/cases.js';
import { CUSTOMER_ACTOR, PULSE_ACTOR, type TimelineEntry, timelineOf } from '../../cases/timeline.js';
import { escapeHtml } from '../../platform/html.js';
import { categorize, isOnScale } from '../../surveys/scales.js';
import type { CasePageView, PageContext } from '../views.js';
import { casePath, consoleLayout, csrfField } from './console-layout.js';
import { caseHeadline, formatTime } from './format.js';
import { type Words, wordsIn } from './words.js';

/** What happened to a case, as one entry of its history. */
interface Event {
  at: string;
  /** The entry's markup, escaped. */
  html: string;
  held?: boolean;
}

const timeAt = (ctx: PageContext, instant: string): string =>
  `<time datetime="${escapeHtml(instant)}">${escapeHtml(formatTime(ctx.lang, ctx.timeZone, instant))}</time>`;

/** A reason's name in the lead's language; one the console has no words for shows as it is. */
const reasonName = (reason: string, words: Words): string =>
  (words.reasonName as Readonly<Record<string, string>>)[reason] ?? reason;

const byWhom = (who: string | undefined, onBehalfOf: string | undefined, words: Words): string =>
  [who ? words.by(who) : '', onBehalfOf ? words.onBehalfOf(onBehalfOf) : ''].filter(Boolean).join(' ');

const quote = (comment: string): string => `<blockquote>${escapeHtml(comment)}</blockquote>`;

/** A list of names and values; each value is markup, escaped by the caller, and an absent one is left out. */
const facts = (rows: [string, string | undefined][]): string =>
  `<dl class="facts">${rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${value}</dd>`)
    .join('')}</dl>`;

const commentLabels = (
  found: CaseView,
  words: Words,
  topicNames: Readonly<Record<string, string>> = {},
): string => {
  if (!found.comment.trim() || found.insight === undefined) return '';
  if (found.insight !== 'done')
    return `<p class="labels muted small">${escapeHtml(words.insightName[found.insight])}</p>`;
  const sentiment = found.sentiment
    ? `<dt>${escapeHtml(words.sentiment)}</dt><dd><span class="badge">${escapeHtml(words.sentimentName[found.sentiment])}</span></dd>`
    : '';
  const topics =
    found.topics.length > 0
      ? `<dt>${escapeHtml(words.topics)}</dt><dd><ul class="pills">${found.topics
          .map((topic) => `<li class="badge">${escapeHtml(topicNames[topic] ?? topic)}</li>`)
          .join('')}</ul></dd>`
      : '';
  return sentiment || topics ? `<dl class="facts labels">${sentiment}${topics}</dl>` : '';
};

const commentSection = (
  found: CaseView,
  words: Words,
  topicNames?: Readonly<Record<string, string>>,
): string =>
  `<section class="card" aria-labelledby="comment"><h2 id="comment">${escapeHtml(words.comment)}</h2>${
    found.comment.trim() ? quote(found.comment) : `<p class="muted">${escapeHtml(words.noComment)}</p>`
  }${commentLabels(found, words, topicNames)}</section>`;

const details = (ctx: PageContext, found: CaseView, words: Words): string => {
  const category = isOnScale(found.survey, found.score)
    ? words.categoryName[categorize(found.survey, found.score)]
    : undefined;
  const acted = (at: string | undefined, who: string | undefined, onBehalfOf: string | undefined) =>
    at
      ? `${timeAt(ctx, at)}${who || onBehalfOf ? `<br>${escapeHtml(byWhom(who, onBehalfOf, words))}` : ''}`
      : undefined;
  return `<section class="card" aria-labelledby="details"><h2 id="details">${escapeHtml(words.details)}</h2>${facts(
    [
      [words.survey, escapeHtml(words.surveyTitle[found.survey])],
      [words.score, escapeHtml(String(found.score))],
      [words.category, category && escapeHtml(category)],
      [words.severity, escapeHtml(words.severityName[found.severity])],
      [words.status, escapeHtml(words.statusName[found.status])],
      [words.team, escapeHtml(found.team)],
      [words.agent, found.agent && escapeHtml(found.agent)],
      [words.touchpoint, escapeHtml(found.touchpoint)],
      [words.channel, escapeHtml(found.channel)],
      [words.interaction, escapeHtml(found.interactionId)],
      [words.opened, timeAt(ctx, found.openedAt)],
      [words.assignee, found.assignee && escapeHtml(found.assignee)],
      [words.acknowledged, acted(found.acknowledgedAt, found.acknowledgedBy, found.acknowledgedOnBehalfOf)],
      [words.resolved, acted(found.resolvedAt, found.resolvedBy, found.resolvedOnBehalfOf)],
      [
        words.resolution,
        found.resolution &&
          `${escapeHtml(reasonName(found.resolution.reason, words))}${
            found.resolution.note ? quote(found.resolution.note) : ''
          }`,
      ],
      [
        words.escalation,
        found.escalatedAt
          ? `<span class="badge late">${escapeHtml(words.escalated)}</span><br>${timeAt(ctx, found.escalatedAt)}`
          : escapeHtml(words.notEscalated),
      ],
      [words.recoverySent, found.recoveryInvitationId ? '✓' : undefined],
    ],
  )}</section>`;
};

const customer = (found: CaseView, showContacts: boolean, words: Words): string => {
  const body = showContacts
    ? facts([
        [words.name, found.customerName && escapeHtml(found.customerName)],
        [
          words.email,
          found.customerEmail &&
            `<a href="mailto:${escapeHtml(encodeURI(found.customerEmail))}">${escapeHtml(found.customerEmail)}</a>`,
        ],
        [
          words.phone,
          found.customerPhone &&
            `<a href="tel:${escapeHtml(found.customerPhone.replace(/[^\d+]/g, ''))}">${escapeHtml(found.customerPhone)}</a>`,
        ],
        [words.customerId, escapeHtml(found.customerId)],
        ...Object.entries(found.attributes ?? {}).map(([name, value]): [string, string] => [
          name,
          escapeHtml(value),
        ]),
      ])
    : `<p class="muted">${escapeHtml(words.contactsHidden(found.team))}</p>`;
  return `<section class="card" aria-labelledby="customer"><h2 id="customer">${escapeHtml(words.customer)}</h2>${body}</section>`;
};

/** Who acted, as a line of the history names them: a lead or an integrator; Pulse and the customer go unnamed. */
const actorOf = (entry: TimelineEntry, words: Words): string =>
  entry.by === PULSE_ACTOR || entry.by === CUSTOMER_ACTOR
    ? ''
    : ` ${byWhom(entry.by, entry.onBehalfOf, words)}`;

/** What one entry of the case's timeline says; a change of the answer quotes its comment from the answer's log. */
const entryHtml = (entry: TimelineEntry, found: CaseView, words: Words): string => {
  const who = escapeHtml(actorOf(entry, words));
  switch (entry.kind) {
    case 'opened':
      return escapeHtml(words.eventOpened);
    case 'acknowledged':
      return `${escapeHtml(words.eventAcknowledged)}${who}`;
    case 'assigned':
      return `${escapeHtml(words.eventAssigned(entry.assignee))}${who}`;
    case 'unassigned':
      return `${escapeHtml(words.eventUnassigned(entry.previousAssignee))}${who}`;
    case 'note':
      return `${escapeHtml(words.eventNote)}${who}${quote(entry.note)}`;
    case 'escalated':
      return escapeHtml(words.eventEscalated);
    case 'resolved':
      return `${escapeHtml(words.eventResolved)}${who}<p>${escapeHtml(
        `${words.reason}${words.colon}${reasonName(entry.reason, words)}`,
      )}</p>${entry.note ? quote(entry.note) : ''}`;
    case 'reopened':
      return `${escapeHtml(words.eventReopened)}${who}${entry.note ? quote(entry.note) : ''}`;
    case 'answer-changed': {
      const change = (found.answerLog ?? []).find((logged) => logged.at === entry.at);
      const score =
        entry.score === entry.scoreBefore
          ? words.scoreKept(String(entry.score))
          : words.scoreChanged(String(entry.scoreBefore), String(entry.score));
      const comment =
        entry.comment === undefined
          ? ''
          : entry.comment === 'removed'
            ? `<p>${escapeHtml(words.commentRemoved)}</p>`
            : `<p>${escapeHtml(entry.comment === 'changed' ? words.commentChanged : words.commentAdded)}</p>${
                change?.comment ? quote(change.comment) : ''
              }`;
      return `${escapeHtml(score)}${comment}`;
    }
  }
};

/** The case's timeline, oldest first, and the change of its answer held as suspect, where it came. */
const historyOf = (found: CaseView, words: Words): Event[] => {
  const events: Event[] = timelineOf(found).map((entry) => ({
    at: entry.at,
    html: entryHtml(entry, found, words),
  }));
  if (found.heldChange) {
    const held = found.heldChange;
    events.push({
      at: held.receivedAt,
      held: true,
      html: `<b>${escapeHtml(words.heldChange)}</b><p>${escapeHtml(words.heldExplained(String(held.score)))}</p>${
        held.comment.trim() ? quote(held.comment) : ''
      }${
        held.reasons.length > 0
          ? `<p class="small muted">${escapeHtml(`${words.heldReasons}${words.colon}${held.reasons.join('; ')}`)}</p>`
          : ''
      }`,
    });
  }
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
};

const history = (ctx: PageContext, found: CaseView, words: Words): string =>
  `<section class="card" aria-labelledby="history"><h2 id="history">${escapeHtml(words.history)}</h2><ol class="timeline">${historyOf(
    found,
    words,
  )
    .map((event) => `<li${event.held ? ' class="held"' : ''}>${timeAt(ctx, event.at)}${event.html}</li>`)
    .join('')}</ol></section>`;

const acknowledgeForm = (ctx: PageContext, found: CaseView, words: Words): string =>
  `<form method="post" action="${escapeHtml(casePath(found.caseId, 'acknowledge'))}">${csrfField(
    ctx,
  )}<p class="muted small">${escapeHtml(words.acknowledgeHint)}</p><button type="submit" class="btn">${escapeHtml(
    words.acknowledge,
  )}</button></form>`;

const resolveForm = (ctx: PageContext, found: CaseView, reasons: readonly string[], words: Words): string =>
  `<form method="post" action="${escapeHtml(casePath(found.caseId, 'resolve'))}">${csrfField(ctx)}<h3>${escapeHtml(
    words.resolveHeading,
  )}</h3><label for="reason">${escapeHtml(words.reason)}</label><select id="reason" name="reason" required><option value="">${escapeHtml(
    words.chooseReason,
  )}</option>${reasons
    .map(
      (reason) => `<option value="${escapeHtml(reason)}">${escapeHtml(reasonName(reason, words))}</option>`,
    )
    .join('')}</select><label for="note">${escapeHtml(
    words.noteOptional,
  )}</label><textarea id="note" name="note" maxlength="2000" rows="3"></textarea><button type="submit" class="btn">${escapeHtml(
    words.resolve,
  )}</button></form>`;

/** Assigning the case to one of the leads who may work it, or to no one. */
const assignForm = (ctx: PageContext, view: CasePageView, words: Words): string => {
  const found = view.case;
  const current = found.assignee?.toLowerCase();
  const options = [
    `<option value=""${current === undefined ? ' selected' : ''}>${escapeHtml(words.nobody)}</option>`,
    ...view.assignees.map(
      (email) =>
        `<option value="${escapeHtml(email)}"${email.toLowerCase() === current ? ' selected' : ''}>${escapeHtml(
          email === ctx.lead.email ? words.me(email) : email,
        )}</option>`,
    ),
  ].join('');
  return `<form method="post" action="${escapeHtml(casePath(found.caseId, 'assign'))}">${csrfField(ctx)}<label for="assignee">${escapeHtml(
    words.assignee,
  )}</label><select id="assignee" name="assignee">${options}</select><button type="submit" class="btn">${escapeHtml(
    words.assign,
  )}</button></form>`;
};

/** A note on the case's timeline, whatever its status. */
const noteForm = (ctx: PageContext, found: CaseView, words: Words): string =>
  `<form method="post" action="${escapeHtml(casePath(found.caseId, 'notes'))}">${csrfField(ctx)}<label for="case-note">${escapeHtml(
    words.addNote,
  )}</label><textarea id="case-note" name="note" maxlength="2000" rows="3" required></textarea><button type="submit" class="btn">${escapeHtml(
    words.saveNote,
  )}</button></form>`;

/** Reopening a resolved case: a new opening, with why. */
const reopenForm = (ctx: PageContext, found: CaseView, words: Words): string =>
  `<form method="post" action="${escapeHtml(casePath(found.caseId, 'reopen'))}">${csrfField(ctx)}<p class="muted">${escapeHtml(
    words.resolvedNote,
  )}</p><label for="reopen-note">${escapeHtml(words.reopenWhy)}</label><textarea id="reopen-note" name="note" maxlength="2000" rows="2"></textarea><button type="submit" class="btn">${escapeHtml(
    words.reopen,
  )}</button></form>`;

/**
 * What the case's status lets a lead do: acknowledge while open, assign and resolve until resolved,
 * reopen once resolved, and add a note always.
 */
const actions = (ctx: PageContext, view: CasePageView, words: Words): string => {
  const found = view.case;
  const moves =
    found.status === 'resolved'
      ? reopenForm(ctx, found, words)
      : `${found.status === 'open' ? acknowledgeForm(ctx, found, words) : ''}${assignForm(ctx, view, words)}${resolveForm(
          ctx,
          found,
          view.reasons,
          words,
        )}`;
  const body = `${moves}${noteForm(ctx, found, words)}`;
  return `<section class="card actions" aria-labelledby="actions"><h2 id="actions">${escapeHtml(words.actions)}</h2>${body}</section>`;
};

const notice = (view: CasePageView): string =>
  view.notice
    ? `<div class="notice${view.notice.kind === 'refused' ? ' refused' : ''}" role="${
        view.notice.kind === 'refused' ? 'alert' : 'status'
      }">${escapeHtml(view.notice.text)}</div>`
    : '<div role="status" class="vh"></div>';

/**
 * A case as a lead works it: its answer and comment (quoted as text, with its labels), the customer's
 * contacts for the leads who may see them, what happened to it, and the forms its status allows.
 */
export const casePage = (ctx: PageContext, view: CasePageView): string => {
  const words = wordsIn(ctx.lang);
  const found = view.case;
  const title = words.caseOf(found.interactionId);
  const late = found.status === 'open' && found.escalatedAt !== undefined;
  const body = `<nav class="crumbs" aria-label="${escapeHtml(words.youAreHere)}"><ol><li><a href="/console">${escapeHtml(
    words.overview,
  )}</a></li><li><a href="/console/cases">${escapeHtml(words.cases)}</a></li><li aria-current="page">${escapeHtml(
    found.interactionId,
  )}</li></ol></nav>${notice(view)}<article data-case-id="${escapeHtml(found.caseId)}" aria-labelledby="case-title"><div class="head"><div><h1 id="case-title">${escapeHtml(
    caseHeadline(found, words),
  )}</h1><p class="muted">${escapeHtml(title)}</p></div><p class="pills"><span class="badge ${found.status}">${escapeHtml(
    words.statusName[found.status],
  )}</span>${
    found.severity === 'low'
      ? ''
      : `<span class="badge ${found.severity}">${escapeHtml(words.severityLevel[found.severity])}</span>`
  }${late ? `<span class="badge late">${escapeHtml(words.overdue)}</span>` : ''}</p></div><div class="case-grid"><div class="stack">${commentSection(
    found,
    words,
    view.topicNames,
  )}${actions(ctx, view, words)}${history(ctx, found, words)}</div><div class="stack">${details(
    ctx,
    found,
    words,
  )}${customer(found, view.showContacts, words)}</div></div></article>`;
  return consoleLayout({ lang: ctx.lang, title, body, ctx, section: 'cases' });
};
