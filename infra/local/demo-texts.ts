/*
 * The words of the demo's people: customers' comments in English and Simplified Chinese, by topic
 * (the default taxonomy's ids) and tone, and the notes leads leave on cases. `{agent}` stands for the
 * first name of the agent who handled the interaction.
 */

export type Language = 'en' | 'zh';
export type Tone = 'negative' | 'positive';
export type Topic =
  | 'waiting'
  | 'staff'
  | 'resolution'
  | 'price'
  | 'product'
  | 'delivery'
  | 'communication'
  | 'ease';

type Bank = Record<Topic, Record<Tone, Record<Language, readonly string[]>>>;

export const COMMENTS: Bank = {
  waiting: {
    negative: {
      en: [
        'Waited 40 minutes on hold before anyone picked up.',
        'Took three days to get a reply to a simple question.',
        'So slow. I had to chase it twice.',
        'The wait was awful, nearly an hour in the chat queue.',
        'Why does it take a week to answer an email?',
      ],
      zh: [
        '等了半天才有人接电话。',
        '排队排了四十分钟，太慢了。',
        '问个简单的问题要等三天才回复。',
        '在线客服一直排队，等得我都想放弃了。',
        '效率太低了，催了两次才有人理。',
      ],
    },
    positive: {
      en: [
        'Answered in under a minute, brilliant.',
        'Quick and painless, sorted in five minutes.',
        'Got through straight away for once!',
        'Super fast reply, thank you.',
      ],
      zh: [
        '很快就接通了，赞！',
        '五分钟就搞定了，效率很高。',
        '回复速度很快，点赞。',
        '没怎么等就有人处理了。',
      ],
    },
  },
  staff: {
    negative: {
      en: [
        'The agent was rude and kept talking over me.',
        'Got passed from one person to another, nobody seemed to care.',
        "Your rep clearly didn't know the product.",
        'Felt like I was a nuisance for asking.',
      ],
      zh: [
        '客服态度差，一直打断我说话。',
        '态度很敷衍，感觉根本不想帮忙。',
        '转了好几个人，谁都说不清楚。',
        '客服好像对产品一点都不了解。',
      ],
    },
    positive: {
      en: [
        '{agent} was lovely and really patient with me.',
        'Very friendly and knew exactly what to do.',
        'Great service from {agent}, thank you!',
        '{agent} went above and beyond. Please pass on my thanks.',
        'Polite, clear and helpful.',
      ],
      zh: [
        '{agent}很耐心，服务态度特别好。',
        '客服很专业，一下就明白我的问题。',
        '谢谢{agent}，非常热情！',
        '服务很周到，给{agent}点个赞。',
      ],
    },
  },
  resolution: {
    negative: {
      en: [
        "Still not fixed. I've explained the same problem three times now.",
        'Ticket closed but nothing was actually resolved.',
        "They said it was sorted. It wasn't.",
        'Nobody could tell me what went wrong or how to fix it.',
      ],
      zh: [
        '问题到现在还没解决。',
        '说好处理了，结果还是没解决。',
        '工单关了，问题一点没变。',
        '问了三次，还是没人能解决。',
      ],
    },
    positive: {
      en: [
        'Problem solved on the first call.',
        'Fixed it straight away, thanks.',
        'Sorted out properly this time, much appreciated.',
      ],
      zh: ['一次就解决了，很满意。', '问题马上就处理好了，谢谢。', '这次终于彻底解决了。'],
    },
  },
  price: {
    negative: {
      en: [
        'Charged twice this month and still waiting for the refund.',
        'Way too expensive for what you get.',
        'Surprise late fee on my invoice and nobody could explain it.',
        'The price went up again without any warning.',
      ],
      zh: [
        '这个月被扣了两次钱，退款还没到。',
        '太贵了，性价比太低。',
        '账单上多了一笔莫名其妙的费用。',
        '又涨价了，也不提前通知。',
      ],
    },
    positive: {
      en: [
        'Refund came through the next day, thanks.',
        'Fair price and no hidden fees.',
        'They waived the fee, very decent of them.',
      ],
      zh: ['退款第二天就到账了，很快。', '价格合理，没有乱收费。', '主动帮我免了手续费，很贴心。'],
    },
  },
  product: {
    negative: {
      en: [
        'The item arrived broken, second time this has happened.',
        'Quality has gone downhill, the zip broke after a week.',
        'Not what the photos showed at all.',
      ],
      zh: ['收到的东西是坏的，已经第二次了。', '质量越来越差了，用了一周就坏。', '实物和图片差太多了。'],
    },
    positive: {
      en: ['Love the product, works perfectly.', 'Great quality, exactly as described.'],
      zh: ['东西很好用，很喜欢。', '质量不错，和描述的一样。'],
    },
  },
  delivery: {
    negative: {
      en: [
        'Parcel was three days late and the tracking never updated.',
        'The courier left it in the rain outside my door.',
        "Delivery said 'attempted' but nobody knocked.",
        'Missed my delivery slot twice.',
        'Box was crushed when it arrived.',
      ],
      zh: [
        '快递晚了三天，物流信息一直不更新。',
        '快递员直接扔门口，也不打个电话。',
        '显示已派送，其实根本没送到。',
        '快递太慢了，等了一个星期。',
        '箱子都压扁了，快递太不小心。',
      ],
    },
    positive: {
      en: [
        'Arrived a day early and well packed.',
        'Driver was super friendly and careful.',
        'Delivered right on time.',
      ],
      zh: ['快递提前一天到了，包装很好。', '快递小哥很客气。', '送货很准时。'],
    },
  },
  communication: {
    negative: {
      en: [
        'Promised a call back that never came.',
        'No one told me the order was delayed, I found out myself.',
        'Sent three emails and got the same template answer each time.',
      ],
      zh: ['说好给我回电话，一直没人打。', '订单延误也不通知一声。', '发了三封邮件，回的都是一样的模板。'],
    },
    positive: {
      en: [
        'Kept me updated every step of the way.',
        'Got an email as soon as it was done, appreciated.',
        'Clear explanation of what happens next.',
      ],
      zh: ['每一步都有通知，很放心。', '处理完马上就发邮件告诉我了。', '解释得很清楚。'],
    },
  },
  ease: {
    negative: {
      en: [
        "Your website's return form keeps crashing.",
        'Too many steps just to update my card.',
        'Had to fill in the same form twice.',
        'The app logged me out halfway through, twice.',
      ],
      zh: [
        '网站退货页面老是出错。',
        '改个银行卡要好几步，太麻烦了。',
        '同一个表填了两遍。',
        'App 用到一半就退出登录了。',
      ],
    },
    positive: {
      en: [
        'Really easy, took two minutes on the app.',
        'Setup was simple, the guide helped a lot.',
        'Painless process, no forms to print.',
      ],
      zh: ['在App上两分钟就弄好了，很方便。', '操作很简单，一看就会。', '流程很顺，不用打印任何东西。'],
    },
  },
};

/** One tone, then the other: the comments of middling answers. */
export const MIXED: Record<Language, readonly string[]> = {
  en: [
    '{agent} was really nice but the refund still has not shown up.',
    'Quick answer, but I still had to pay the fee.',
    'Friendly driver, but the parcel came two days late.',
    'Easy enough in the end, though the wait was long.',
    'Good help on the phone, the website is a pain though.',
  ],
  zh: [
    '客服态度挺好，但是退款还没到。',
    '回复挺快的，不过问题还是没解决。',
    '快递小哥人不错，就是晚了两天。',
    '最后弄好了，就是等得有点久。',
    '电话里帮得挺好，网站太难用了。',
  ],
};

export const NEUTRAL: Record<Language, readonly string[]> = {
  en: ['It was ok.', 'Fine, nothing special.', 'Did the job.', 'Average.'],
  zh: ['还行吧。', '一般般。', '没什么特别的。', '凑合。'],
};

/** A word of thanks, alone: what many happy customers write. */
export const THANKS: Record<Language, readonly string[]> = {
  en: ['Thanks!', 'Great, thank you.', 'All good 👍', 'Perfect.'],
  zh: ['谢谢！', '很好，谢谢。', '满意👍', '不错。'],
};

/** What a customer writes when changing their answer after the call back. */
export const CHANGED_MIND: Record<Language, readonly string[]> = {
  en: [
    'Update: they called me back and sorted it. Thank you.',
    'Changing my score, the refund arrived after the call.',
  ],
  zh: ['更新一下：已经回电话处理好了，谢谢。', '改个分，回电后退款已经到了。'],
};

/** What a customer writes on the recovery survey after their case was resolved. */
export const RECOVERY_COMMENTS: Record<Tone, Record<Language, readonly string[]>> = {
  positive: {
    en: ['Thanks for calling me back.', 'Appreciate you sorting it out.', 'Much better, thank you.'],
    zh: ['谢谢回电，问题解决了。', '处理得很及时，谢谢。', '这次满意了。'],
  },
  negative: {
    en: ['Still waiting, to be honest.', 'The call was nice but nothing changed.'],
    zh: ['还是没解决。', '回电了，但没什么用。'],
  },
};

/** A second text after a score sent alone by SMS. */
export const SMS_AFTERTHOUGHTS: readonly string[] = [
  'sorry, meant to add: the wait was the worst part',
  'driver never rang the bell',
  'and nobody called me back',
  'agent was great tho',
];

export type ResolutionReason =
  | 'called-back'
  | 'issue-fixed'
  | 'customer-unreachable'
  | 'no-action-needed'
  | 'duplicate';

/** A lead's note on resolving, by reason. */
export const RESOLUTION_NOTES: Record<ResolutionReason, Record<Language, readonly string[]>> = {
  'called-back': {
    en: [
      'Called {customer} back, apologised and explained the charge. Happy now.',
      'Spoke to {customer}, rebooked the delivery for Saturday morning.',
      'Rang back and walked them through the setup step by step.',
      'Called back, agreed a goodwill credit on the next invoice.',
    ],
    zh: [
      '已回电，解释了扣费原因，客户表示理解。',
      '已电话沟通，改约周六上午重新派送。',
      '回电一步步教客户完成了设置。',
    ],
  },
  'issue-fixed': {
    en: [
      'Refund of the duplicate charge issued, confirmed by email.',
      'Replacement sent by express, tracking shared with the customer.',
      'Fixed the account settings and confirmed by email.',
      'Courier complaint raised, parcel redelivered today.',
    ],
    zh: [
      '重复扣款已退回，并邮件确认。',
      '已安排加急补发，物流单号已发给客户。',
      '账户设置已修复，已邮件告知。',
    ],
  },
  'customer-unreachable': {
    en: [
      'Tried three times over two days, no answer. Left a voicemail and an email.',
      'Number goes straight to voicemail. Emailed instead, no reply.',
    ],
    zh: ['打了三次电话都没人接，已发短信。', '电话一直无人接听，已发邮件。'],
  },
  'no-action-needed': {
    en: [
      'Feedback about pricing, passed to the product team.',
      'Customer was happy with the help, the score was about the courier in general.',
    ],
    zh: ['关于价格的反馈，已转给产品团队。', '客户对处理满意，评分是针对快递整体的。'],
  },
  duplicate: {
    en: ['Same issue as their earlier ticket, handled there.'],
    zh: ['与之前的工单是同一个问题，已在原工单处理。'],
  },
};

/** A lead's working note on an open case. */
export const WORKING_NOTES: Record<Language, readonly string[]> = {
  en: [
    'Left a voicemail, will try again tomorrow morning.',
    'Checked with the courier: the parcel is at the local depot.',
    'Asked finance for the refund date.',
    'Customer asked for a call after 6pm.',
  ],
  zh: [
    '已联系财务确认退款时间。',
    '客户要求晚上六点后回电。',
    '已留言，明天上午再打。',
    '已和快递公司核实，包裹在派送站。',
  ],
};

export const REOPEN_NOTES: Record<Language, readonly string[]> = {
  en: [
    "Customer wrote back: the refund still hasn't arrived.",
    'Called again, the replacement is faulty too.',
  ],
  zh: ['客户反馈退款仍未到账，重新跟进。', '客户来电，补发的商品也有问题。'],
};

/** Given names and family names, English, and Chinese with their pinyin for the address. */
export const EN_FIRST = [
  'Olivia',
  'Jack',
  'Amelia',
  'Harry',
  'Isla',
  'George',
  'Emily',
  'Noah',
  'Sophie',
  'Liam',
  'Grace',
  'Ethan',
  'Chloe',
  'Lucas',
  'Hannah',
  'Mason',
  'Ava',
  'Daniel',
  'Ruby',
  'Samuel',
  'Megan',
  'Owen',
  'Zoe',
  'Ryan',
  'Ellie',
  'Nathan',
  'Maya',
  'Aaron',
  'Leah',
  'Caleb',
] as const;
export const EN_LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Walker',
  'Evans',
  'Thomas',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Clarke',
  'Hughes',
  'Lewis',
  'Garcia',
  'Miller',
  'Moore',
  'Khan',
  'Murphy',
] as const;
export const ZH_FAMILY = [
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['陈', 'chen'],
  ['杨', 'yang'],
  ['黄', 'huang'],
  ['赵', 'zhao'],
  ['吴', 'wu'],
  ['周', 'zhou'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['马', 'ma'],
  ['朱', 'zhu'],
  ['胡', 'hu'],
  ['郭', 'guo'],
  ['何', 'he'],
  ['林', 'lin'],
] as const;
export const ZH_GIVEN = [
  ['芳', 'fang'],
  ['伟', 'wei'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['磊', 'lei'],
  ['洋', 'yang'],
  ['艳', 'yan'],
  ['勇', 'yong'],
  ['军', 'jun'],
  ['杰', 'jie'],
  ['婷', 'ting'],
  ['浩然', 'haoran'],
  ['雨桐', 'yutong'],
  ['子轩', 'zixuan'],
  ['欣怡', 'xinyi'],
  ['晓明', 'xiaoming'],
  ['思远', 'siyuan'],
  ['佳琪', 'jiaqi'],
  ['宇航', 'yuhang'],
] as const;

/** Area codes of US numbers for the SMS customers; 555-01xx numbers are set aside for fiction. */
export const US_AREA_CODES = [
  '212',
  '213',
  '206',
  '305',
  '312',
  '404',
  '415',
  '503',
  '512',
  '602',
  '617',
  '646',
  '702',
  '713',
  '720',
  '818',
  '917',
] as const;
