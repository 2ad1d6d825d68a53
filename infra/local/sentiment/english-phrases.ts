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
  '(?:took|takes|taken|taking|take|wait(?:ed|ing)?(?:\\s+for)?|on hold(?:\\s+for)?|spent|chas(?:ed|ing)(?:\\s+(?:it|them|this))?(?:\\s+for)?|hold for)';
const CONTACT_VERB =
  '(?:call(?:ed)?|ring|rang|phone[d]?|email(?:ed)?|writ(?:e|ten)|repl(?:y|ied)|respond(?:ed)?|answer(?:ed)?|contact(?:ed)?|get|got|gets|come|came|show(?:ed)?|turn(?:ed)?|follow(?:ed)?|listen(?:ed)?|bother(?:ed)?|acknowledg(?:e|ed)|read|hear|heard)';
const NOT_DONE =
  "(?:not|never|wasn't|isn't|hasn't|haven't|weren't|aren't|didn't|doesn't|don't|won't|wouldn't|couldn't|can't|cannot|was not|is not|has not|have not|did not|does not|do not|will not|could not|still not|unable to|failed to|yet to be)";
const DONE_VERB =
  '(?:fix(?:ed)?|resolv(?:e|ed)|solv(?:e|ed)|sort(?:ed)?(?:\\s+out)?|work(?:s|ing|ed)?|address(?:ed)?|help(?:ed|ful|s)?|answer(?:ed)?|receiv(?:e|ed)|arriv(?:e|ed)|deliver(?:ed)?|refund(?:ed)?|turn(?:ed)? up|show(?:ed)? up|come|came|processed|handled|dealt with|honou?r(?:ed)?)';
const TROUBLE =
  '(?:problems?|issues?|complaints?|hassles?|fuss|trouble|worries|bother|faults?|glitch(?:es)?)';

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
    '(?:no|without (?:a|any))\\s+(?:reply|replies|response|responses|answer|answers|call ?back|callback|follow[- ]?up|update|updates|communication|feedback|word|contact|acknowledg(?:e)?ment|explanation|apology)',
    -1.8,
  ),
  phrase(
    '(?:hung up|hang up|cut me off|ignored|ignoring|left me hanging|left in the dark|kept in the dark|ghosted|radio silence)',
    -2.2,
  ),
  phrase('kept (?:me |us )?(?:informed|updated|posted|in the loop)', 2.0, true),
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
    '(?:prices?|costs?|bills?|charges?|fees?)\\s+(?:was|were|is|are)\\s+(?:higher|more|different) than|more than (?:advertised|quoted|expected)|(?:have|had|need|needed) to pay (?:for|extra)|charged (?:me )?(?:for|extra)',
    -1.7,
  ),
  phrase('without (?:any )?(?:notice|warning|explanation)', -1.6),
  phrase(
    'left (?:it|them|the (?:parcel|package|box|delivery))\\s+(?:in the rain|outside|on the (?:doorstep|street|pavement)|at the (?:door|gate)|with (?:a|the) neighbou?r|in the bin)',
    -1.6,
  ),
  // A promise in a complaint is one not kept ("promised a callback"); VADER reads "promised" as praise.
  phrase('(?:promised|supposed to|was told|were told|said they would|assured me)', -0.6),
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
    '(?:no|zero|without (?:any )?)\\s*(?:wait|waiting|queues?|delays?|hold)(?: time)?(?: at all)?|no questions asked|without (?:having to )?(?:argue|arguing|chase|chasing|a fight|asking twice)',
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
    '(?:on time|in time|straight away|right away|immediately|in no time|within (?:minutes|the hour|an hour|a day|24 hours|a few minutes)|same day|next day|(?:on|at) the first (?:call|try|attempt|time)|first[- ]call resolution|in one call)',
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
