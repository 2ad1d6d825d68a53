import type { Locale } from './locales.js';
import type { Survey } from './scales.js';

/** Everything a customer reads, in one language. `{brand}` is replaced by the stage's brand name. */
export interface Catalog {
  htmlLang: string;
  /** What a message calls the company when the stage sets no brand name. */
  defaultBrand: string;
  question: Record<Survey, string>;
  scale: Record<Survey, { low: string; high: string }>;
  email: {
    subject: Record<Survey, string>;
    reminderSubject: (subject: string) => string;
    greeting: (name: string | undefined) => string;
    hint: string;
    reminderNote: string;
    unsubscribeLine: string;
    unsubscribeLink: string;
  };
  /** Each must fit one SMS segment with the brand filled in; the stage configuration is refused otherwise. */
  sms: {
    invitation: Record<Survey, string>;
    reminder: Record<Survey, string>;
    /** Answers to replies: each fits one segment with the brand, like the invitations. */
    thanks: string;
    reprompt: Record<Survey, string>;
    help: string;
    optedOut: string;
    optedIn: string;
    closed: string;
  };
  page: {
    title: string;
    legend: string;
    commentLabel: string;
    submit: string;
    thanksTitle: string;
    recorded: (score: number) => string;
    yourComment: string;
    changeLead: string;
    changeLink: string;
    closedTitle: string;
    closed: string;
    /** The page of an answer that took every change it may take. */
    lockedTitle: string;
    locked: string;
  };
  unsubscribe: {
    title: string;
    question: (address: string) => string;
    /** The address named when it is no longer known (its person was erased). */
    thisAddress: string;
    button: string;
    done: (address: string) => string;
    invalid: string;
  };
}

const en: Catalog = {
  htmlLang: 'en',
  defaultBrand: 'us',
  question: {
    nps: 'How likely are you to recommend {brand} to a friend or colleague?',
    csat: 'How satisfied were you with the help you received?',
    ces: '{brand} made it easy for me to handle my issue.',
  },
  scale: {
    nps: { low: 'Not at all likely', high: 'Extremely likely' },
    csat: { low: 'Very dissatisfied', high: 'Very satisfied' },
    ces: { low: 'Strongly disagree', high: 'Strongly agree' },
  },
  email: {
    subject: { nps: 'One quick question', csat: 'How did we do?', ces: 'Was it easy to get help?' },
    reminderSubject: (subject) => `Reminder: ${subject}`,
    greeting: (name) => (name ? `Hi ${name},` : 'Hi,'),
    hint: 'Choose a number: a page opens where you confirm it and can add a comment.',
    reminderNote: 'We asked a few days ago; one click is all it takes.',
    unsubscribeLine: 'Do not want these surveys?',
    unsubscribeLink: 'Unsubscribe',
  },
  sms: {
    invitation: {
      nps: '{brand}: How likely are you to recommend us to a friend? Reply 0-10 (10 = extremely likely). Reply STOP to opt out.',
      csat: '{brand}: How satisfied were you with the help you received? Reply 1-5 (5 = very satisfied). Reply STOP to opt out.',
      ces: '{brand}: Was it easy to handle your issue with us? Reply 1-7 (7 = very easy). Reply STOP to opt out.',
    },
    reminder: {
      nps: '{brand}: Reminder: how likely are you to recommend us? Reply 0-10. Reply STOP to opt out.',
      csat: '{brand}: Reminder: how satisfied were you with our help? Reply 1-5. Reply STOP to opt out.',
      ces: '{brand}: Reminder: was it easy to handle your issue? Reply 1-7 (7 = very easy). Reply STOP to opt out.',
    },
    thanks: '{brand}: Thank you for your answer! Reply with a few words if you want to tell us more.',
    reprompt: {
      nps: '{brand}: Sorry, we did not get that. Please reply with one number from 0 to 10, or STOP to opt out.',
      csat: '{brand}: Sorry, we did not get that. Please reply with one number from 1 to 5, or STOP to opt out.',
      ces: '{brand}: Sorry, we did not get that. Please reply with one number from 1 to 7, or STOP to opt out.',
    },
    help: '{brand}: Reply to one of our surveys with a number to answer it. Reply STOP to opt out, START to opt back in.',
    optedOut: '{brand}: You will get no more surveys from us. Reply START to opt back in.',
    optedIn: '{brand}: You are opted back in to our surveys. Reply STOP to opt out.',
    closed: '{brand}: Thank you! This survey has closed, so we could not record your reply.',
  },
  page: {
    title: 'Your feedback',
    legend: 'Your score',
    commentLabel: 'Anything you would like to add? (optional)',
    submit: 'Send my answer',
    thanksTitle: 'Thank you for your answer',
    recorded: (score) => `We recorded a score of ${score}.`,
    yourComment: 'Your comment:',
    changeLead: 'Changed your mind?',
    changeLink: 'Change your answer',
    closedTitle: 'This survey has closed',
    closed: 'Thank you for wanting to answer. This survey took answers for 30 days after it was sent.',
    lockedTitle: 'Your answer is recorded',
    locked: 'This answer has been changed as many times as it can be, so it can no longer be changed.',
  },
  unsubscribe: {
    title: 'Unsubscribe',
    question: (address) => `Stop survey emails to ${address}?`,
    thisAddress: 'this address',
    button: 'Unsubscribe',
    done: (address) => `${address} will get no more survey emails from us.`,
    invalid:
      'This unsubscribe link is not valid. Copy the whole link from the email, or reply to it to ask us.',
  },
};

const zhCN: Catalog = {
  htmlLang: 'zh-CN',
  defaultBrand: '我们',
  question: {
    nps: '您向朋友或同事推荐{brand}的可能性有多大？',
    csat: '您对得到的帮助满意吗？',
    ces: '{brand}让我的问题处理起来很容易。',
  },
  scale: {
    nps: { low: '完全不可能', high: '极有可能' },
    csat: { low: '非常不满意', high: '非常满意' },
    ces: { low: '非常不同意', high: '非常同意' },
  },
  email: {
    subject: { nps: '一个简短的问题', csat: '我们做得怎么样？', ces: '获得帮助容易吗？' },
    reminderSubject: (subject) => `提醒：${subject}`,
    greeting: (name) => (name ? `${name}，您好：` : '您好：'),
    hint: '请选择一个分数：打开的页面上可以确认分数并留下意见。',
    reminderNote: '几天前我们问过您，只需点击一下即可。',
    unsubscribeLine: '不想再收到这类调查？',
    unsubscribeLink: '退订',
  },
  sms: {
    invitation: {
      nps: '{brand}：您向朋友推荐我们的可能性有多大？请回复0-10（10=极有可能）。回复STOP退订。',
      csat: '{brand}：您对我们的帮助满意吗？请回复1-5（5=非常满意）。回复STOP退订。',
      ces: '{brand}：您的问题处理起来容易吗？请回复1-7（7=非常容易）。回复STOP退订。',
    },
    reminder: {
      nps: '{brand}：提醒：您推荐我们的可能性有多大？请回复0-10。回复STOP退订。',
      csat: '{brand}：提醒：您对我们的帮助满意吗？请回复1-5。回复STOP退订。',
      ces: '{brand}：提醒：您的问题处理起来容易吗？请回复1-7。回复STOP退订。',
    },
    thanks: '{brand}：感谢您的回答！如想多说几句，请直接回复。',
    reprompt: {
      nps: '{brand}：抱歉，没能看懂。请回复0到10之间的一个数字，或回复STOP退订。',
      csat: '{brand}：抱歉，没能看懂。请回复1到5之间的一个数字，或回复STOP退订。',
      ces: '{brand}：抱歉，没能看懂。请回复1到7之间的一个数字，或回复STOP退订。',
    },
    help: '{brand}：回复数字即可回答调查。回复STOP退订，回复START重新订阅。',
    optedOut: '{brand}：您将不再收到我们的调查。回复START可重新订阅。',
    optedIn: '{brand}：您已重新订阅我们的调查。回复STOP退订。',
    closed: '{brand}：谢谢！此调查已结束，您的回复未被记录。',
  },
  page: {
    title: '您的反馈',
    legend: '您的评分',
    commentLabel: '还有什么想告诉我们的吗？（选填）',
    submit: '提交我的回答',
    thanksTitle: '感谢您的回答',
    recorded: (score) => `我们已记录您的评分：${score}。`,
    yourComment: '您的意见：',
    changeLead: '改变主意了？',
    changeLink: '修改您的回答',
    closedTitle: '此调查已结束',
    closed: '感谢您愿意回答。此调查在发出后30天内接受回答。',
    lockedTitle: '您的回答已记录',
    locked: '此回答的修改次数已达上限，无法再修改。',
  },
  unsubscribe: {
    title: '退订',
    question: (address) => `不再向 ${address} 发送调查邮件？`,
    thisAddress: '此地址',
    button: '退订',
    done: (address) => `我们不会再向 ${address} 发送调查邮件。`,
    invalid: '此退订链接无效。请从邮件中复制完整链接，或直接回复邮件告诉我们。',
  },
};

export const CATALOGS: Record<Locale, Catalog> = { en, 'zh-CN': zhCN };

/** Fills `{brand}` in a catalog text. */
export const withBrand = (text: string, brand: string): string => text.replaceAll('{brand}', brand);
