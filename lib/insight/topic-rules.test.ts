import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPIC_IDS, type Taxonomy } from '../settings/topics.js';
import { MAX_READ_LENGTH } from './comment-text.js';
import { DEFAULT_TAXONOMY } from './default-taxonomy.js';
import { topicsOf } from './topic-rules.js';

const topics = (text: string) => topicsOf(text, DEFAULT_TAXONOMY);

describe('topicsOf: each default topic, in both languages', () => {
  it.each([
    ['waiting', 'I waited 40 minutes on hold.', '等了半天才有人接。'],
    ['staff', 'The agent was rude to me.', '客服态度很差。'],
    ['resolution', 'My issue is still unresolved.', '问题一直没解决。'],
    ['price', 'Far too expensive for what it is.', '太贵了，不值。'],
    ['product', 'The kettle is faulty.', '质量太差。'],
    ['delivery', 'The courier left it with a neighbour.', '快递放在驿站了。'],
    ['communication', 'Nobody called me back.', '说好的回电话呢？'],
    ['ease', 'The website is so confusing.', '操作麻烦，流程太复杂。'],
  ])('finds %s in English and in Chinese', (id, english, chinese) => {
    expect(topics(english)).toEqual([id]);
    expect(topics(chinese)).toEqual([id]);
  });

  it('lists a comment topics in the taxonomy order, each once', () => {
    const text = 'The delivery was late, the courier rude, and the delivery box crushed. Late again!';

    expect(topics(text)).toEqual(['waiting', 'staff', 'delivery']);
    expect(topicsOf(text, [...DEFAULT_TAXONOMY].reverse())).toEqual(['delivery', 'staff', 'waiting']);
  });

  it('reads a comment in both languages at once', () => {
    expect(topics('客服 was very rude, but 快递 was fast')).toEqual(['waiting', 'staff', 'delivery']);
  });
});

describe('topicsOf: communication and resolution as customers put them', () => {
  it.each([
    ['Still waiting for someone to ring me back.', 'communication'],
    ['Nobody has been in touch since I reported it.', 'communication'],
    ['Thanks for letting me know about the delay.', 'communication'],
    ['Charged a fee that nobody mentioned.', 'communication'],
    ['每次问的说法都不一样。', 'communication'],
    ['物流信息一直不更新。', 'communication'],
    ['The fault came back a week after the visit.', 'resolution'],
    ["The engineer left and it still isn't working.", 'resolution'],
    ['The manager rang to put things right.', 'resolution'],
    ['Third visit for the same fault.', 'resolution'],
    ['修完没两天又坏了。', 'resolution'],
    ['问题反映了好几次，一直没人管。', 'resolution'],
    ['新换的路由器很稳定。', 'resolution'],
  ])('finds %j as %s', (text, id) => {
    expect(topics(text)).toContain(id);
  });

  it.each([
    ['I had to start from scratch with the next agent.', 'ease'],
    ['Four emails back and forth.', 'ease'],
    ['每次都要重新说一遍。', 'ease'],
    ['The refund still hasn’t come through.', 'waiting'],
    ['留言三天了没人回。', 'waiting'],
    ['The router drops out every evening.', 'product'],
  ])('finds the effort, the wait or the thing in %j (%s)', (text, id) => {
    expect(topics(text)).toContain(id);
  });
});

describe('topicsOf: what 5,000 comments labelled by hand showed', () => {
  it.each([
    ['The engineer came on Tuesday and replaced the board.', 'staff'],
    ['联系了客服，三天才回复。', 'staff'],
    ['I rang customer service to change my address.', 'staff'],
    ['Machine arrived on the Friday as booked.', 'product'],
    ['说好的周五送到，周五送到了。', 'communication'],
    ['The guy came on Tuesday and replaced the board.', 'staff'],
  ])('names a person or a thing without judging it: %j is no %s', (text, id) => {
    expect(topics(text)).not.toContain(id);
  });

  it.each([
    ['The engineer was rude and left a mess.', 'staff'],
    ['客服态度很差。', 'staff'],
    ['I was charged £40 for a visit that never happened.', 'price'],
    ['My glasses were ready within a week.', 'waiting'],
    ['It took an hour to get through.', 'waiting'],
    ['It took 3 months.', 'waiting'],
    ['Third time I have called about this.', 'ease'],
    ['They swapped it for a new one on the spot.', 'resolution'],
    ['No notice before the engineer turned up.', 'communication'],
    ['房间很干净，床也舒服。', 'product'],
    ['免费给升级了套餐。', 'price'],
  ])('still finds the topic where the words judge it: %j as %s', (text, id) => {
    expect(topics(text)).toContain(id);
  });
});

describe('topicsOf: English words', () => {
  it.each([
    ['wait', 'waiting'],
    ['waits', 'waiting'],
    ['waited', 'waiting'],
    ['Waiting', 'waiting'],
    ['it shipped yesterday', 'delivery'],
    ['still shipping', 'delivery'],
    ['nobody replied', 'communication'],
    ['two replies', 'communication'],
    ['they charged me twice', 'price'],
    ['refunded at last', 'price'],
    ['no follow-up', 'communication'],
    ['no follow up', 'communication'],
    ['it didnt help', 'resolution'],
    ["it didn't help", 'resolution'],
  ])('finds %j as %s', (text, id) => {
    expect(topics(text)).toContain(id);
  });

  it.each([
    ['breakfast', 'fast inside a word'],
    ['the waiter', 'wait with a suffix that is no inflection'],
    ['priceless advice', 'price inside a word'],
    ['a happy customer', 'app inside a word'],
    ['the feed', 'fee with a d'],
  ])('finds nothing in %j (%s)', (text) => {
    expect(topics(text)).toEqual([]);
  });
});

describe('topicsOf: negation', () => {
  it.each([
    ['No wait at all.', ['waiting']],
    ['Not expensive.', ['price']],
    ['They never called back.', ['communication']],
    ['The price was not an issue.', ['price']],
    ['No problem with the price.', ['price']],
    ['不贵。', ['price']],
    ['没等多久。', ['waiting']],
    ['态度一点都不差。', ['staff']],
    ['是不是质量问题？', ['product']],
  ])('keeps a negated mention: %j', (text, expected) => {
    expect(topics(text)).toEqual(expected);
  });

  it.each([
    ["It's not about the price, the kettle broke.", ['product']],
    ['This is not really about the delivery; the shoes fell apart.', ['product']],
    ["The price isn't the issue, the staff were rude.", ['staff']],
    ['The price is not the problem.', []],
    ['Nothing to do with the courier.', []],
    ['The wait had nothing to do with it.', []],
    ['不是价格的问题，是质量太差了。', ['product']],
    ['跟快递没关系。', []],
    ['这跟价格无关。', []],
    ['不是因为等太久，是客服态度差。', ['staff']],
    ['不关快递的事。', []],
  ])('drops a disclaimed topic: %j', (text, expected) => {
    expect(topics(text)).toEqual(expected);
  });

  it('drops a disclaimed topic only within its clause', () => {
    expect(topics('Not about the price, but the delivery was late and the price went up.')).toEqual([
      'waiting',
      'price',
      'delivery',
    ]);
    expect(topics('不是价格的问题，但是价格确实太贵了。')).toEqual(['price']);
  });
});

describe('topicsOf: words that mean something else', () => {
  it.each([
    ['快', []],
    ['快递到了', ['delivery']],
    ['快递很快', ['waiting', 'delivery']],
    ['祝你们新年快乐！', []],
    ['今天很快乐', []],
    ['对贵公司很失望', []],
    ['价格、质量等等都不错', ['price', 'product']],
    ['等等看吧', []],
    ['麻烦您帮我查一下', []],
    ['退货太麻烦了', ['ease']],
    ['气坏了', []],
    ['电视坏了', ['product']],
    ['没毛病', []],
    ['这次的服务质量下降了', []],
    ['联系客服三次', []],
    ['客服态度很好', ['staff']],
    ['方便面', []],
    ['用不了多久就到', []],
    ['退款还没到账', ['waiting', 'price']],
    ["Can't wait to order again!", []],
    ['Kind regards, Ana', []],
    ['It was kind of slow.', ['waiting']],
    ['A user-friendly app.', ['ease']],
    ['Check the opening hours.', []],
    ['It was a fixed price.', ['price']],
    ['An error message popped up.', ['ease']],
    ['Wrong item sent.', ['delivery']],
  ])('reads %j as %j', (text, expected) => {
    expect(topics(text)).toEqual(expected);
  });
});

describe('topicsOf: how text is read', () => {
  it.each([
    ['upper case', 'WAITED FOREVER', ['waiting']],
    ['full-width letters', 'ＷＡＩＴＥＤ', ['waiting']],
    ['full-width punctuation', '不是价格的问题，是质量。', ['product']],
    ['a curly apostrophe', 'it didn’t help', ['resolution']],
    ['a zero-width space inside a word', 'wai\u200bted', ['waiting']],
    ['spaces between Chinese characters', '等 了 半 天', ['waiting']],
    ['tags around a word', '<b>rude</b> agent', ['staff']],
    ['a script, as its words', "<script>alert('so slow')</script>", ['waiting']],
    ['entities, as text', '&lt;p&gt;price&lt;/p&gt;', ['price']],
    ['character references, undecoded', '&#24555;&#36882;', []],
  ])('reads %s: %j', (_name, text, expected) => {
    expect(topics(text)).toEqual(expected);
  });
});

describe('topicsOf: any input', () => {
  const ids = new Set<string>(DEFAULT_TOPIC_IDS);

  it.each([
    ['empty', ''],
    ['blanks', ' \n\t '],
    ['emoji only', '😡😡😡👎'],
    ['one character', 'a'],
    ['one Chinese character', '好'],
    ['a lone surrogate', 'ok \ud800 ok'],
    ['French', 'La livraison était très lente et le vendeur impoli.'],
    ['German', 'Die Lieferung war sehr langsam.'],
    ['Russian', 'Доставка была очень медленной.'],
    ['Japanese', '対応がとても遅かったです。'],
    ['Korean', '배송이 너무 느렸어요.'],
    ['numbers and punctuation', '10/10 !!! ??? 123-456'],
  ])('finds no topic in %s', (_name, text) => {
    expect(topics(text)).toEqual([]);
  });

  it('reads a comment of 2,000 characters, each topic once', () => {
    const sentence = 'The agent was rude and 快递太慢了, 价格也贵. ';
    const text = sentence.repeat(Math.ceil(2000 / sentence.length)).slice(0, 2000);

    expect(topics(text)).toEqual(['waiting', 'staff', 'price', 'delivery']);
  });

  it(`reads no further than ${MAX_READ_LENGTH} characters`, () => {
    expect(topics(`${'x'.repeat(MAX_READ_LENGTH)} slow`)).toEqual([]);
    expect(topics(`${'x '.repeat(MAX_READ_LENGTH / 2 - 5)}slow`)).toEqual(['waiting']);
  });

  it.each([
    ['repeated cues', 'not about '.repeat(1000)],
    ['repeated Chinese cues', '不是跟'.repeat(1000)],
    ['dashes and spaces', 'follow - - - '.repeat(500)],
    ['one long word', 'wait'.repeat(2500)],
    ['an open tag', `<${'a'.repeat(9000)}`],
  ])('answers %s without failing', (_name, text) => {
    expect(() => topics(text)).not.toThrow();
  });

  it('answers every string with default ids, each once, in the taxonomy order', () => {
    const fragments = fc.constantFrom(
      'slow',
      'not about the',
      'price',
      '快递',
      '不是',
      '的问题',
      '，',
      ', but ',
      '😀',
      '<b>',
      '&amp;',
      '\ud800',
      'kind of',
      '快乐',
      'ＷＡＩＴ',
      ' ',
      '跟',
      '没关系',
      "isn't the issue",
    );
    const comment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(comment, (text) => {
        const found = topics(text);
        expect(new Set(found).size).toBe(found.length);
        expect(found.every((id) => ids.has(id))).toBe(true);
        expect(found).toEqual(DEFAULT_TOPIC_IDS.filter((id) => found.includes(id)));
      }),
    );
  });
});

describe('topicsOf: a stage taxonomy', () => {
  const taxonomy: Taxonomy = [
    {
      id: 'returns',
      labels: { en: 'Returns', zh: '退货' },
      phrases: { en: ['return label', 'send it back'], zh: ['退货', '退回'] },
    },
    { id: 'loyalty', labels: { en: 'Loyalty', zh: '会员' }, phrases: { en: ['points'], zh: [] } },
  ];

  it('finds its own phrases, as the default ones are found', () => {
    expect(topicsOf('Where is my return label?', taxonomy)).toEqual(['returns']);
    expect(topicsOf('I want to send it back, no points yet', taxonomy)).toEqual(['returns', 'loyalty']);
    expect(topicsOf('退货很麻烦', taxonomy)).toEqual(['returns']);
    expect(topicsOf('The agent was rude', taxonomy)).toEqual([]);
  });

  it('finds nothing with an empty taxonomy', () => {
    expect(topicsOf('slow and rude', [])).toEqual([]);
  });
});
