/**
 * What customers write about a service that VADER's general lexicon misreads or does not know, on its
 * scale (-4 to 4: "good" 1.9, "rude" -2.0, "great" 3.1). VADER reads "fixed my problem" as negative (for
 * "problem") and "it took three weeks" or "nobody called back" as nothing; these phrases say what a
 * support lead reads in them.
 *
 * Each phrase is matched in lower case, in this order, and the words it matched are hidden from VADER
 * so that they count once: the phrases that carry their own negation ("not fixed", "never called back")
 * come before the plain ones they contain. A `negatable` phrase is turned around, as VADER turns its own
 * words, by a negation among the three words before it ("not slow", "wasn't quick").
 */
export interface EnglishPhrase {
  pattern: RegExp;
  valence: number;
  negatable?: boolean;
}

const COUNT =
  '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|a few|few|a couple of|couple of)';
const ABOUT =
  '(?:(?:over|about|around|almost|nearly|more than|at least|another|a further|an extra|like|roughly|close to)\\s+)?';
const WAITING_VERB =
  '(?:took|takes|taken|taking|take|wait(?:ed|ing)?(?:\\s+for)?|on hold(?:\\s+for)?|spent|chas(?:ed|ing)(?:\\s+(?:it|them|this))?(?:\\s+for)?|hold for|(?:drive|drove|driven|travel(?:led)?|walk(?:ed)?)|(?:was |were |been )?on the (?:phone|line)(?:\\s+for)?|(?:stood|standing|sat|sitting|stuck|queu(?:ed|ing))(?:\\s+in\\s+(?:the\\s+|a\\s+)?(?:queue|line|traffic|waiting room|car park))?(?:\\s+for)?)';
const CONTACT_VERB =
  '(?:call(?:s|ed|ing)?|ring(?:s|ing)?|rang|rung|phone(?:s|d)?|email(?:s|ed)?|text(?:s|ed)?|writ(?:e|es|ten)|repl(?:y|ies|ied)|respond(?:s|ed)?|answer(?:s|ed)?|contact(?:s|ed)?|get|got|gets|come|comes|coming|came|show(?:s|ed)?|turn(?:s|ed)?|follow(?:s|ed)?|listen(?:s|ed)?|bother(?:s|ed)?|acknowledg(?:e|es|ed)|read|hear|heard|tell|tells|told|mention(?:s|ed)?|inform(?:s|ed)?|updat(?:e|es|ed)|explain(?:s|ed)?|let (?:me|us) know|pick(?:s|ed)? up|(?:been |got |get )?in touch)';
const NOT_DONE =
  "(?:not|never|yet to|not yet|wasn't|isn't|hasn't|haven't|weren't|aren't|didn't|doesn't|don't|won't|wouldn't|couldn't|can't|cannot|was not|is not|has not|have not|did not|does not|do not|will not|could not|still not|unable to|failed to|yet to be)";
const DONE_VERB =
  '(?:fix(?:ed)?|resolv(?:e|ed)|solv(?:e|ed)|sort(?:ed)?(?:\\s+out)?|work(?:s|ing|ed)?|address(?:ed)?|help(?:ed|ful|s)?|answer(?:ed)?|receiv(?:e|ed)|arriv(?:e|ed)|deliver(?:ed)?|refund(?:ed)?|turn(?:ed)? up|show(?:ed)? up|come|came|processed|handled|dealt with|honou?r(?:ed)?|shown up|return(?:ed)?|credit(?:ed)?|back|happen(?:ed)?|done|sent|paid|rung|called|replied|updated|told|informed|mentioned|cooling|heating|charging|connecting|loading|responding|starting)';
const TROUBLE =
  '(?:problems?|issues?|complaints?|hassles?|fuss|trouble|worries|bother|faults?|glitch(?:es)?|mistakes?|errors?|mix-?ups?|(?:double )?charges?)';

const phrase = (source: string, valence: number, negatable = false): EnglishPhrase => ({
  pattern: new RegExp(`\\b(?:${source})\\b`, 'g'),
  valence,
  negatable,
});

export const ENGLISH_PHRASES: readonly EnglishPhrase[] = [
  // Asking for something is neither praise nor complaint ("would be nice to have live chat", "please").
  phrase(
    "(?:would be|it'd be|would've been|would have been) (?:nice|good|great|helpful|better|useful|lovely)|would (?:love|like) (?:to see|it if)|please",
    0,
  ),
  // A wish for something else is a request, not yet a complaint ("would have liked an option to …").
  phrase("(?:would have|would've|i'd have) liked", 0),
  // A question asked or a view on the fence is no opinion ("I'd like to know whether …", "neither happy
  // nor unhappy", "nothing special").
  phrase(
    "(?:i'd|i would) like to know|wondering (?:if|whether)|neither \\w+ nor \\w+|nothing (?:special|remarkable|out of the ordinary)",
    0,
  ),
  // Praise understated ("can't ask for more", "no fuss", "stuck to the quote", "not expensive").
  phrase(
    "can'?t ask for (?:more|any more|anything more|better)|(?:without|with no|no) (?:any |much )?(?:fuss|quibble|quibbles|drama)|stuck to (?:it|the quote|the price|their word|what (?:they|he|she) said)|took (?:the|their|his|her) time to (?:explain|go through|listen|check|walk)|(?:not|isn't|wasn't|never) (?:too |that |very )?(?:expensive|pricey|costly|overpriced)|worth (?:it|the wait|every penny|the money)",
    1.9,
  ),
  // Mild complaints in words VADER does not weigh ("not cheap", "a bit fiddly", "price a bit high").
  phrase(
    "(?:not|isn't|wasn't|never) (?:exactly )?cheap|(?:a bit|a little|slightly|quite|rather|bit|very|so|too) (?:fiddly|clunky|pricey|steep|dated|confusing)|(?:fiddly|clunky|ancient|outdated)|(?:price|prices|cost|costs|fee|fees|bill) (?:was |is |are |were )?(?:a bit |a little |quite |rather |too |very )?high",
    -1.4,
  ),
  // Complaints told as plain facts of a reply that never came, goods that were short, a bill that is wrong.
  phrase(
    "without (?:anyone|anybody|someone|somebody|any(?:one)? (?:from|at) \\w+) (?:replying|responding|calling|getting back|answering|contacting|looking)|(?:items?|parts?|pieces?|bits?|things?) (?:were |was |are |is )?missing|missing (?:items?|parts?|pieces?)|outside (?:the|my|our) (?:time )?(?:slot|window)|(?:billed|charged|invoiced) for (?:\\w+ ){0,4}(?:i|we) (?:haven't|didn't|never|have not|did not|don't)|says otherwise|please stop|read(?:s|ing)? (?:from|off) a script|(?:wasn't|isn't|weren't|not) (?:even |really )?listening|(?:has|have) been (?:\\w+ ){0,2}for (?:over |more than |about )?(?:\\d+|two|three|four|five|six|seven|eight|nine|ten) (?:days|weeks|months)",
    -1.8,
  ),
  // Praise told as what was done, in words VADER misreads ("dead easy", "for the trouble") or reads as nothing.
  phrase(
    "dead (?:easy|simple)|deserves? (?:a|an) (?:raise|pay rise|medal|promotion|bonus)|knew (?:his|her|their|what (?:he|she|they) (?:was|were)) (?:stuff|doing)|(?:worked|works|working) (?:straight|right|first time) out of the box|(?:found|fixed|sorted|solved|spotted|diagnosed) (?:the|my|our|it|a) ?(?:problem|issue|fault)? in (?:minutes|seconds|no time)|without (?:even )?(?:asking|being asked|having to ask|chasing)|(?:gave|offered|sent|credited) (?:me|us) (?:a |an |some )?(?:voucher|discount|credit|goodwill gesture|gesture|free \\w+)|(?:like|as) (?:she|he|they) said (?:she|he|they)(?:'d| would)|finally understand",
    1.9,
  ),
  phrase('for the (?:trouble|inconvenience|hassle|wait)', 0),
  // A complaint told as a plain fact of the goods, the bill or the service.
  phrase(
    `(?:prices?|fees?|costs?|bills?|premiums?|subscriptions?) (?:have |has |had |keep |keeps )?(?:crept|gone|went|going|shot|creeping|keep going|keeps going) up|(?:arrived|came|delivered|turned up|got here)\\s+${ABOUT}${COUNT}\\s+(?:days?|weeks?|hours?)\\s+(?:late|after)|this is how (?:you|they) treat|(?:is|are|was|were) (?:not|never) (?:explained|mentioned|listed|made clear)(?: anywhere)?|runs? (?:\\w+ )?(?:sizes? )?(?:small|large|big|short|long)|just (?:takes|sends|brings|kicks|throws) (?:me|you|us) (?:back|out)|took (?:my|our|the|a) whole (?:day|morning|afternoon|evening|weekend|saturday|sunday)|barely (?:lasts?|works?|holds?|charges?|fits?)|leak(?:s|ed|ing)?|forc(?:e|es|ed|ing) (?:me|us|you) to|left (?:it|the parcel|the package|my parcel|my package|the box) (?:at|on|outside|with|behind|in)|said something (?:completely |totally |entirely )?different|slow to (?:actually )?(?:fix|sort|resolve|respond|reply|act|deliver|refund|answer)|only after`,
    -1.8,
  ),
  phrase(`${WAITING_VERB}\\s+(?:weeks|months|days|hours|ages)(?:\\s+on\\s+end)?`, -1.8),
  // Praise that holds a negation or a complaint word ("can't fault them", "without making me feel stupid").
  phrase(
    "(?:can't|cannot|couldn't|could not) fault|faultless|spot on|top notch|first class|second to none|nothing (?:was )?too much (?:trouble|bother)|without (?:ever )?making (?:me|us) feel \\w+",
    2.3,
  ),
  phrase(
    '(?:replaced|exchanged|swapped|refunded|fixed|repaired) (?:the|my|our|a|an) (?:faulty|broken|damaged|defective|wrong|missing|cracked|dead) \\w+|without (?:having|needing|the need) to \\w+',
    1.8,
  ),
  phrase(
    "(?:didn't|did not|never|don't|do not|no need to) (?:even )?(?:have|need|needed) to \\w+|(?:phoned|rang|called|texted|emailed|messaged|wrote) (?:me |us )?(?:ahead )?to (?:say|tell|let|warn|explain|apologi[sz]e|confirm)|(?:to|and) (?:check|make sure|see|ask) (?:that |if |whether )?(?:everything|all|it|things) (?:was|is|were|are) (?:ok|okay|fine|still working|working|alright|all right|sorted|going well)",
    1.8,
  ),
  // Telling what the trouble was is not yet a complaint: "had a problem with my bill, one call and it was sorted".
  phrase(
    "(?:had|have|having|there was|there's|got) (?:a|an|some) (?:small |minor |little |slight |quick )?(?:problem|issue|query|question|fault) (?:with|about)",
    0,
  ),
  phrase(
    'stayed (?:on the (?:line|phone)|with (?:me|us)|late|behind|after (?:hours|closing)|past (?:closing|their|his|her))|without (?:me|us) (?:even )?(?:asking|having to ask|chasing)|(?:in|within) (?:the|my|our) (?:time )?(?:slot|window)|within (?:a|one|two|three|\\d+) (?:days?|weeks?|hours?)|no (?:arguments?|quibbles?|drama)|(?:done|handled|dealt with|sorted|processed) (?:really |very |so )?(?:quickly|fast|promptly)|refunded (?:the|my|our|it|them)',
    1.8,
  ),
  phrase(
    "went out of (?:their|his|her|its|the) way|bent over backwards|couldn't do enough|could not do enough|couldn't have been more helpful|exactly as (?:described|advertised|pictured|shown|expected|ordered)|(?:just |exactly )?as (?:described|advertised|pictured)|exactly what (?:i|we) (?:wanted|ordered|needed|asked for)|(?:they |he |she )?did (?:actually |eventually |finally )?(?:refund|fix|sort|replace|resolve|call|ring)|(?:arrived|came|here|delivered) before (?:the|i|it|expected)|same (?:afternoon|morning|evening|week)",
    2.0,
  ),
  phrase(
    'treat(?:ed|s|ing)? (?:a |your |their |the )?(?:customers?|people|me|us)|honestly|to be honest|tbh|frankly|genuinely|literally|(?:a |any )?straight answer',
    0,
  ),
  phrase(
    'cheap(?:er|est)? (?:flights?|prices?|deals?|tickets?|rates?|fares?|plans?|tariffs?|and cheerful)',
    1.6,
  ),
  // Requests, gifts and cards: words VADER reads as praise that here name a thing ("I'd like a copy", "as a gift").
  phrase(
    "(?:i'd|i would|we'd|we would) like (?:to|a|an|the|my|some)|(?:as |for )?a (?:gift|present)|gift (?:card|wrap|wrapped|voucher|box)|(?:credit|debit|store|loyalty|reward|rewards) (?:card|points|scheme|programme|program)|loyalty",
    0,
  ),
  // A promise kept is praise; a promise reported alone is one not kept (below).
  phrase(
    "(?:exactly |right )?(?:when|as) (?:they|he|she|you|it|we|i) (?:said|promised|were told|was told)(?: (?:they|he|she|you|it|we|i)(?:'d| would))?|as promised|when promised|as agreed|on the (?:day|date|time) (?:promised|agreed)",
    1.8,
  ),
  // What a status or a survey says is not what the customer says: "marked as delivered" is usually a complaint.
  phrase(
    '(?:asking|asked|ask) (?:me )?(?:how|whether|if) (?:my|the|our) \\w+ (?:was|had been|has been|is) (?:resolved|fixed|sorted|solved|handled)',
    0,
  ),
  phrase(
    "(?:says|said|say|shows|showed|showing|marked|listed|status)\\s+(?:as\\s+|it(?:'s| is| was| has been)?\\s+|(?:my|the|our|this)\\s+\\w+\\s+(?:is|was|has been|had been)\\s+)?(?:resolved|fixed|delivered|closed|completed?|solved|sorted|done|dispatched|refunded)|(?:says|said|claims?|claimed) (?:that )?(?:they|he|she|it|the \\w+) (?:tried|attempted|called|came|knocked)",
    -1.2,
  ),
  // The department, not the feeling: VADER reads "support" as praise ("emailed support on Friday").
  phrase(
    '(?:customer |tech(?:nical)? |it |online |phone |chat |live )?support(?: team| line| chat| desk| staff| agents?| ticket| centre| center| email)?',
    0,
  ),
  // Waiting, in so many words.
  phrase(
    `${WAITING_VERB}\\s+${ABOUT}${COUNT}\\s+(?:more\\s+|whole\\s+|full\\s+|long\\s+)?(?:hours?|days?|weeks?|months?|years?)`,
    -1.9,
  ),
  phrase(
    `${WAITING_VERB}\\s+${ABOUT}(?:\\d{2,}|fifteen|twenty|thirty|forty|forty-five|fifty|sixty|ninety)\\s+(?:more\\s+)?min(?:ute)?s?`,
    -1.6,
  ),
  phrase(
    `(?:hours?|days?|weeks?|months?)\\s+(?:later|on hold|of waiting|of chasing|and still|to (?:get|hear|receive|arrive|respond|reply|answer|fix|resolve|sort)|for (?:a|an|my|the|any) \\w+|before (?:anyone|someone|anything))`,
    -1.8,
  ),
  phrase(
    `(?:it's been|it has been|been|that was|over)\\s+${ABOUT}${COUNT}\\s+(?:days?|weeks?|months?)|(?:waiting|waited) since`,
    -1.8,
  ),
  phrase(
    '(?:took|takes|taking|waited|waiting|wait)\\s+(?:forever|ages|so long|too long|far too long|way too long|a long time|an eternity|a while)',
    -2.0,
  ),
  phrase(
    '(?:forever|for ages|an eternity|long waits?|long queues?|long hold|endless(?:ly)?|dragged on|drags on|a while)',
    -1.5,
  ),
  // Nobody came back, nobody to reach.
  phrase(
    "(?:always|constantly|permanently) (?:busy|engaged)|lines? (?:is|was|are|were) (?:always |constantly )?(?:busy|engaged)|(?:couldn't|could not|can't|cannot|unable to|impossible to) (?:get through|get hold of|reach|contact)",
    -2.0,
  ),
  phrase(
    `(?:no ?one|nobody|never|no one ever|not once|didn't|did not|hasn't|has not|haven't|have not|won't|wouldn't|doesn't|don't|failed to|refused to)\\s+(?:\\w+\\s+)?${CONTACT_VERB}(?:\\s+(?:me|us|to me|to us|my \\w+))?(?:\\s+(?:back|up|again|in time))?`,
    -2.0,
  ),
  phrase(
    '(?:no|zero|not a single|not one|without (?:a|any))\\s+(?:reply|replies|response|responses|answer|answers|call ?back|callbacks?|calls?|phone calls?|emails?|letters?|news|sign|progress|record|confirmation|tracking(?: number| info(?:rmation)?| updates?)?|refund|help|follow[- ]?up|update|updates|communication|feedback|word|contact|acknowledg(?:e)?ment|explanation|apology)',
    -1.8,
  ),
  phrase(
    '(?:hung up|hang up|cut me off|ignored|ignoring|left me hanging|left in the dark|kept in the dark|ghosted|radio silence)',
    -2.2,
  ),
  phrase('kept (?:me |us )?(?:informed|updated|posted|in the loop)', 2.0, true),
  phrase(
    '(?:no ?one|no-one|nobody)\\s+(?:\\w+\\s+){0,2}?(?:know|knows|knew|knowing|seems? to know|can|could|was|is|will|would|has|had|bothered|cared|cares)\\b(?:\\s+\\w+)?|(?:no ?one|no-one|nobody|not one person|not a single (?:person|soul))',
    -1.6,
  ),
  phrase(
    "(?:nobody|no one|no-one|none|not one|isn't one|wasn't one|isn't anyone|wasn't anyone|no manager|no supervisor)\\s+(?:(?:was|is|were|are)\\s+)?available|(?:asked|wanted|demanded|had) to speak to (?:a|the|your) (?:manager|supervisor|someone senior)",
    -1.8,
  ),
  // Complaints stated as plain facts: what was expected did not happen, happened again, or was wrong.
  phrase(
    "(?:won't|wouldn't|doesn't|didn't|will not|would not|does not|did not) (?:let|allow) (?:me|us)|(?:can't|cannot|couldn't|could not|unable to|not able to)\\s+(?:even\\s+|still\\s+)?(?:log ?in|sign in|pay|use|find|access|reset|change|open|see|download|update|cancel|book|track|speak|talk|get (?:in|an? answer|it to))",
    -1.8,
  ),
  phrase(
    "(?:nothing|heard nothing|nothing back|nada|zilch)\\s+(?:since|yet|so far|whatsoever|from (?:you|them|anyone|anybody))|heard nothing|nothing (?:was|has been|got) (?:done|sorted|fixed)|did nothing|(?:still\\s+)?nothing (?:since|yet|so far)|nothing (?:actually |ever |really |much )?(?:happened|came of it|changed|has changed|got done|was done|was sorted)|there's nothing (?:here|there)|nothing (?:arrived|came|turned up|showed up)|auto(?:matic|mated)?[- ]?(?:reply|replies|response|responses|acknowledge?ments?|messages?|emails?)",
    -2.0,
  ),
  // A clause of nothing but a denial or a silence answers what came before it: "It wasn't." "Nothing."
  {
    pattern:
      /^[^a-z]*(?:(?:and|but|still)\s+)*(?:(?:(?:it|they|he|she|that|this|nobody|no one)\s+)?(?:wasn't|isn't|didn't|hasn't|hadn't|weren't|aren't|won't|doesn't|haven't|never did|never has|did not|was not|is not|has not)|nothing|nada|zilch|crickets|silence|radio silence|no reply|no response|no answer|not a word|nope)[^a-z]*$/g,
    valence: -2.0,
  },
  phrase(
    "still (?:isn't|hasn't|haven't|doesn't|don't|can't|won't|not|no|nothing|there|here|happening|being|dropping|crashing|failing|freezing|leaking|faulty|going on|showing|shows|shown|estimated|pending|outstanding|open|down|out|off|hanging|stuck|charging|the old|on the old)",
    -1.9,
  ),
  phrase(
    `(?:that was|it was|this was)\\s+(?:last \\w+|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the \\w+)|(?:over )?${COUNT} (?:days?|weeks?|months?) ago|ages ago|yesterday morning)|(?:days?|weeks?|months?) (?:and (?:still|no|nothing|counting)|of (?:emails|calls|phone calls|back and forth|chasing|excuses))`,
    -1.8,
  ),
  // On its own, a date is a fact ("I called two days ago"); beside another complaint, part of it.
  phrase(
    `(?:days?|weeks?|months?) after (?:i|we) (?:paid|ordered|reported|called|complained|returned|sent)|${COUNT} (?:days?|weeks?|months?) ago`,
    -1.0,
  ),
  phrase(
    `for the (?:second|third|fourth|fifth|sixth|\\w+th|umpteenth|last) time|(?:third|fourth|fifth|sixth|3rd|4th|5th|6th|umpteenth) time|(?:second|third|fourth|fifth|sixth|2nd|3rd|4th|5th|6th|another) (?:visit|call|attempt|replacement|engineer|technician|reference(?: number)?|ticket|complaint|email|letter|chaser|reminder|repair|form|agent|department|case number)`,
    -1.7,
  ),
  phrase(
    `(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|numerous|countless|so many|too many|\\d+)\\s+(?:more\\s+|separate\\s+|different\\s+)?(?:emails|calls|phone calls|visits|attempts|chasers|reminders|complaints|tickets|engineers|technicians|agents|departments|reference numbers|letters)`,
    -1.6,
  ),
  phrase(
    '(?:start(?:ing|ed)? )?(?:all )?(?:over )?(?:again )?from scratch|start(?:ed|ing)? (?:all )?over|all over again|back to square one|again and again|over and over|time (?:and time )?again|time after time|every (?:single )?time (?:i|we) (?:call|ring|phone|email|ask|contact|chase)|repeat(?:ed|ing)? (?:myself|everything|the whole)|back and forth|passed (?:between|from one)|bounced (?:between|from one)',
    -1.8,
  ),
  phrase(
    '(?:twice|(?:three|four|five|six|several|multiple|numerous|countless|so many|too many|\\d+) times)',
    -1.4,
  ),
  phrase(
    "not (?:the one|what (?:i|we) (?:ordered|paid for|asked for|wanted|expected|was promised|were promised|was told)|as (?:described|advertised|pictured|shown)|the same as (?:the|in the|on the) (?:photo|picture|description|website|ad))|nowhere near|(?:doesn't|does not|didn't|did not) match|different (?:from|to|than) (?:the|what|my|in)|(?:get|got|gets|gave|giving|given) (?:me )?(?:a |two |three )?(?:different|conflicting|contradictory) (?:answers?|stor(?:y|ies)|excuses?|information|info)|(?:a |two |three )?(?:different|conflicting) (?:answers?|stor(?:y|ies)|excuses?) (?:each|every)|same (?:fault|problem|issue|error|complaint|story|excuse|script)",
    -1.9,
  ),
  phrase(
    '(?:snapped|shouted|barked) at (?:me|us)|short with (?:me|us)|(?:curt|snappy|brusque|offhand|off-hand)',
    -2.0,
  ),
  phrase(
    "(?:drop(?:s|ped|ping)? out|cut(?:s|ting)? out|tim(?:es|ed|ing) out|went missing|gone missing|disappeared|vanished|got lost|expires? before|bounced back|out of (?:action|order|service)|snapped|fell off|came off|peel(?:ed|ing|s)|shr(?:ank|unk)|rust(?:ed|y)|leak(?:s|ing|ed)|dripping|won't (?:start|turn on|charge|connect|load|open|work|switch on)|(?:isn't|aren't|wasn't|weren't|is not|are not|stopped) (?:cooling|heating|charging|connecting|loading|responding|starting|draining|spinning|printing|syncing|working))",
    -1.9,
  ),
  phrase('(?:scratched|scuffed|dented|chipped|bent|ripped|stained|mislabell?ed)', -1.6, true),
  phrase(
    "charged (?:me )?(?:twice|again|an?|the|despite|even)|(?:taken|took|paid|debited) (?:the (?:payment|money) )?twice|even though (?:i|we) (?:had )?(?:already )?(?:cancel(?:l?ed)?|paid|returned|told|asked|called|sent)|(?:didn't|did not|don't|do not|never) owe",
    -1.8,
  ),
  phrase(
    'missed (?:my|our|the|a) (?:flight|train|appointment|bus|meeting|shift|deadline|day of work|payment)|(?:had|have) to take (?:a|the) day off|took (?:a|the) day off|waited in (?:all day|for)|(?:waited|waiting|in|home|stayed in|stayed home) all day',
    -1.8,
  ),
  phrase(
    '(?:queues?|lines?)\\s+(?:was\\s+|were\\s+|is\\s+|are\\s+)?(?:out (?:of )?the door|round the (?:block|corner)|down the street|huge|massive|enormous|ridiculous)',
    -2.0,
  ),
  phrase('not so much|not so great', -1.8),
  phrase(
    "(?:i'd|i had|i've|i have|we'd|we've|already) (?:already )?(?:sent|uploaded|given|provided|paid|done|told|explained|submitted|returned|cancelled|filled in|answered)|first (?:i|we) (?:heard|knew|found out)|found out (?:from|when|at|by|on)|fed up|sick of|tired of|had enough|fobbed off|(?:re-?enter|re-?type|re-?submit|re-?send|re-?upload)(?:ed|ing|s)?|every single time|(?:is|was|been|still) sitting (?:at|in)|(?:bounce[sd]?|bouncing) back|rings? out|rang out|(?:goes|went|straight|sent) to voicemail|disgraceful|outrageous|unacceptable|scandalous|all over the place|apparently|cheaper (?:model|version|one)|inferior|downgraded?|than the one (?:i|we) (?:bought|ordered|paid for|had)|charged (?:me|my|the|our|us)|paid (?:extra )?for (?:\\w+ )?(?:express|next[- ]day|premium|priority|fast|guaranteed|first class|same[- ]day)",
    -1.9,
  ),
  phrase(
    'since (?:the \\d{1,2}(?:st|nd|rd|th)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|last (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|the weekend)|(?:for |a |the )?different (?:model|item|product|size|colou?r|one|address|name|amount|version|account)|(?:was|is|were|are) different (?:at|from|to|on|than)',
    -1.6,
  ),
  phrase(
    '(?:was|were|are|is|went|arrived|came|with (?:the |my |our )?\\w+) missing|incomplete|(?:food|meal|pizza|coffee|dinner|lunch|breakfast|chips|order|it) (?:was|were|arrived|came) (?:stone |completely |totally )?cold|lukewarm|(?:days?|weeks?|months?) since|(?:days?|weeks?|months?) of (?:being|getting) (?:told|ignored|passed|fobbed)',
    -1.8,
  ),
  phrase(
    '(?:got|given|gave|sent|received|offered|charged) (?:me |us )?(?:a |an |the )?\\w+ instead|anyway|even though|despite',
    -1.3,
  ),
  phrase(
    "(?:been |still |left )?without (?:hot water|water|heating|heat|power|electricity|internet|wifi|broadband|a phone|phone|gas|signal|a car|service)|(?:it's|it has|it is) (?:now )?been (?:\\d+|over|more than|nearly|almost|two|three|four|five|six|seven|eight|nine|ten|several)\\b|how long (?:it )?(?:took|takes|has taken|it's taken)|(?:taken|took|taking|had) (?:the|my|our) money",
    -1.8,
  ),
  phrase(
    '(?:the |my )?call (?:dropped|got cut off|cut out|was cut off|disconnected)|dropped the call|got cut off|was cut off|without (?:even )?(?:speaking|talking|asking|telling|checking|contacting|consulting|letting|informing|calling|replying|responding|looking|reading|warning|notice)|(?:let|asked|told) (?:me|us) to (?:call|ring|try|come) (?:back|again)',
    -1.8,
  ),
  phrase('(?:scratch|scratches|dent|dents|crack|cracks|chip|chips|stain|stains|tear|rip)', -1.8, true),
  // British complaint words VADER does not know.
  phrase(
    'rubbish|faff|shocking|appalling|shoddy|sloppy|diabolical|atrocious|shambolic|naff|cowboys|pathetic|laughable|dodgy|farcical|a joke|joke of a',
    -2.3,
  ),
  // Not solved, not working, not arrived, not known.
  phrase(
    `${NOT_DONE}\\s+(?:been\\s+|be\\s+|get\\s+|got\\s+|getting\\s+|even\\s+|really\\s+|properly\\s+|fully\\s+|actually\\s+|yet\\s+|ever\\s+)?${DONE_VERB}`,
    -2.2,
  ),
  phrase('still (?:waiting|nothing|unresolved|broken|pending|no word|no sign|the same)', -2.1),
  phrase('(?:unresolved|unsolved|unfixed|unanswered|undelivered|unhelpful|useless)', -2.1),
  phrase(
    "(?:didn't|did not|doesn't|does not|don't|do not) (?:seem to )?(?:know|understand) (?:anything|what|how|why)|(?:had|has|have) no (?:idea|clue)|no idea (?:what|how)",
    -1.8,
  ),
  phrase(
    '(?:stopped working|keeps? (?:crashing|freezing|failing|breaking|dropping|logging me out|signing me out|kicking me out|sending|asking|charging|cancelling|calling|emailing|texting|happening|losing)|crash(?:es|ed|ing)|freez(?:es|ing)|broke down|broken|faulty|defective|buggy|glitchy|laggy|doa|dead on arrival)',
    -2.0,
  ),
  phrase(
    '(?:fell apart|falling apart|came apart|gone downhill|went downhill|going downhill|getting worse|got worse|worse than (?:before|last time|ever)|not (?:as good as|what it used to be))',
    -2.0,
  ),
  phrase(
    '(?:wrong|missing)\\s+(?:item|items|size|order|product|parts?|colou?r|parcel|package|address|information|info|answer|charge|amount|bill)',
    -2.0,
  ),
  phrase(
    '(?:lost|missing|stolen|damaged|dented|scratched|cracked|smashed|torn|leaking|leaked)\\s+(?:my\\s+|the\\s+|our\\s+)?(?:parcel|package|order|item|delivery|box|product|phone)',
    -2.0,
  ),
  phrase(
    '(?:threw|thrown|chucked|dumped|tossed)\\s+(?:\\w+\\s+){0,2}?(?:parcel|package|box|delivery|it|over)|(?:soaked|soggy|crushed|squashed|melted|stale|mouldy|moldy|rotten|expired|stone cold)',
    -2.0,
  ),
  phrase(
    '(?:had to|have to|having to|needed to|need to|forced to)\\s+(?:call|ring|phone|chase|email|ask|explain|repeat|contact|go back|come back|wait|follow up|keep calling|call back|start again|start over|escalate|argue)',
    -1.6,
  ),
  phrase(
    '(?:had|having|was forced|were forced) to|just to (?:check|ask|get|see|find|change|cancel|speak|talk|log)',
    -1.3,
    true,
  ),
  phrase(
    `(?:call(?:ed|ing)?|rang|phoned|contact(?:ed)?|email(?:ed)?|chas(?:ed|e)|ask(?:ed)?|explain(?:ed)?|tr(?:y|ied)|visit(?:ed)?|transferred|passed)\\s+(?:\\w+\\s+){0,2}?(?:${COUNT}|multiple|numerous|countless|so many|a dozen)\\s+(?:times|people|agents|departments)`,
    -1.9,
  ),
  phrase(
    `(?:${COUNT}|multiple|so many|too many)\\s+(?:different\\s+)?(?:forms|steps|pages|screens|passwords|logins)`,
    -1.3,
  ),
  phrase(
    '(?:passed (?:around|from pillar to post)|bounced around|run ?around|round in circles|going in circles)',
    -2.0,
  ),
  phrase(
    '(?:could (?:have been|be) (?:better|faster|quicker)|room for improvement|needs? (?:some )?improvement|not the best|not great|nothing special)',
    -1.5,
  ),
  phrase('not the (?:\\w+est|most \\w+)', -1.3),
  phrase(
    '(?:what a|such a|an absolute|a complete|a total|absolute|complete|total|bit of a) (?:joke|nightmare|shambles|mess|farce|disgrace|waste of time)|nightmare|shambles|farce|disgrace|impossible|a pain',
    -2.3,
  ),
  phrase(
    "(?:never again|never (?:using|use|buying|buy|ordering|order|shopping|coming)\\b.{0,20}\\bagain|won't (?:use|buy|order|be back|come back|return|recommend)|will not (?:use|buy|order|recommend)|switching to|going elsewhere|take my business elsewhere)",
    -2.3,
  ),
  phrase('cancel(?:l?ing|l?ed)? my (?:account|subscription|contract|order|membership)', -1.2),
  phrase(
    '(?:want(?:ed)?|demand(?:ed)?) (?:a|my) (?:full )?(?:refund|money back)|rip[- ]?off|hidden (?:fees?|charges?|costs?)|extra (?:fees?|charges?)|double[- ]charged|charged (?:me )?twice|overcharged|overpriced',
    -2.0,
  ),
  phrase(
    '(?:prices?|bills?|fees?|costs?|charges?|premiums?|subscription)\\s+(?:went up|goes up|going up|keeps? going up|increased|rose|has gone up|have gone up|doubled|tripled)',
    -1.8,
  ),
  phrase(
    '(?:prices?|costs?|bills?|charges?|fees?)\\s+(?:was|were|is|are)\\s+(?:higher|more|different) than|(?:prices?|costs?|bills?|charges?|fees?|quotes?)\\s+(?:was|were|is|are)\\s+(?:a bit |a little |quite |very |too |so |rather |slightly |really )?(?:high|steep)|more than (?:advertised|quoted|expected)|(?:have|had|need|needed) to pay (?:for|extra)|charged (?:me )?(?:for|extra)',
    -1.7,
  ),
  phrase('without (?:any )?(?:notice|warning|explanation)', -1.6),
  phrase(
    'left (?:it|them|(?:the|my|our) (?:parcel|package|box|delivery|order))\\s+(?:in the rain|outside|on the (?:doorstep|street|pavement)|at the (?:door|gate)|with (?:a|the) neighbou?r|in the bin)',
    -1.6,
  ),
  // A promise in a complaint is one not kept ("promised a callback"); VADER reads "promised" as praise.
  phrase(
    "(?:promised|supposed to|meant to|was told|were told|said (?:they|he|she|someone|it)(?: would|'d)|assured me)",
    -0.6,
  ),
  // Words VADER does not know or weighs too lightly here.
  phrase(
    'too (?:long|short|big|small|tight|loose|high|low|many|much|hot|cold|noisy|loud|complicated|difficult|hard|expensive|pricey|slow|late)',
    -1.5,
    true,
  ),
  phrase('(?:slow|slowly|sluggish)', -1.6, true),
  phrase('(?:late|delayed|overdue|behind schedule)', -1.6, true),
  phrase('(?:expensive|pricey|costly|steep)', -1.4, true),
  phrase(
    '(?:confusing|complicated|clunky|cumbersome|convoluted|tedious|frustrating|annoying|excessive|wasteful)',
    -1.7,
    true,
  ),
  phrase(
    '(?:impatient|dismissive|condescending|patronising|patronizing|arrogant|clueless|incompetent|unprofessional|impolite|abrupt)',
    -2.2,
    true,
  ),
  phrase('(?:on hold|transferred|queue|queues|queuing)', -0.8, true),
  // Solved, fast, kept informed: the good news in support language.
  phrase(
    `(?:no|zero|without (?:any\\s+)?|never (?:had|have) (?:any|a)\\s+)\\s*${TROUBLE}(?:\\s+at all)?|nothing to complain about|no complaints`,
    1.6,
  ),
  phrase(
    '(?:no|zero|without (?:any )?)\\s*(?:wait|waiting|queues?|delays?|hold)(?: time)?(?: at all)?|no questions asked|(?:without|no) (?:any |much |having to |the need to )?(?:argue|arguing|chase|chasing|a fight|asking twice)',
    1.6,
  ),
  phrase(
    `(?:fix(?:ed)?|resolv(?:ed|es)|solv(?:ed|es)|sort(?:ed)?(?:\\s+out)?|handled|dealt with|took care of|sorted)\\s+(?:\\w+\\s+){0,3}?(?:${TROUBLE}|quer(?:y|ies)|questions?|requests?|it|everything|them|this|that|the lot)`,
    2.2,
  ),
  phrase(
    '(?:problem solved|issue resolved|all sorted|got it sorted|sorted it out|sorted out|fixed|resolved|solved)',
    1.9,
    true,
  ),
  phrase(
    'got (?:my|a|the) (?:full )?(?:money back|refund|replacement)|refund(?:ed)? (?:was )?(?:processed|came through|arrived)|refunded (?:me|in full|quickly|straight away)|(?:replaced|exchanged|swapped) (?:it|them|the \\w+|my \\w+)',
    1.8,
  ),
  phrase(
    '(?:works?|working|all good|sorted|fine)\\s+(?:now|again)|works? (?:perfectly|great|fine|well)|got (?:the job|it|things) done|got there in the end|did the job|does the job',
    1.8,
  ),
  phrase(
    '(?:a|one|two|three|\\d+|a few|several|a couple of) (?:days?|weeks?|hours?) early|(?:arrived|came|delivered|here|done|finished|turned up) early|ahead of (?:schedule|time)|earlier than (?:expected|promised|planned|quoted)|already (?:here|arrived|sorted|fixed|done|refunded)',
    1.8,
  ),
  phrase(
    'well (?:packed|packaged|wrapped|protected|organi[sz]ed|run|explained)|(?:packed|wrapped|packaged) (?:well|carefully|securely)|(?:back )?up and running|in (?:minutes|seconds|no time|a few minutes)',
    1.8,
  ),
  phrase(
    '(?:letting|let|keeping|keep) (?:me|us) (?:know|informed|updated|posted)(?: (?:in advance|beforehand|ahead of time|straight away|throughout))?|(?:phoned|rang|called|texted|emailed) (?:ahead|in advance|beforehand)|heads[- ]up',
    1.8,
    true,
  ),
  phrase(
    'got (?:my|our|the|a) (?:\\w+ )?(?:money|deposit|refund|payment|cash|fee|fees) back|(?:money|deposit|refund|cash) (?:was |is |came )?back (?:in|on|into)',
    1.8,
    true,
  ),
  phrase(
    '(?:handy|clearer|(?:nice and|very|so|really|much|crystal) clear|accurate|reliable|sorted|decent|comfy)',
    1.6,
    true,
  ),
  phrase(
    '(?:went (?:above and beyond|the extra mile)|above and beyond|beyond expectations|exceeded (?:my )?expectations)',
    3.0,
  ),
  phrase(
    '(?:easier|better|quicker|faster|cheaper|smoother|simpler) than (?:i )?(?:expected|anticipated|thought|feared)',
    2.5,
  ),
  phrase(
    '(?:worse|slower|harder|more expensive) than (?:i )?(?:expected|anticipated|thought)|below (?:my )?expectations',
    -2.0,
  ),
  phrase('(?:expected|expect|deserve|deserved) (?:better|more)', -2.0),
  phrase("(?:can't|cannot) wait (?:for|to)|looking forward to", 2.0),
  phrase('would have given (?:it |you |them )?(?:\\d+|ten|full marks|five stars|5 stars|a \\d+)', 1.6),
  phrase('(?:explained (?:everything|it) clearly|clear explanation)', 2.0),
  phrase(
    '(?:called me back|got back to me|followed up|follow-up call|responded|replied|answered)',
    1.4,
    true,
  ),
  phrase(
    '(?:quick|quickly|fast|prompt|promptly|speedy|swift|swiftly|rapid|efficient|efficiently)',
    1.6,
    true,
  ),
  phrase(
    '(?:on time|in time|straight away|right away|immediately|in no time|within (?:minutes|the hour|an hour|a day|24 hours|a few minutes)|same day|next day|(?:the )?(?:next|following) (?:morning|afternoon)|overnight|(?:in|with|after|took) (?:just |only )?one (?:call|phone call|visit|email|attempt|go)|one call and|(?:on|at) the first (?:call|try|attempt|time)|first[- ]call resolution|in one call)',
    1.4,
    true,
  ),
  phrase(
    '(?:patient(?:ly)?|polite(?:ly)?|courteous(?:ly)?|attentive(?:ly)?|knowledgeable|professional(?:ly)?|empathetic|caring|thorough(?:ly)?|reassuring|respectful(?:ly)?|helpfully|kindly)',
    1.9,
    true,
  ),
  phrase(
    '(?:straightforward|smooth|smoothly|seamless|seamlessly|hassle[- ]free|painless|effortless|simple to (?:use|follow|understand|set up)|(?:was|is|were|so|very|really|nice and|quick and) simple|intuitive|user[- ]friendly)',
    1.7,
    true,
  ),
  phrase(
    '(?:good value|great value|value for money|worth (?:it|the money|every penny)|reasonabl[ey] priced|fair price|affordable)',
    1.8,
    true,
  ),
  phrase(
    '(?:will (?:definitely |certainly )?(?:(?:use|buy|order|shop)(?: \\w+)? again|come back|be coming back|be back)|be back|five stars?|5 stars?|10/10|ten out of ten)',
    2.3,
  ),
];

/** VADER's negations, and the contractions it reads as such. */
export const ENGLISH_NEGATIONS = new Set([
  'not',
  'no',
  'never',
  'without',
  'hardly',
  'barely',
  'nothing',
  'none',
  'nobody',
  'neither',
  'nor',
  'cannot',
  'rarely',
  'seldom',
]);

/** Degree words before a phrase, as VADER's boosters (0.293 more or less, in the phrase's direction). */
export const ENGLISH_BOOSTERS: ReadonlyMap<string, number> = new Map([
  ...[
    'very',
    'really',
    'so',
    'too',
    'extremely',
    'super',
    'incredibly',
    'absolutely',
    'totally',
    'way',
    'ridiculously',
    'unbelievably',
    'insanely',
    'painfully',
    'terribly',
    'awfully',
    'amazingly',
    'exceptionally',
    'remarkably',
    'especially',
    'particularly',
    'extra',
  ].map((word) => [word, 0.293] as const),
  ...['bit', 'slightly', 'somewhat', 'kinda', 'little', 'fairly', 'rather', 'reasonably'].map(
    (word) => [word, -0.293] as const,
  ),
]);
