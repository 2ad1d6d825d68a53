/**
 * The single table's layout, read by the CDK stack, the local runtime and every DynamoDB adapter.
 *
 * | item        | pk                               | sk           |
 * | ----------- | -------------------------------- | ------------ |
 * | invitation  | `INV#<invitationId>`             | `INVITATION` |
 * | response    | `INV#<invitationId>`             | `RESPONSE`   |
 * | alert       | `INV#<invitationId>`             | `ALERT#<kind>` (`ALERT#update#<updatedAt>`) |
 * | event sent  | `INV#<invitationId>`             | `EVENT#<kind>` (`EVENT#answered`, `EVENT#changed#<updatedAt>`, `EVENT#case-opened#<openedAt>`, `EVENT#case-resolved#<resolvedAt>`) |
 * | metric rule | `METRIC#<ruleKey>`               | `STATE`      |
 * | metric alert | `METRIC#<ruleKey>`              | `ALERT#metric#<episode>#<fell or recovered>` |
 * | aggregate   | `AGG#<survey>#<dimension>#<value>` (`#*#*` overall) | `<YYYY-MM-DD>#<slot>` |
 * | segment value | `AGG#<survey>#<dimension>`     | `<value>`    |
 * | suppression | `CONTACT#<email:… or phone:…>`   | `SUPPRESSION` |
 * | last send   | `CONTACT#<email:…, phone:… or customer:…>` | `LAST_SENT` |
 * | SMS sent    | `CONTACT#phone:<E.164>`          | `SMS#<sentAt>#<invitationId>` |
 * | SMS message | `SMSOUT#<SNS message id>`        | `SMS`        |
 * | SMS reply   | `SMSIN#<inbound message id>`     | `SMS`        |
 * | case        | `INV#<invitationId>`             | `CASE`       |
 * | case listed | `CASES`                          | `<openedAt>#<invitationId>` |
 * | case update due | `CASEUPDATES`                | `<updateDueAt>#<invitationId>` |
 * | page stamp  | `INV#<invitationId>`             | `STAMP#<stampId>` |
 * | comment labels | `INV#<invitationId>`          | `INSIGHT`    |
 * | listing marker | `INV#<invitationId>`          | `LISTED`     |
 * | answer listed | `ANSWERS#<survey>#<YYYY-MM>#<facet>` | `<answeredAt>#<invitationId>` |
 * | recovery answer counted | `INV#<invitationId>`     | `COUNTED#recovery` |
 * | case statistics | `CASESTATS#*` (every team) or `CASESTATS#team:<team>` | `<YYYY-MM-DD>` |
 * | next answer | `FOLLOWUP#customer:<customerId>` | `NEXTANSWER#<caseId>` |
 * | console session | `SESSION#<digest of the session id>` | `SESSION` |
 * | pending login | `LOGIN#<digest of the login's state>` | `LOGIN` |
 * | person index | `CONTACT#<customer:…, email:… or phone:…>` | `INV#<invitationId>` |
 * | erased suppression | `CONTACT#erased:<email or phone>:<keyed hash>` | `SUPPRESSION` |
 * | people audit | `AUDIT#people` | `<at>#<requestId>` |
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
} as const;

/**
 * Every kind of partition, by what each of its keys begins with (`CASES` and `CASEUPDATES` are whole
 * keys). Every key below is built from these, and functions are granted the table by them (IAM's
 * `dynamodb:LeadingKeys`), so a new kind of item that needs a new partition is named here first.
 */
export const PARTITIONS = {
  /** An invitation and what hangs on it: response, alerts, page stamps, case. */
  invitation: 'INV#',
  /** A person by email address, phone number or customer id: suppression, last send, SMS sent. */
  contact: 'CONTACT#',
  smsMessage: 'SMSOUT#',
  smsReply: 'SMSIN#',
  /** A metric rule: its state and its alerts. */
  metric: 'METRIC#',
  aggregate: 'AGG#',
  caseList: 'CASES',
  caseUpdates: 'CASEUPDATES',
  /**
   * Answers as leads read them (`GET /responses`): one copy per facet an answer is listed under, by
   * survey and month of the first answer (see lib/feedback/facets.ts).
   */
  answers: 'ANSWERS#',
  /** A day's figures of the closed loop, for one team or every team (see lib/cases/case-stats.ts). */
  caseStats: 'CASESTATS#',
  /** A customer's cases waiting for their next answer (win-back), apart from the contact items. */
  followUp: 'FOLLOWUP#',
  /** A lead's session of the console, under a digest of its cookie's id. */
  session: 'SESSION#',
  /** A console sign-in under way at the user pool's managed login, under a digest of its `state`. */
  login: 'LOGIN#',
  /** The company's own record of each erasure and access export: who, when, hashed identifiers. */
  audit: 'AUDIT#',
} as const;

export type Partition = keyof typeof PARTITIONS;

/** The partition keys of a kind, as an IAM `StringLike` pattern: the prefix and any rest, or the whole key. */
export const partitionPattern = (partition: Partition): string => {
  const start = PARTITIONS[partition];
  return start.endsWith('#') ? `${start}*` : start;
};

export const RESPONSE_SORT_KEY = 'RESPONSE';
/** A comment's labels, beside its answer (see lib/insight/labels.ts). */
export const LABELS_SORT_KEY = 'INSIGHT';
export const INVITATION_SORT_KEY = 'INVITATION';

export const invitationKey = (invitationId: string) => ({
  pk: `${PARTITIONS.invitation}${invitationId}`,
  sk: INVITATION_SORT_KEY,
});
export const labelsKey = (invitationId: string) => ({
  pk: `${PARTITIONS.invitation}${invitationId}`,
  sk: LABELS_SORT_KEY,
});
/**
 * What an answer is listed under in `GET /responses`'s listing now (its survey, first answer and
 * facets), beside the answer: the listing reads it to take the answer out of facets it left, whatever
 * the caller remembers of what was listed before.
 */
export const listingMarkerKey = (invitationId: string) => ({
  pk: `${PARTITIONS.invitation}${invitationId}`,
  sk: 'LISTED',
});
/** A console session, under a digest of the id its cookie carries (a reader of the table cannot use it). */
export const sessionKey = (sessionDigest: string) => ({
  pk: `${PARTITIONS.session}${sessionDigest}`,
  sk: 'SESSION',
});
/**
 * A sign-in through the managed login, from its start to its callback, under a digest of its `state`
 * (a reader of the table cannot finish it).
 */
export const pendingLoginKey = (stateDigest: string) => ({
  pk: `${PARTITIONS.login}${stateDigest}`,
  sk: 'LOGIN',
});
export const responseKey = (invitationId: string) => ({
  pk: `${PARTITIONS.invitation}${invitationId}`,
  sk: RESPONSE_SORT_KEY,
});
/**
 * An alert's ledger item, beside what it is about: `<kind>#<invitationId>[#<version>]` under the
 * invitation (an update's version is the answer's `updatedAt`), `metric#<ruleKey>#<episode>#<notice>`
 * under the metric rule.
 */
export const alertKey = (dedupeKey: string) => {
  const [kind, subject, ...rest] = dedupeKey.split('#');
  return {
    pk: kind === 'metric' ? `${PARTITIONS.metric}${subject}` : `${PARTITIONS.invitation}${subject}`,
    sk: ['ALERT', kind, ...rest].join('#'),
  };
};

/**
 * An event's ledger item, beside what it is about: its id `<kind>#<invitationId>[#<version>]` (see
 * lib/events/) kept under the invitation as `EVENT#<kind>[#<version>]`.
 */
export const eventKey = (eventId: string) => {
  const [kind, invitationId, ...rest] = eventId.split('#');
  return { pk: `${PARTITIONS.invitation}${invitationId}`, sk: ['EVENT', kind, ...rest].join('#') };
};

/** Where a metric rule's score stands (see metric-alert). */
export const metricStateKey = (ruleKey: string) => ({ pk: `${PARTITIONS.metric}${ruleKey}`, sk: 'STATE' });

export const suppressionKey = (key: string) => ({ pk: `${PARTITIONS.contact}${key}`, sk: 'SUPPRESSION' });
export const lastSentKey = (key: string) => ({ pk: `${PARTITIONS.contact}${key}`, sk: 'LAST_SENT' });

/** That an invitation is about the person under `key`, in the person's contact partition. */
export const personIndexKey = (key: string, invitationId: string) => ({
  pk: `${PARTITIONS.contact}${key}`,
  sk: `${PERSON_INDEX_PREFIX}${invitationId}`,
});
export const PERSON_INDEX_PREFIX = 'INV#';
/** The partition of everything kept under one of a person's keys: index, suppression, last send, SMS sent. */
export const contactPartition = (key: string): string => `${PARTITIONS.contact}${key}`;

/** One erasure or access export, in the company's audit of them, newest last. */
export const peopleAuditKey = (at: string, requestId: string) => ({
  pk: `${PARTITIONS.audit}people`,
  sk: `${at}#${requestId}`,
});

export const SMS_SENT_PREFIX = 'SMS#';
export const smsSentKey = (phone: string, sentAt: string, invitationId: string) => ({
  pk: `${PARTITIONS.contact}phone:${phone}`,
  sk: `${SMS_SENT_PREFIX}${sentAt}#${invitationId}`,
});
export const smsMessageKey = (messageId: string) => ({
  pk: `${PARTITIONS.smsMessage}${messageId}`,
  sk: 'SMS',
});
export const smsInboundKey = (inboundMessageId: string) => ({
  pk: `${PARTITIONS.smsReply}${inboundMessageId}`,
  sk: 'SMS',
});

export const aggregatePartition = (
  survey: string,
  segment: { dimension: string; value: string } | null,
): string =>
  `${PARTITIONS.aggregate}${survey}#${segment === null ? '*#*' : `${segment.dimension}#${segment.value}`}`;

/** A survey's registry of one dimension: one small item per value that ever had a bucket. */
export const segmentRegistryPartition = (survey: string, dimension: string): string =>
  `${PARTITIONS.aggregate}${survey}#${dimension}`;

export const CASE_SORT_KEY = 'CASE';
export const caseKey = (caseId: string) => ({ pk: `${PARTITIONS.invitation}${caseId}`, sk: CASE_SORT_KEY });
/**
 * Every case also sits in one listing partition, newest last, so that leads can page through them;
 * a reopened case moves to its reopening, a new opening.
 */
export const CASE_LIST_PARTITION = PARTITIONS.caseList;
export const caseListKey = (openedAt: string, caseId: string) => ({
  pk: CASE_LIST_PARTITION,
  sk: `${openedAt}#${caseId}`,
});

/**
 * A case whose changes wait for their coalesced update (or whose last update is to be checked) sits in
 * one partition, by when it is due, so that escalate-cases finds them with one bounded query.
 */
export const CASE_UPDATES_PARTITION = PARTITIONS.caseUpdates;
export const caseUpdateDueKey = (dueAt: string, caseId: string) => ({
  pk: CASE_UPDATES_PARTITION,
  sk: `${dueAt}#${caseId}`,
});

/**
 * A day's closed-loop figures of one team, or of every team (`null`), written in the same transaction
 * as each case move they count; a team is prefixed so that no team's name can be the `*` of every team.
 */
export const caseStatsPartition = (team: string | null): string =>
  `${PARTITIONS.caseStats}${team === null ? '*' : `team:${team}`}`;
export const caseStatsKey = (team: string | null, day: string) => ({ pk: caseStatsPartition(team), sk: day });

/**
 * A case waiting for its customer's next answer, under the customer (so one query finds a customer's
 * cases), in a partition of its own so that the reactor, which consumes them, is granted no contact item.
 */
export const followUpPartition = (customerId: string): string =>
  `${PARTITIONS.followUp}customer:${customerId}`;
export const NEXT_ANSWER_PREFIX = 'NEXTANSWER#';
export const nextAnswerKey = (customerId: string, caseId: string) => ({
  pk: followUpPartition(customerId),
  sk: `${NEXT_ANSWER_PREFIX}${caseId}`,
});

/** That a recovery survey's answer is in the case statistics, and with which score, beside it. */
export const recoveryCountedKey = (invitationId: string) => ({
  pk: `${PARTITIONS.invitation}${invitationId}`,
  sk: 'COUNTED#recovery',
});

/**
 * An answer's copy in the listing of one facet (`all`, `team=billing&category=detractor`, …) of its
 * survey and month: a month of one facet is one partition, newest last, so that a filtered page is one
 * key condition and a window of at most 400 days is at most 14 partitions. The first answer's time
 * never moves, so a change of the answer rewrites the same keys.
 */
export const answerListedKey = (
  survey: string,
  facet: string,
  answeredAt: string,
  invitationId: string,
): { pk: string; sk: string } => ({
  pk: answerListPartition(survey, answeredAt.slice(0, 7), facet),
  sk: `${answeredAt}#${invitationId}`,
});
/** The partition of one facet's answers of one survey first given in `month` (YYYY-MM). */
export const answerListPartition = (survey: string, month: string, facet: string): string =>
  `${PARTITIONS.answers}${survey}#${month}#${facet}`;

/** The one use of a survey page's stamp, beside its invitation (kept until the stamp is too old to use). */
export const pageStampKey = (invitationId: string, stampId: string) => ({
  pk: `${PARTITIONS.invitation}${invitationId}`,
  sk: `STAMP#${stampId}`,
});

/** The answer's copies of the customer, which a response and a case both carry. */
const ANSWER_PERSONAL_DATA = [
  'customerId',
  'customerName',
  'customerEmail',
  'customerPhone',
  'comment',
  'attributes',
] as const;
const CASE_PERSONAL_DATA = [
  ...ANSWER_PERSONAL_DATA,
  'resolution.note',
  'answerLog (the comment of each change)',
] as const;

/**
 * Which fields of which items hold personal data: what an erasure must scrub, an access export must
 * show, and logs must never carry. A key counts too when the person is part of it (`CONTACT#email:…`).
 * Agents' and leads' ids are the company's staff, not its customers, and are not listed. Kept beside
 * the layout above so that a new item or field is classified where it is designed.
 */
export const PERSONAL_DATA = {
  invitation: [
    'customer.id',
    'customer.email',
    'customer.phone',
    'customer.name',
    'customer.timeZone',
    'attributes',
    'smsUnreadText',
    // Why it was skipped or failed, in words: a suppression's or a provider's may quote the address.
    'reason',
  ],
  response: [
    ...ANSWER_PERSONAL_DATA,
    'suspectSignals.userAgent',
    'heldChange.comment',
    'heldChange.signals.userAgent',
  ],
  // A lead's words on the timeline may name the customer; the listed copy has no timeline.
  case: [...CASE_PERSONAL_DATA, 'timeline (the note of each entry: notes, resolutions, reopenings)'],
  'case listed': CASE_PERSONAL_DATA,
  // A keyed digest of the answer a stamp sent (score and comment), never the words.
  // Derived from the comment (a sentiment, topic ids) with the answer's survey, day, segments and score.
  'comment labels': [],
  'page stamp': [],
  'case update due': [],
  // The answer as leads list it: the comment, never the customer's name, contacts or id.
  'answer listed': ['comment'],
  // The facets an answer is listed under: segments, category, labels; none of them the customer's.
  'listing marker': [],
  // Counts and durations per team and day, no case or customer in them.
  'case statistics': [],
  // The score counted and when, under the invitation.
  'recovery answer counted': [],
  'next answer': ['pk (customer id)'],
  // A lead's email (the company's staff, not a customer) and the session's expiry.
  'console session': [],
  // The PKCE verifier, the console path to go back to and when it expires: no one's data.
  'pending login': [],
  suppression: ['pk (email address or phone number)', 'key', 'source'],
  // Erased: the channel and a keyed hash, the reason and when; no address, no source.
  'erased suppression': [],
  'person index': ['pk (customer id, email address or phone number)'],
  // Who asked (a credential's name), when, keyed hashes of the identifiers, the counts.
  'people audit': [],
  // The keys an erasure found, kept (at most 30 days) until it is done, so that a retry finishes it.
  'erasure in progress': ['keys'],
  'last send': ['pk (customer id, email address or phone number)'],
  'SMS sent': ['pk (phone number)'],
  'SMS message': [],
  'SMS reply': [],
  alert: [],
  // Which event went out and when: the event itself is not kept.
  'event sent': [],
  'metric rule': [],
  'metric alert': [],
  aggregate: [],
  'segment value': [],
} as const satisfies Record<string, readonly string[]>;
