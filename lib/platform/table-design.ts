/**
 * The single table's layout, read by the CDK stack, the local runtime and every DynamoDB adapter.
 *
 * | item        | pk                               | sk           |
 * | ----------- | -------------------------------- | ------------ |
 * | invitation  | `INV#<invitationId>`             | `INVITATION` |
 * | response    | `INV#<invitationId>`             | `RESPONSE`   |
 * | alert       | `INV#<invitationId>`             | `ALERT#<kind>` (`ALERT#update#<updatedAt>`) |
 * | metric rule | `METRIC#<ruleKey>`               | `STATE`      |
 * | metric alert | `METRIC#<ruleKey>`              | `ALERT#metric#<episode>#<fell or recovered>` |
 * | aggregate   | `AGG#<survey>#<dimension>#<value>` (`#*#*` overall) | `<YYYY-MM-DD>#<slot>` |
 * | suppression | `CONTACT#<email:… or phone:…>`   | `SUPPRESSION` |
 * | last send   | `CONTACT#<email:…, phone:… or customer:…>` | `LAST_SENT` |
 * | SMS sent    | `CONTACT#phone:<E.164>`          | `SMS#<sentAt>#<invitationId>` |
 * | SMS message | `SMSOUT#<SNS message id>`        | `SMS`        |
 * | SMS reply   | `SMSIN#<inbound message id>`     | `SMS`        |
 * | case        | `INV#<invitationId>`             | `CASE`       |
 * | case listed | `CASES`                          | `<openedAt>#<invitationId>` |
 * | case update due | `CASEUPDATES`                | `<updateDueAt>#<invitationId>` |
 * | page stamp  | `INV#<invitationId>`             | `STAMP#<stampId>` |
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
} as const;

export type Partition = keyof typeof PARTITIONS;

/** The partition keys of a kind, as an IAM `StringLike` pattern: the prefix and any rest, or the whole key. */
export const partitionPattern = (partition: Partition): string => {
  const start = PARTITIONS[partition];
  return start.endsWith('#') ? `${start}*` : start;
};

export const RESPONSE_SORT_KEY = 'RESPONSE';
export const INVITATION_SORT_KEY = 'INVITATION';

export const invitationKey = (invitationId: string) => ({
  pk: `${PARTITIONS.invitation}${invitationId}`,
  sk: INVITATION_SORT_KEY,
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

/** Where a metric rule's score stands (see metric-alert). */
export const metricStateKey = (ruleKey: string) => ({ pk: `${PARTITIONS.metric}${ruleKey}`, sk: 'STATE' });

export const suppressionKey = (key: string) => ({ pk: `${PARTITIONS.contact}${key}`, sk: 'SUPPRESSION' });
export const lastSentKey = (key: string) => ({ pk: `${PARTITIONS.contact}${key}`, sk: 'LAST_SENT' });

export const smsSentKey = (phone: string, sentAt: string, invitationId: string) => ({
  pk: `${PARTITIONS.contact}phone:${phone}`,
  sk: `SMS#${sentAt}#${invitationId}`,
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

export const caseKey = (caseId: string) => ({ pk: `${PARTITIONS.invitation}${caseId}`, sk: 'CASE' });
/** Every case also sits in one listing partition, newest last, so that leads can page through them. */
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
  ],
  response: [
    ...ANSWER_PERSONAL_DATA,
    'suspectSignals.userAgent',
    'heldChange.comment',
    'heldChange.signals.userAgent',
  ],
  case: CASE_PERSONAL_DATA,
  'case listed': CASE_PERSONAL_DATA,
  // A keyed digest of the answer a stamp sent (score and comment), never the words.
  'page stamp': [],
  'case update due': [],
  suppression: ['pk (email address or phone number)', 'key', 'source'],
  'last send': ['pk (customer id, email address or phone number)'],
  'SMS sent': ['pk (phone number)'],
  'SMS message': [],
  'SMS reply': [],
  alert: [],
  'metric rule': [],
  'metric alert': [],
  aggregate: [],
} as const satisfies Record<string, readonly string[]>;
