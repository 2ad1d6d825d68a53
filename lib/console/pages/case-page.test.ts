import { describe, expect, it } from 'vitest';
import type { CasePageView } from '../views.js';
import { casePage } from './case-page.js';
import { elementWith, startTags, tagsWith, textOf } from './page-reading.test-support.js';
import { sampleCasePage, sampleCaseView, sampleContext } from './sample-views.js';

const ctx = sampleContext({ path: '/console/cases/inv-8c1d2e' });

const acknowledged = sampleCaseView({
  status: 'acknowledged',
  acknowledgedAt: '2026-11-25T08:31:00.000Z',
  acknowledgedBy: 'mei.chen@example.com',
});

const resolved = sampleCaseView({
  status: 'resolved',
  acknowledgedAt: '2026-11-25T08:31:00.000Z',
  acknowledgedBy: 'integrator:zendesk',
  acknowledgedOnBehalfOf: 'sam@example.com',
  resolvedAt: '2026-11-25T10:02:00.000Z',
  resolvedBy: 'mei.chen@example.com',
  resolution: { reason: 'called-back', note: 'Called Ana; refunded the <b>fee</b>.' },
  heldChange: undefined,
});

const formsOf = (page: string) => tagsWith(page, 'method', 'post').map((form) => form.attributes.action);

const buttonsOf = (page: string) =>
  [...page.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map(([, name]) => textOf(name ?? ''));

describe('the case page', () => {
  it('shows the case on its element, with its answer, team, agent, touchpoint, channel and times', () => {
    const page = casePage(ctx, sampleCasePage());

    expect(tagsWith(page, 'data-case-id').map((tag) => [tag.name, tag.attributes['data-case-id']])).toEqual([
      ['article', 'inv-8c1d2e'],
    ]);
    const details = textOf(elementWith(page, 'aria-labelledby="details"'));
    expect(details).toContain(
      'Survey Net Promoter Score (NPS) Score 3 Category Detractor Severity Medium Status Open',
    );
    expect(details).toContain('Team billing Agent agent-7 Touchpoint support-ticket Channel phone');
    expect(details).toContain('Interaction zd-48213 Opened Nov 25, 2026, 4:15 PM');
    expect(details).toContain('Escalation Not escalated');
    expect(textOf(elementWith(page, '<h1'))).toBe('NPS 3 · Detractor');
  });

  it('quotes the comment as text with its labels', () => {
    const page = casePage(ctx, sampleCasePage());

    const comment = elementWith(page, 'aria-labelledby="comment"');
    expect(comment).toContain(
      '<blockquote>The wait was awful: 40 minutes on hold, and then the line dropped.\nNobody called back.</blockquote>',
    );
    expect(textOf(comment)).toContain('Sentiment Negative Topics waiting communication');
  });

  it('names the topics as the stage’s taxonomy does, in the lead’s language', () => {
    const names = { waiting: '等待与速度', communication: '沟通与跟进' };

    const page = casePage({ ...ctx, lang: 'zh-CN' }, sampleCasePage({ topicNames: names }));

    expect(textOf(elementWith(page, 'aria-labelledby="comment"'))).toContain('等待与速度 沟通与跟进');
  });

  it('says where the comment’s analysis stands until it is done', () => {
    const pending = casePage(
      ctx,
      sampleCasePage({ case: sampleCaseView({ insight: 'pending', topics: [] }) }),
    );
    const none = casePage(
      ctx,
      sampleCasePage({ case: sampleCaseView({ comment: '', insight: undefined, topics: [] }) }),
    );

    expect(textOf(elementWith(pending, 'aria-labelledby="comment"'))).toContain('Being analysed');
    expect(textOf(elementWith(none, 'aria-labelledby="comment"'))).toBe(
      'Comment The customer left no comment.',
    );
  });

  it('shows markup in the comment, a change of it and the team name as text', () => {
    const page = casePage(
      ctx,
      sampleCasePage({
        showContacts: false,
        case: sampleCaseView({
          comment: '<script>alert("x")</script>',
          team: '<script>team</script>',
          heldChange: {
            score: 0,
            comment: '<img src=x>',
            reasons: ['<i>fast</i>'],
            receivedAt: '2026-11-25T09:30:00Z',
          },
        }),
      }),
    );

    expect(page).not.toMatch(/<script|<img|<i>/);
    expect(textOf(page)).toContain('<script>alert("x")</script>');
    expect(textOf(page)).toContain('Team <script>team</script>');
    expect(textOf(page)).toContain('shown to the leads of the <script>team</script> team.');
    expect(textOf(page)).toContain('<img src=x> Why it is held: <i>fast</i>');
  });

  it('offers Acknowledge and Resolve while the case is open, each form with the session’s token', () => {
    const page = casePage(ctx, sampleCasePage());

    expect(formsOf(page)).toEqual([
      '/console/sign-out',
      '/console/cases/inv-8c1d2e/acknowledge',
      '/console/cases/inv-8c1d2e/assign',
      '/console/cases/inv-8c1d2e/resolve',
      '/console/cases/inv-8c1d2e/notes',
    ]);
    expect(buttonsOf(page)).toEqual(['Sign out', 'Acknowledge', 'Assign', 'Resolve', 'Add note']);
    for (const form of [...page.matchAll(/<form[\s\S]*?<\/form>/g)].map(([markup]) => markup)) {
      expect(tagsWith(form, 'name', 'csrf')).toEqual([
        { name: 'input', attributes: { type: 'hidden', name: 'csrf', value: 'k3Jd9-csrf-2f1a' } },
      ]);
    }
  });

  it('resolves with a labelled choice of the reasons and a labelled note', () => {
    const page = casePage(ctx, sampleCasePage({ reasons: ['called-back', 'duplicate'] }));

    const form = elementWith(page, 'action="/console/cases/inv-8c1d2e/resolve"');
    const select = tagsWith(form, 'name', 'reason')[0];
    expect(select?.name).toBe('select');
    expect(form).toContain(`<label for="${select?.attributes.id}">Reason</label>`);
    expect(tagsWith(form, 'value').map((option) => [option.attributes.value, option.name])).toEqual([
      ['k3Jd9-csrf-2f1a', 'input'],
      ['', 'option'],
      ['called-back', 'option'],
      ['duplicate', 'option'],
    ]);
    expect(textOf(elementWith(form, '<select'))).toBe('Choose a reason Called back Duplicate');
    const note = tagsWith(form, 'name', 'note')[0];
    expect(note?.name).toBe('textarea');
    expect(form).toContain(`<label for="${note?.attributes.id}">Note (optional)</label>`);
  });

  it('offers no Acknowledge once the case is acknowledged', () => {
    const page = casePage(ctx, sampleCasePage({ case: acknowledged }));

    expect(formsOf(page)).toEqual([
      '/console/sign-out',
      '/console/cases/inv-8c1d2e/assign',
      '/console/cases/inv-8c1d2e/resolve',
      '/console/cases/inv-8c1d2e/notes',
    ]);
    expect(buttonsOf(page)).not.toContain('Acknowledge');
    expect(textOf(elementWith(page, 'aria-labelledby="details"'))).toContain(
      'Acknowledged Nov 25, 2026, 4:31 PM by mei.chen@example.com',
    );
  });

  it('offers only Reopen and a note on a resolved case, and shows how it was resolved', () => {
    const page = casePage(ctx, sampleCasePage({ case: resolved }));

    expect(formsOf(page)).toEqual([
      '/console/sign-out',
      '/console/cases/inv-8c1d2e/reopen',
      '/console/cases/inv-8c1d2e/notes',
    ]);
    expect(buttonsOf(page)).toEqual(['Sign out', 'Reopen', 'Add note']);
    expect(textOf(elementWith(page, 'aria-labelledby="actions"'))).toContain(
      'This case is resolved: nothing more to do.',
    );
    const details = textOf(elementWith(page, 'aria-labelledby="details"'));
    expect(details).toContain('Acknowledged Nov 25, 2026, 4:31 PM by integrator:zendesk for sam@example.com');
    expect(details).toContain('Resolved Nov 25, 2026, 6:02 PM by mei.chen@example.com');
    expect(details).toContain('Resolution Called back Called Ana; refunded the <b>fee</b>.');
  });

  it('shows the customer’s name and contacts only to a lead who may see them', () => {
    const shown = casePage(ctx, sampleCasePage({ showContacts: true }));
    const hidden = casePage(ctx, sampleCasePage({ showContacts: false }));

    const customer = textOf(elementWith(shown, 'aria-labelledby="customer"'));
    expect(customer).toContain(
      'Name Ana Souza Email ana@example.com Phone +1 415 555 0100 Customer ID c-981',
    );
    expect(customer).toContain('ticketUrl https://helpdesk.example.com/t/48213');
    expect(tagsWith(shown, 'href', 'mailto:ana@example.com')).toHaveLength(1);
    expect(tagsWith(shown, 'href', 'tel:+14155550100')).toHaveLength(1);
    for (const secret of ['Ana Souza', 'ana@example.com', '555 0100', 'c-981', 'helpdesk.example.com']) {
      expect(hidden).not.toContain(secret);
    }
    expect(textOf(elementWith(hidden, 'aria-labelledby="customer"'))).toBe(
      'Customer The customer’s contacts are shown to the leads of the billing team.',
    );
  });

  it('tells the history, the answer’s changes and the change held as suspect in the order they happened', () => {
    const page = casePage(
      ctx,
      sampleCasePage({ case: { ...sampleCaseView(), escalatedAt: '2026-11-25T12:15:03Z' } }),
    );

    const entries = [...elementWith(page, 'class="timeline"').matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map(
      ([, entry]) => textOf(entry ?? ''),
    );
    expect(entries).toEqual([
      'Nov 25, 2026, 4:15 PM Case opened',
      'Nov 25, 2026, 4:20 PM Score kept at 4 Comment changed The wait was awful: 40 minutes on hold, and then the line dropped.',
      'Nov 25, 2026, 5:02 PM Score changed from 4 to 3 Comment changed The wait was awful: 40 minutes on hold, and then the line dropped. Nobody called back.',
      'Nov 25, 2026, 5:30 PM Change held as suspect Someone asked to change this answer to 0. It looked suspect, so it counts nowhere until it is released. worst company ever!!! Why it is held: posted 900 ms after the page loaded',
      'Nov 25, 2026, 8:15 PM Escalated past its SLA',
    ]);
    expect(textOf(elementWith(page, 'class="pills"'))).toBe('Open Medium severity Past SLA');
  });

  it('assigns to one of the leads who may work the case, the current one chosen, the lead named as themselves', () => {
    const page = casePage(
      { ...ctx, lead: { email: 'lee.wong@example.com' } },
      sampleCasePage({ case: { ...sampleCaseView(), assignee: 'Mei.Chen@example.com' } }),
    );

    const form = elementWith(page, 'action="/console/cases/inv-8c1d2e/assign"');
    expect(form).toContain('<label for="assignee">Assigned to</label>');
    expect(textOf(elementWith(form, '<select'))).toBe(
      'No one mei.chen@example.com Me (lee.wong@example.com)',
    );
    expect(tagsWith(form, 'selected').map((option) => option.attributes.value)).toEqual([
      'mei.chen@example.com',
    ]);
    expect(textOf(elementWith(page, 'aria-labelledby="details"'))).toContain(
      'Assigned to Mei.Chen@example.com',
    );
  });

  it('tells a case’s timeline: assigned, notes, resolved and reopened, each with who and what they wrote', () => {
    const at = (minute: number) => `2026-11-25T09:${String(minute).padStart(2, '0')}:00.000Z`;
    const page = casePage(
      ctx,
      sampleCasePage({
        case: {
          ...sampleCaseView(),
          heldChange: undefined,
          timeline: [
            { kind: 'opened', at: at(0), by: 'pulse', score: 3 },
            { kind: 'assigned', at: at(1), by: 'mei.chen@example.com', assignee: 'lee.wong@example.com' },
            { kind: 'note', at: at(2), by: 'lee.wong@example.com', note: 'Left a voicemail <b>twice</b>.' },
            {
              kind: 'resolved',
              at: at(3),
              by: 'lee.wong@example.com',
              reason: 'called-back',
              note: 'Refunded.',
            },
            { kind: 'reopened', at: at(4), by: 'mei.chen@example.com', note: 'She wrote again.' },
            { kind: 'escalated', at: at(9), by: 'pulse' },
          ],
        },
      }),
    );

    const entries = [...elementWith(page, 'class="timeline"').matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map(
      ([, entry]) => textOf(entry ?? ''),
    );
    expect(entries).toEqual([
      'Nov 25, 2026, 5:00 PM Case opened',
      'Nov 25, 2026, 5:01 PM Assigned to lee.wong@example.com by mei.chen@example.com',
      'Nov 25, 2026, 5:02 PM Note by lee.wong@example.com Left a voicemail <b>twice</b>.',
      'Nov 25, 2026, 5:03 PM Resolved by lee.wong@example.com Reason: Called back Refunded.',
      'Nov 25, 2026, 5:04 PM Reopened by mei.chen@example.com She wrote again.',
      'Nov 25, 2026, 5:09 PM Escalated past its SLA',
    ]);
    expect(page).not.toContain('<b>twice</b>');
  });

  it('shows what was done in a status region, and a refusal as an alert', () => {
    const done: CasePageView['notice'] = { kind: 'done', text: 'Acknowledged.' };
    const refused: CasePageView['notice'] = { kind: 'refused', text: 'case inv-8c1d2e was just <resolved>' };

    const afterDone = casePage(ctx, sampleCasePage({ notice: done }));
    const afterRefusal = casePage(ctx, sampleCasePage({ notice: refused }));

    expect(textOf(elementWith(afterDone, 'role="status"'))).toBe('Acknowledged.');
    expect(tagsWith(afterDone, 'role', 'alert')).toEqual([]);
    expect(textOf(elementWith(afterRefusal, 'role="alert"'))).toBe('case inv-8c1d2e was just <resolved>');
  });

  it('speaks Chinese to a Chinese-speaking lead, buttons included', () => {
    const page = casePage({ ...ctx, lang: 'zh-CN' }, sampleCasePage());

    expect(page).toContain('<html lang="zh-CN">');
    expect(buttonsOf(page)).toEqual(['退出登录', '确认', '分配', '解决', '添加备注']);
    const text = textOf(page);
    for (const words of [
      '案例 zd-48213',
      '客户评论',
      '情感倾向 负面',
      '创建时间 2026年11月25日 16:15',
      '请选择原因',
      '已回电',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).toContain('暂缓原因：posted 900 ms after the page loaded');
  });

  it('is one page with one main landmark, no script and no inline style attribute', () => {
    const page = casePage(ctx, sampleCasePage());

    expect(startTags(page).filter((tag) => tag.name === 'main')).toHaveLength(1);
    expect(startTags(page).some((tag) => tag.name === 'script' || 'style' in tag.attributes)).toBe(false);
    expect(Buffer.byteLength(page)).toBeLessThan(30_000);
  });
});
