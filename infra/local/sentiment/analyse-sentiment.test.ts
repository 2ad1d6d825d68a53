import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseSentiment, evidenceOf, featuresOf, readableText } from './analyse-sentiment.js';

const english = (text: string) => analyseSentiment(text, 'en').sentiment;
const chinese = (text: string) => analyseSentiment(text, 'zh').sentiment;

describe('analyseSentiment in English', () => {
  it.each([
    ['not bad at all', 'positive'],
    ['Not bad at all', 'positive'],
    ['not good', 'negative'],
    ['Not impressed', 'negative'],
    ['The issue is still not fixed', 'negative'],
    ['No problems at all', 'positive'],
    ['not slow at all, very quick', 'positive'],
  ])('reads the negation in %j as %s', (text, expected) => {
    expect(english(text)).toBe(expected);
  });

  it.each([
    ['the agent was lovely but it took three weeks', 'mixed'],
    ['Fast delivery, but the product broke after two days', 'mixed'],
    ['Great product, terrible customer service', 'mixed'],
    ['It was ok but nobody called me back', 'negative'],
  ])('reads the contrast in %j as %s', (text, expected) => {
    expect(english(text)).toBe(expected);
  });

  it.each([
    ['Fixed my problem quickly', 'positive'],
    ['Took three weeks to get a reply', 'negative'],
    ['Waited 45 minutes on hold', 'negative'],
    ['I had to call four times', 'negative'],
    ['Kept me informed throughout', 'positive'],
    ['Could be better', 'negative'],
    ['It was ok', 'neutral'],
  ])('reads the support language of %j as %s', (text, expected) => {
    expect(english(text)).toBe(expected);
  });

  it.each([
    ["I'm neither happy nor unhappy tbh", 'neutral'],
    ["Haven't tried the new router yet, will see how it goes.", 'neutral'],
    ['Not expensive compared to the others I looked at.', 'positive'],
    ['Rang at 9am, gas leak sorted by 11. Cant ask for more than that.', 'positive'],
    ['Ticket closed without anyone replying to my last message.', 'negative'],
    ['Order came with two items missing.', 'negative'],
    ['Technician arrived outside the time slot they gave me.', 'negative'],
    ['Friendly and quick. Not cheap though.', 'mixed'],
  ])('reads the lukewarm, the understated and the plain complaint in %j as %s', (text, expected) => {
    expect(english(text)).toBe(expected);
  });

  it('does not count thanks as the good side of a complaint', () => {
    expect(english('Thanks, but the issue is still not fixed')).toBe('negative');
  });
});

describe('analyseSentiment in Chinese', () => {
  it.each([
    ['不太满意', 'negative'],
    ['不错', 'positive'],
    ['没有解决', 'negative'],
    ['不是很满意', 'negative'],
    ['很不满意', 'negative'],
    ['一点也不贵', 'positive'],
    ['根本没用', 'negative'],
    ['没什么问题', 'positive'],
    ['客服不热情', 'negative'],
    ['没有及时回复', 'negative'],
    ['不推荐', 'negative'],
  ])('reads the negation in %s as %s', (text, expected) => {
    expect(chinese(text)).toBe(expected);
  });

  it.each([
    ['服务很好，但是等了半天', 'mixed'],
    ['服务很好但是等了半天', 'mixed'],
    ['东西质量不错，就是价格有点贵', 'mixed'],
    ['客服小姐姐很热情，但是问题没解决', 'mixed'],
  ])('reads the contrast in %s as %s', (text, expected) => {
    expect(chinese(text)).toBe(expected);
  });

  it.each([
    ['态度差', 'negative'],
    ['等了半天也没人理', 'negative'],
    ['客服一直在踢皮球，问题到现在都没解决', 'negative'],
    ['打了好几次电话都没人接，太失望了', 'negative'],
    ['快递太慢了，一个星期才到', 'negative'],
    ['包装很严实，物流也很快，五星好评', 'positive'],
    ['还行吧', 'neutral'],
    ['希望能快点', 'neutral'],
  ])('reads the support language of %s as %s', (text, expected) => {
    expect(chinese(text)).toBe(expected);
  });

  it('does not count thanks as the good side of a complaint', () => {
    expect(chinese('谢谢，问题还是没解决')).toBe('negative');
  });
});

describe('analyseSentiment on complaints stated as plain facts', () => {
  it.each([
    ["The refund still hasn't arrived", 'negative'],
    ['Still waiting for a reply', 'negative'],
    ['Nobody has been in touch since I reported it', 'negative'],
    ["They sent a technician who didn't have the right part", 'negative'],
    ['My order was marked as delivered but nothing came', 'negative'],
    ['Third visit and the tap is still dripping', 'negative'],
    ['Emailed on Friday, nothing since', 'negative'],
    ['Four emails, zero replies.', 'negative'],
    ['Asked for a refund, got a voucher instead', 'negative'],
    ['You took the money, but the order says processing', 'negative'],
    ['They said someone would call within 24 hours. Nobody did.', 'negative'],
    ['Booked a 2pm slot, was seen at 3:40', 'negative'],
  ])('reads %j as %s', (text, expected) => {
    expect(english(text)).toBe(expected);
  });

  it.each([
    ['I called on Monday.', 'neutral'],
    ["I haven't tried it yet", 'neutral'],
    ['Can you deliver on Saturday or Sunday?', 'neutral'],
    ["I'd like a copy of my last bill", 'neutral'],
    ["Didn't have to wait at all", 'positive'],
    ['They called back exactly when they said they would', 'positive'],
    ['Had a problem with my bill, one call and it was sorted', 'positive'],
  ])('leaves %j as %s: no complaint in it', (text, expected) => {
    expect(english(text)).toBe(expected);
  });

  it.each([
    ['Quick delivery but the box was crushed', 'mixed'],
    ['Nice people in the shop, however nobody ever calls you back', 'mixed'],
    ['The engineer was friendly, shame the fridge is still not cooling', 'mixed'],
  ])('reads the two sides of %j as %s', (text, expected) => {
    expect(english(text)).toBe(expected);
  });

  it.each([
    ['退款到现在还没到', 'negative'],
    ['没人回电话', 'negative'],
    ['到现在也没人联系我', 'negative'],
    ['昨天又扣了一次月租', 'negative'],
    ['修了两次还是漏水', 'negative'],
    ['在线客服排队排到第58位', 'negative'],
    ['等了2天', 'negative'],
    ['后来查根本没有登记', 'negative'],
    ['说好的补偿呢？', 'negative'],
    ['修完没两天又坏了', 'negative'],
  ])('reads the Chinese complaint %s as %s', (text, expected) => {
    expect(chinese(text)).toBe(expected);
  });

  it.each([
    ['当天下单第二天就到了', 'positive'],
    ['还没用，不知道效果怎么样', 'neutral'],
    ['快递到了，还没拆', 'neutral'],
    ['一直没出过问题', 'positive'],
  ])('leaves %s as %s', (text, expected) => {
    expect(chinese(text)).toBe(expected);
  });

  it.each([
    ['菜不错，就是送来的时候有点凉', 'mixed'],
    ['问题解决了，但是中间没人主动联系过我', 'mixed'],
    ['东西挺好，就是客服回消息太慢', 'mixed'],
  ])('reads the two sides of %s as %s', (text, expected) => {
    expect(chinese(text)).toBe(expected);
  });

  it('weighs a complaint called small by half', () => {
    expect(chinese('每次都很满意。唯一的小问题是发票开错了，其他都很好')).toBe('positive');
  });
});

describe('analyseSentiment on what customers also send', () => {
  it('reads English and Chinese in one comment, each with its own analysis', () => {
    expect(chinese('客服很nice但是delivery太慢了')).toBe('mixed');
    expect(english('The agent 很耐心, thanks')).toBe('positive');
    expect(english('The app is great 但是客服太慢')).toBe('mixed');
  });

  it('reads the emoji whose meaning is plain, and no others', () => {
    expect(english('👍')).toBe('positive');
    expect(english('👍🏽')).toBe('positive');
    expect(chinese('😡😡')).toBe('negative');
    expect(english('🤔')).toBe('neutral');
    expect(english('😂')).toBe('neutral');
  });

  it.each(['a', '好', '差', '?', '1'])('labels the single character %j without failing', (text) => {
    expect(['positive', 'neutral', 'negative']).toContain(english(text));
  });

  it('labels one word as a reader would', () => {
    expect(chinese('好')).toBe('positive');
    expect(chinese('差')).toBe('negative');
    expect(english('a')).toBe('neutral');
  });

  it('is neutral when there is nothing to read', () => {
    expect(english('')).toBe('neutral');
    expect(english('   ')).toBe('neutral');
    expect(english('!!!')).toBe('neutral');
  });

  it('reads the words of HTML and never the code of a script', () => {
    expect(english('<script>alert("hacked")</script>')).toBe('neutral');
    expect(english('<script>document.write("terrible awful hate")</script>')).toBe('neutral');
    expect(english('<b>Great</b> service &amp; <i>friendly</i> staff')).toBe('positive');
    expect(readableText('<p>Rude &lt;agent&gt;&#33;</p>').trim()).toBe('Rude <agent>!');
  });

  it('labels 2,000 characters of either language as their words say', () => {
    const long = 'The agent was rude and the refund took a month. '.repeat(42).slice(0, 2000);
    const longChinese = '客服态度很差，等了半天也没解决。'.repeat(125);

    expect(long).toHaveLength(2000);
    expect(english(long)).toBe('negative');
    expect(longChinese).toHaveLength(2000);
    expect(chinese(longChinese)).toBe('negative');
  });

  it('is neutral on a language Comprehend reads and the twin does not', () => {
    expect(analyseSentiment('Servicio excelente, muy rápido', 'es').sentiment).toBe('neutral');
    expect(analyseSentiment('とても良いサービスでした', 'ja').sentiment).toBe('neutral');
    expect(english('Servicio excelente')).toBe('neutral');
  });

  it('answers every text with one label and four scores that sum to 1, the label the highest', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc
        .array(
          fc.constantFrom('很', '不', '好', '但是', 'not', 'good', 'but', '👍', '，', '<b>', '&amp;', ' '),
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('en', 'zh', 'zh-TW'), (comment, language) => {
        const { sentiment, scores } = analyseSentiment(comment, language);
        const values = Object.values(scores);

        expect(values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 9);
        expect(values.every((value) => value >= 0 && value <= 1)).toBe(true);
        expect(Math.max(...values)).toBe(scores[sentiment]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('analyseSentiment: what the learnt weights add to the rules', () => {
  it.each([
    ['Ordered a blue one, got a red one.', 'negative'],
    ['Engineer booked for 8-12, turned up at 4.', 'negative'],
    ['What are your opening hours on bank holidays?', 'neutral'],
  ])('reads %j as %s, where the rules alone read otherwise', (text, expected) => {
    expect(evidenceOf(text).rule).not.toBe(expected);
    expect(english(text)).toBe(expected);
  });

  it.each([
    ['The technician turned up outside the slot I was given.', 'negative'],
    ['第三次打电话了，还是没人处理', 'negative'],
    ['Could you send me a copy of the contract?', 'neutral'],
    ['请问发票怎么开？', 'neutral'],
  ])('reads %j as %s, though no word of feeling says so', (text, expected) => {
    expect(analyseSentiment(text, /\p{Script=Han}/u.test(text) ? 'zh' : 'en').sentiment).toBe(expected);
  });

  it('answers its probabilities as the scores, most of them on the label of a plain comment', () => {
    const complaint = analyseSentiment('The agent was rude and unhelpful.', 'en');
    const question = analyseSentiment('What time do you open on Saturdays?', 'en');

    expect(complaint.sentiment).toBe('negative');
    expect(complaint.scores.negative).toBeGreaterThan(0.9);
    expect(question.sentiment).toBe('neutral');
    expect(question.scores.neutral).toBeGreaterThan(0.9);
  });

  it.each([
    ['Thanks. ', 'The engineer did not turn up.'],
    ['Thank you so much for your help, ', 'but the parcel never came.'],
    ['谢谢，', '客服态度太差了'],
  ])('reads thanks before an opinion (%j) as nothing: the rest is read as if alone', (thanks, rest) => {
    const language = /\p{Script=Han}/u.test(rest) ? 'zh' : 'en';
    const words = (text: string) =>
      [...featuresOf(text, language).keys()].filter((feature) => /^[wb]:/.test(feature)).sort();

    expect(words(thanks + rest)).toEqual(words(rest));
    expect(evidenceOf(thanks + rest)).toMatchObject({
      clearPraise: false,
      opening: evidenceOf(rest).opening,
    });
    expect(analyseSentiment(thanks + rest, language).sentiment).toBe('negative');
  });

  it('counts times set against each other as a wait told, unless the comment asks, in either question mark', () => {
    expect(evidenceOf('周一14:00预约的，15:40才到')).toMatchObject({ toldWait: true, question: false });
    expect(evidenceOf('周一14:00预约的，15:40能到吗？')).toMatchObject({ toldWait: false, question: true });
    expect(evidenceOf('Booked 2pm, can I be seen by 3:40?')).toMatchObject({
      toldWait: false,
      question: true,
    });
  });

  it('reads thanks alone as thanks', () => {
    expect(english('Thanks!')).toBe('positive');
    expect(chinese('谢谢')).toBe('positive');
  });
});
