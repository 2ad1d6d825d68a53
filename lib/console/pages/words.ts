import type { CaseStatus, RESOLUTION_REASONS } from '../../cases/case.js';
import type { Category, Survey } from '../../surveys/scales.js';
import type { Dimension } from '../../surveys/segments.js';
import type { Sentiment } from '../../surveys/sentiments.js';
import type { Window } from '../../surveys/window.js';
import type { ConsoleLang } from '../views.js';

/*
 * Every word the leads' console shows, in each of its languages, side by side under one message id:
 * a translation can be checked against its English in place, and an entry without one of the
 * languages, or whose translation takes other arguments, does not compile. Words are plain text
 * (the pages escape them); a word that takes a value takes it already formatted for the locale.
 */

type Word = string | ((...values: never[]) => string) | Readonly<Record<string, string>>;

const WORDS = {
  /** What stands between a name and its value on one line. */
  colon: { en: ': ', 'zh-CN': '：' },
  product: { en: 'Pulse', 'zh-CN': 'Pulse' },
  consoleName: { en: 'Leads’ console', 'zh-CN': '主管控制台' },
  skipToContent: { en: 'Skip to content', 'zh-CN': '跳到主要内容' },
  mainNav: { en: 'Console', 'zh-CN': '控制台' },
  overview: { en: 'Overview', 'zh-CN': '概览' },
  cases: { en: 'Cases', 'zh-CN': '案例' },
  segments: { en: 'Segments', 'zh-CN': '细分' },
  feedback: { en: 'Feedback', 'zh-CN': '反馈' },
  topicsNav: { en: 'Topics', 'zh-CN': '话题' },
  rules: { en: 'Metric rules', 'zh-CN': '指标规则' },
  signedInAs: { en: 'Signed in as', 'zh-CN': '当前登录' },
  signOut: { en: 'Sign out', 'zh-CN': '退出登录' },
  language: { en: 'Language', 'zh-CN': '语言' },
  timesIn: {
    en: (zone: string) => `Times are in ${zone}.`,
    'zh-CN': (zone: string) => `时间均按 ${zone} 时区显示。`,
  },

  period: { en: 'Period', 'zh-CN': '统计周期' },
  window: {
    en: { '7d': '7 days', '30d': '30 days', '90d': '90 days' },
    'zh-CN': { '7d': '近 7 天', '30d': '近 30 天', '90d': '近 90 天' },
  } satisfies Record<ConsoleLang, Record<Window, string>>,
  windowLong: {
    en: { '7d': 'Last 7 days', '30d': 'Last 30 days', '90d': 'Last 90 days' },
    'zh-CN': { '7d': '近 7 天', '30d': '近 30 天', '90d': '近 90 天' },
  } satisfies Record<ConsoleLang, Record<Window, string>>,
  scores: { en: 'Scores', 'zh-CN': '得分' },
  surveyShort: {
    en: { nps: 'NPS', csat: 'CSAT', ces: 'CES' },
    'zh-CN': { nps: 'NPS', csat: 'CSAT', ces: 'CES' },
  } satisfies Record<ConsoleLang, Record<Survey, string>>,
  surveyTitle: {
    en: {
      nps: 'Net Promoter Score (NPS)',
      csat: 'Customer satisfaction (CSAT)',
      ces: 'Customer effort (CES)',
    },
    'zh-CN': { nps: '净推荐值 (NPS)', csat: '客户满意度 (CSAT)', ces: '客户费力度 (CES)' },
  } satisfies Record<ConsoleLang, Record<Survey, string>>,
  score: { en: 'Score', 'zh-CN': '得分' },
  responses: { en: 'Responses', 'zh-CN': '回答数' },
  marginOfError: { en: 'Margin of error (95%)', 'zh-CN': '误差范围 (95%)' },
  lowSample: { en: 'Low sample', 'zh-CN': '样本不足' },
  changeVsPrevious: { en: 'vs previous period', 'zh-CN': '较上一周期' },
  significant: { en: 'Significant', 'zh-CN': '显著' },
  notSignificant: { en: 'Not significant', 'zh-CN': '不显著' },
  noComparison: { en: 'Nothing to compare with', 'zh-CN': '无可比较数据' },
  sent: { en: 'Sent', 'zh-CN': '已发送' },
  responseRate: { en: 'Response rate', 'zh-CN': '回复率' },
  noAnswers: { en: 'No answers yet', 'zh-CN': '暂无回答' },
  mean: { en: 'Mean', 'zh-CN': '平均分' },
  easyShare: { en: 'Easy', 'zh-CN': '认为容易' },
  breakdown: {
    en: (promoters: string, passives: string, detractors: string) =>
      `${promoters} promoters · ${passives} passives · ${detractors} detractors`,
    'zh-CN': (promoters: string, passives: string, detractors: string) =>
      `推荐者 ${promoters} · 被动者 ${passives} · 贬损者 ${detractors}`,
  },
  trendLabel: {
    en: (survey: string, bucket: 'day' | 'week', from: string, to: string, latest: string) =>
      `${survey} per ${bucket}, ${from} to ${to}. Latest: ${latest}.`,
    'zh-CN': (survey: string, bucket: 'day' | 'week', from: string, to: string, latest: string) =>
      `${survey}${bucket === 'day' ? '每日' : '每周'}趋势，${from}至${to}。最近：${latest}。`,
  },
  chartNumbers: { en: 'Chart numbers', 'zh-CN': '图表数据' },
  day: { en: 'Day', 'zh-CN': '日期' },
  week: { en: 'Week', 'zh-CN': '周' },
  noValue: { en: 'none', 'zh-CN': '无' },
  overall: { en: 'Everyone', 'zh-CN': '全部' },
  segmentOf: {
    en: (dimension: string, value: string) => `${dimension}: ${value}`,
    'zh-CN': (dimension: string, value: string) => `${dimension}：${value}`,
  },
  yourTeams: { en: 'Your teams', 'zh-CN': '您的团队' },
  breakDownBy: { en: 'Break down by', 'zh-CN': '细分维度' },
  dimensionName: {
    en: { team: 'Team', agent: 'Agent', channel: 'Channel', touchpoint: 'Touchpoint' },
    'zh-CN': { team: '团队', agent: '客服', channel: '渠道', touchpoint: '接触点' },
  } satisfies Record<ConsoleLang, Record<Dimension, string>>,
  segmentsCaption: {
    en: (survey: string, dimension: string, window: string) =>
      `${survey} by ${dimension.toLowerCase()}, ${window.toLowerCase()}`,
    'zh-CN': (survey: string, dimension: string, window: string) => `${survey}按${dimension}细分，${window}`,
  },
  sortBy: { en: '(sort)', 'zh-CN': '（排序）' },
  change: { en: 'Change', 'zh-CN': '变化' },

  feedbackIntro: {
    en: 'Every answer, newest first. Filter to read what one group of customers says.',
    'zh-CN': '所有回答，按时间从新到旧排列。可筛选查看某一类客户的反馈。',
  },
  filters: { en: 'Filters', 'zh-CN': '筛选条件' },
  anySurvey: { en: 'All surveys', 'zh-CN': '全部调查' },
  anyCategory: { en: 'Any category', 'zh-CN': '全部分类' },
  anySentiment: { en: 'Any sentiment', 'zh-CN': '全部情感' },
  anyTopic: { en: 'Any topic', 'zh-CN': '全部话题' },
  anyTeam: { en: 'All your teams', 'zh-CN': '全部团队' },
  answersWith: { en: 'Answers', 'zh-CN': '回答范围' },
  withCommentOnly: { en: 'With a comment', 'zh-CN': '有评论的回答' },
  everyAnswer: { en: 'Every answer', 'zh-CN': '全部回答' },
  segmentHint: {
    en: 'Fill in at most one of team, agent, channel and touchpoint.',
    'zh-CN': '团队、客服、渠道、接触点最多填写一项。',
  },
  applyFilters: { en: 'Show answers', 'zh-CN': '查看回答' },
  clearFilters: { en: 'Clear filters', 'zh-CN': '清除筛选' },
  downloadCsv: { en: 'Download CSV', 'zh-CN': '下载 CSV' },
  csvHint: {
    en: (limit: string) => `The newest ${limit} answers of these filters, every column of the API.`,
    'zh-CN': (limit: string) => `按当前筛选条件下载最新的 ${limit} 条回答，包含 API 的全部字段。`,
  },
  noFeedback: { en: 'No answer matches these filters.', 'zh-CN': '没有符合筛选条件的回答。' },
  olderAnswers: { en: 'Older answers', 'zh-CN': '更早的回答' },
  newestAnswers: { en: 'Newest answers', 'zh-CN': '最新的回答' },
  answered: { en: 'Answered', 'zh-CN': '回答时间' },
  suspectHeld: { en: 'Held as suspect', 'zh-CN': '疑似异常，已暂缓' },
  openCase: { en: 'Open its case', 'zh-CN': '查看案例' },
  answersShown: {
    en: (count: string) => `${count} answers on this page`,
    'zh-CN': (count: string) => `本页 ${count} 条回答`,
  },

  topicsIntro: {
    en: 'What customers write about, and which topics pull the score down the most.',
    'zh-CN': '客户在评论中谈论什么，以及哪些话题最拉低得分。',
  },
  comments: { en: 'Comments', 'zh-CN': '评论数' },
  mentions: { en: 'Mentions', 'zh-CN': '提及次数' },
  shareOfComments: { en: 'Share of comments', 'zh-CN': '占评论比例' },
  scoreWhenMentioned: { en: 'Score when mentioned', 'zh-CN': '提及时的得分' },
  impact: { en: 'Impact on the score', 'zh-CN': '对得分的影响' },
  impactHint: {
    en: 'Impact: how many points the topic moves the overall score, the overall score minus the score of the answers that do not mention it.',
    'zh-CN': '影响：该话题使总体得分变化的分数，即总体得分减去未提及该话题的回答的得分。',
  },
  byMentions: { en: 'Topics by mentions', 'zh-CN': '按提及次数排列' },
  byImpact: { en: 'Topics pulling the score down', 'zh-CN': '最拉低得分的话题' },
  noTopics: { en: 'No analysed comment in this period.', 'zh-CN': '此期间没有已分析的评论。' },
  noneDown: { en: 'No topic pulls the score down.', 'zh-CN': '没有拉低得分的话题。' },
  examples: { en: 'What customers wrote', 'zh-CN': '客户原话' },
  readAll: {
    en: (topic: string) => `Read every comment about ${topic}`,
    'zh-CN': (topic: string) => `查看所有关于“${topic}”的评论`,
  },
  sentimentSplit: { en: 'Sentiment of the comments', 'zh-CN': '评论情感分布' },

  rulesIntro: {
    en: 'Each rule watches a rolling score, and alerts once when it falls below its line, then once when it recovers.',
    'zh-CN': '每条规则监控一个滚动得分：低于阈值时提醒一次，恢复后再提醒一次。',
  },
  noRules: {
    en: 'This stage has no metric rule. They are set in the stage settings (metricAlerts).',
    'zh-CN': '本环境尚未设置指标规则，可在环境配置 (metricAlerts) 中添加。',
  },
  ruleBelow: { en: 'Below its line', 'zh-CN': '低于阈值' },
  ruleRecovered: { en: 'Recovered', 'zh-CN': '已恢复' },
  ruleOk: { en: 'Above its line', 'zh-CN': '高于阈值' },
  ruleNotJudged: { en: 'Not judged yet', 'zh-CN': '尚未判定' },
  ruleLine: {
    en: (below: string, recover: string, sample: string) =>
      `Alerts below ${below} on at least ${sample} answers; recovers at ${recover}.`,
    'zh-CN': (below: string, recover: string, sample: string) =>
      `至少 ${sample} 个回答且低于 ${below} 时提醒；回到 ${recover} 即恢复。`,
  },
  responseRateRule: { en: 'Response rate', 'zh-CN': '回复率' },
  watching: { en: 'Now', 'zh-CN': '当前' },
  fellAt: { en: 'Fell below', 'zh-CN': '跌破时间' },
  recoveredAt: { en: 'Recovered', 'zh-CN': '恢复时间' },
  alertsSoFar: {
    en: (count: string) => `${count} alerts so far`,
    'zh-CN': (count: string) => `累计提醒 ${count} 次`,
  },
  stageMinSample: { en: 'the stage’s minimum', 'zh-CN': '环境默认最少样本' },

  casesWaiting: { en: 'Cases waiting', 'zh-CN': '待处理案例' },
  waitingCount: {
    en: (count: string) => `${count} waiting`,
    'zh-CN': (count: string) => `${count} 个待处理`,
  },
  overdueCount: {
    en: (count: string) => `${count} past their SLA`,
    'zh-CN': (count: string) => `${count} 个已超时`,
  },
  overdue: { en: 'Past SLA', 'zh-CN': '已超时' },
  noCasesWaiting: { en: 'No case is waiting.', 'zh-CN': '暂无待处理案例。' },
  allCases: { en: 'All cases', 'zh-CN': '查看全部案例' },
  caseStatuses: { en: 'Cases by status', 'zh-CN': '按状态查看案例' },
  noCases: { en: 'No case here.', 'zh-CN': '这里没有案例。' },
  olderCases: { en: 'Older cases', 'zh-CN': '更早的案例' },
  whoseCases: { en: 'Whose cases', 'zh-CN': '案例范围' },
  everyonesCases: { en: 'Everyone’s', 'zh-CN': '全部' },
  myTeamsCases: { en: 'My teams’', 'zh-CN': '我的团队' },
  myCases: { en: 'Assigned to me', 'zh-CN': '分配给我的' },
  survey: { en: 'Survey', 'zh-CN': '调查' },
  team: { en: 'Team', 'zh-CN': '团队' },
  agent: { en: 'Agent', 'zh-CN': '客服' },
  status: { en: 'Status', 'zh-CN': '状态' },
  opened: { en: 'Opened', 'zh-CN': '创建时间' },
  statusName: {
    en: { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' },
    'zh-CN': { open: '待处理', acknowledged: '已确认', resolved: '已解决' },
  } satisfies Record<ConsoleLang, Record<CaseStatus, string>>,
  severity: { en: 'Severity', 'zh-CN': '严重程度' },
  severityName: {
    en: { high: 'High', medium: 'Medium', low: 'Low' },
    'zh-CN': { high: '高', medium: '中', low: '低' },
  } satisfies Record<ConsoleLang, Record<'high' | 'medium' | 'low', string>>,
  severityLevel: {
    en: { high: 'High severity', medium: 'Medium severity', low: 'Low severity' },
    'zh-CN': { high: '严重程度：高', medium: '严重程度：中', low: '严重程度：低' },
  } satisfies Record<ConsoleLang, Record<'high' | 'medium' | 'low', string>>,
  category: { en: 'Category', 'zh-CN': '分类' },
  categoryName: {
    en: {
      promoter: 'Promoter',
      passive: 'Passive',
      detractor: 'Detractor',
      satisfied: 'Satisfied',
      neutral: 'Neutral',
      unsatisfied: 'Unsatisfied',
      easy: 'Easy',
      difficult: 'Difficult',
    },
    'zh-CN': {
      promoter: '推荐者',
      passive: '被动者',
      detractor: '贬损者',
      satisfied: '满意',
      neutral: '中立',
      unsatisfied: '不满意',
      easy: '容易',
      difficult: '费力',
    },
  } satisfies Record<ConsoleLang, Record<Category, string>>,

  caseOf: {
    en: (reference: string) => `Case ${reference}`,
    'zh-CN': (reference: string) => `案例 ${reference}`,
  },
  youAreHere: { en: 'You are here', 'zh-CN': '当前位置' },
  interaction: { en: 'Interaction', 'zh-CN': '互动编号' },
  touchpoint: { en: 'Touchpoint', 'zh-CN': '接触点' },
  channel: { en: 'Channel', 'zh-CN': '渠道' },
  details: { en: 'Details', 'zh-CN': '详情' },
  comment: { en: 'Comment', 'zh-CN': '客户评论' },
  noComment: { en: 'The customer left no comment.', 'zh-CN': '客户没有留下评论。' },
  sentiment: { en: 'Sentiment', 'zh-CN': '情感倾向' },
  sentimentName: {
    en: { positive: 'Positive', neutral: 'Neutral', negative: 'Negative', mixed: 'Mixed' },
    'zh-CN': { positive: '正面', neutral: '中性', negative: '负面', mixed: '褒贬不一' },
  } satisfies Record<ConsoleLang, Record<Sentiment, string>>,
  topics: { en: 'Topics', 'zh-CN': '话题' },
  insightName: {
    en: { pending: 'Being analysed', done: 'Analysed', failed: 'Could not be analysed' },
    'zh-CN': { pending: '分析中', done: '已分析', failed: '无法分析' },
  } satisfies Record<ConsoleLang, Record<'pending' | 'done' | 'failed', string>>,
  customer: { en: 'Customer', 'zh-CN': '客户' },
  name: { en: 'Name', 'zh-CN': '姓名' },
  email: { en: 'Email', 'zh-CN': '邮箱' },
  phone: { en: 'Phone', 'zh-CN': '电话' },
  customerId: { en: 'Customer ID', 'zh-CN': '客户编号' },
  contactsHidden: {
    en: (team: string) => `The customer’s contacts are shown to the leads of the ${team} team.`,
    'zh-CN': (team: string) => `仅 ${team} 团队的主管可以查看客户的联系方式。`,
  },
  acknowledged: { en: 'Acknowledged', 'zh-CN': '确认时间' },
  resolved: { en: 'Resolved', 'zh-CN': '解决时间' },
  by: { en: (who: string) => `by ${who}`, 'zh-CN': (who: string) => `处理人：${who}` },
  onBehalfOf: { en: (who: string) => `for ${who}`, 'zh-CN': (who: string) => `（代 ${who}）` },
  resolution: { en: 'Resolution', 'zh-CN': '处理结果' },
  reason: { en: 'Reason', 'zh-CN': '原因' },
  note: { en: 'Note', 'zh-CN': '备注' },
  chooseReason: { en: 'Choose a reason', 'zh-CN': '请选择原因' },
  noteOptional: { en: 'Note (optional)', 'zh-CN': '备注（选填）' },
  reasonName: {
    en: {
      'called-back': 'Called back',
      'issue-fixed': 'Issue fixed',
      'customer-unreachable': 'Customer unreachable',
      'no-action-needed': 'No action needed',
      duplicate: 'Duplicate',
    },
    'zh-CN': {
      'called-back': '已回电',
      'issue-fixed': '问题已解决',
      'customer-unreachable': '无法联系客户',
      'no-action-needed': '无需处理',
      duplicate: '重复案例',
    },
  } satisfies Record<ConsoleLang, Record<(typeof RESOLUTION_REASONS)[number], string>>,
  escalation: { en: 'Escalation', 'zh-CN': '升级' },
  escalated: {
    en: 'Escalated: left unacknowledged past its SLA',
    'zh-CN': '已升级：超过 SLA 仍未确认',
  },
  notEscalated: { en: 'Not escalated', 'zh-CN': '未升级' },
  recoverySent: { en: 'Follow-up survey sent', 'zh-CN': '已发送回访调查' },
  history: { en: 'History', 'zh-CN': '处理记录' },
  eventOpened: { en: 'Case opened', 'zh-CN': '案例已创建' },
  eventAcknowledged: { en: 'Acknowledged', 'zh-CN': '已确认' },
  eventEscalated: { en: 'Escalated past its SLA', 'zh-CN': '超过 SLA，已升级' },
  eventResolved: { en: 'Resolved', 'zh-CN': '已解决' },
  eventAssigned: {
    en: (who: string) => `Assigned to ${who}`,
    'zh-CN': (who: string) => `已分配给 ${who}`,
  },
  eventUnassigned: {
    en: (who: string) => `Unassigned from ${who}`,
    'zh-CN': (who: string) => `已取消分配（原为 ${who}）`,
  },
  eventNote: { en: 'Note', 'zh-CN': '备注' },
  eventReopened: { en: 'Reopened', 'zh-CN': '已重新打开' },
  assignee: { en: 'Assigned to', 'zh-CN': '负责人' },
  assign: { en: 'Assign', 'zh-CN': '分配' },
  nobody: { en: 'No one', 'zh-CN': '未分配' },
  me: { en: (email: string) => `Me (${email})`, 'zh-CN': (email: string) => `我（${email}）` },
  addNote: { en: 'Add a note for the team', 'zh-CN': '给团队添加备注' },
  saveNote: { en: 'Add note', 'zh-CN': '添加备注' },
  reopen: { en: 'Reopen', 'zh-CN': '重新打开' },
  reopenWhy: { en: 'Why reopen it (optional)', 'zh-CN': '重新打开的原因（选填）' },
  scoreChanged: {
    en: (before: string, after: string) => `Score changed from ${before} to ${after}`,
    'zh-CN': (before: string, after: string) => `评分从 ${before} 改为 ${after}`,
  },
  scoreKept: {
    en: (score: string) => `Score kept at ${score}`,
    'zh-CN': (score: string) => `评分仍为 ${score}`,
  },
  commentAdded: { en: 'Comment added', 'zh-CN': '新增了评论' },
  commentChanged: { en: 'Comment changed', 'zh-CN': '修改了评论' },
  commentRemoved: { en: 'Comment removed', 'zh-CN': '删除了评论' },
  heldChange: { en: 'Change held as suspect', 'zh-CN': '疑似异常、已暂缓的修改' },
  heldExplained: {
    en: (score: string) =>
      `Someone asked to change this answer to ${score}. It looked suspect, so it counts nowhere until it is released.`,
    'zh-CN': (score: string) => `有人请求将此回答改为 ${score}。该修改疑似异常，放行前不计入任何统计。`,
  },
  heldReasons: { en: 'Why it is held', 'zh-CN': '暂缓原因' },
  actions: { en: 'Actions', 'zh-CN': '操作' },
  acknowledge: { en: 'Acknowledge', 'zh-CN': '确认' },
  acknowledgeHint: {
    en: 'Let the team know you are on it.',
    'zh-CN': '告诉团队你正在跟进。',
  },
  resolve: { en: 'Resolve', 'zh-CN': '解决' },
  resolveHeading: { en: 'Resolve the case', 'zh-CN': '解决此案例' },
  resolvedNote: {
    en: 'This case is resolved: nothing more to do.',
    'zh-CN': '此案例已解决，无需进一步操作。',
  },

  signIn: { en: 'Sign in', 'zh-CN': '登录' },
  signInIntro: {
    en: 'Sign in with the email address this stage knows you by as a lead.',
    'zh-CN': '请使用本环境登记的客服主管邮箱地址登录。',
  },
  emailAddress: { en: 'Email address', 'zh-CN': '邮箱地址' },
  enterEmail: { en: 'Enter your email address.', 'zh-CN': '请输入邮箱地址。' },
  notALead: {
    en: (address: string) =>
      `${address} is not one of this stage’s leads. Check the address, or ask to be added.`,
    'zh-CN': (address: string) => `${address} 不是本环境的客服主管。请检查地址，或申请加入。`,
  },
  signInFailed: { en: 'Sign-in did not complete', 'zh-CN': '登录未完成' },
  signInElsewhere: {
    en: 'This sign-in was not started in this browser, or has run out of time. Start again here.',
    'zh-CN': '此次登录不是在此浏览器中发起的，或已超时。请在此重新开始。',
  },
  signInSpent: {
    en: 'This sign-in has run out of time or has been used already. Start again.',
    'zh-CN': '此次登录已超时或已被使用。请重新开始。',
  },
  signInNotCompleted: {
    en: 'The sign-in page did not sign you in. Start again.',
    'zh-CN': '登录页面未能完成登录。请重新开始。',
  },
  signInAgain: { en: 'Sign in again', 'zh-CN': '重新登录' },

  notFound: { en: 'Page not found', 'zh-CN': '页面不存在' },
  notFoundText: {
    en: 'There is no page or case at this address. It may have been mistyped, or the link is incomplete.',
    'zh-CN': '此地址没有对应的页面或案例。可能是地址输入有误，或链接不完整。',
  },
  backToOverview: { en: 'Back to the overview', 'zh-CN': '返回概览' },
  badRequest: { en: 'This address asks for something wrong', 'zh-CN': '此地址的参数有误' },
  outsideTeams: { en: 'Outside your teams', 'zh-CN': '超出您负责的团队' },
  outsideTeamsText: {
    en: (field: string) => `You lead some teams only, and this page asks for another ${field}.`,
    'zh-CN': (field: string) => `您只负责部分团队，此页面请求的${field}不在其中。`,
  },
} satisfies Record<string, Record<ConsoleLang, Word>>;

/** The console's words in one language, by message id; each has the type of its English original. */
export type Words = { readonly [Id in keyof typeof WORDS]: (typeof WORDS)[Id]['en'] };

const wordsOf = <L extends ConsoleLang>(lang: L): { [Id in keyof typeof WORDS]: (typeof WORDS)[Id][L] } =>
  Object.fromEntries(Object.entries(WORDS).map(([id, word]) => [id, word[lang]])) as {
    [Id in keyof typeof WORDS]: (typeof WORDS)[Id][L];
  };

// Typed as the English words, so that a translation that takes other values does not compile.
const BY_LANG: Record<ConsoleLang, Words> = { en: wordsOf('en'), 'zh-CN': wordsOf('zh-CN') };

/** The console's words in `lang`. */
export const wordsIn = (lang: ConsoleLang): Words => BY_LANG[lang];

/** Each language's name in that language, as the language switch offers it. */
export const LANGUAGE_NAMES: Record<ConsoleLang, string> = { en: 'English', 'zh-CN': '简体中文' };
