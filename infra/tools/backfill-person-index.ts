import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { personKeysOf } from '../../lib/contacts/contact-keys.js';
import { DynamoDbPersonIndex } from '../../lib/contacts/dynamodb-person-index.js';
import type { Invitation } from '../../lib/invitations/invitation.js';
import type { Retention } from '../../lib/platform/retention.js';
import { INVITATION_SORT_KEY, TABLE_DESIGN } from '../../lib/platform/table-design.js';
import { DEFAULT_RETENTION_DAYS } from '../../lib/settings/people.js';

/*
 * A one-off maintenance script, the only kind that may scan the table: notes in the person index every
 * invitation stored before intake wrote it, so that an erasure or an access export finds them. Writing
 * an entry again changes nothing, so it can be run again, or stopped and run again.
 */

export interface BackfillCounts {
  /** Invitations noted under their person's keys. */
  noted: number;
  /** Invitations whose person was erased: nothing to note. */
  erased: number;
}

/** Notes every stored invitation under each of its person's keys, kept as long as what it finds. */
export const backfillPersonIndex = async (
  client: DynamoDBClient,
  tableName: string,
  retention: Retention,
): Promise<BackfillCounts> => {
  const index = new DynamoDbPersonIndex(client, tableName, retention);
  // An invitation stored before retention was stamped is kept for ever, and so is its entry: an entry
  // that expired first would leave it where no erasure finds it.
  const forEver = new DynamoDbPersonIndex(client, tableName);
  const counts: BackfillCounts = { noted: 0, erased: 0 };
  const pages = paginateScan(
    { client },
    {
      TableName: tableName,
      FilterExpression: '#sk = :sk',
      ExpressionAttributeNames: { '#sk': TABLE_DESIGN.sortKey },
      ExpressionAttributeValues: marshall({ ':sk': INVITATION_SORT_KEY }),
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const invitation = unmarshall(item) as Invitation & { expiresAt?: number };
      if (invitation.erasedAt !== undefined) {
        counts.erased += 1;
        continue;
      }
      await (invitation.expiresAt === undefined ? forEver : index).remember(
        personKeysOf(invitation.customer),
        invitation.invitationId,
        new Date(invitation.createdAt),
      );
      counts.noted += 1;
    }
  }
  return counts;
};

const main = async (args: string[]): Promise<number> => {
  const { values } = parseArgs({
    args,
    options: {
      table: { type: 'string' },
      region: { type: 'string' },
      endpoint: { type: 'string' },
      'retention-days': { type: 'string', default: String(DEFAULT_RETENTION_DAYS) },
    },
  });
  const days = Number(values['retention-days']);
  if (!values.table || !Number.isInteger(days) || days < 1) {
    console.error(
      'usage: npm run backfill:people -- --table <the stage table> [--region eu-west-1] [--retention-days 400]',
    );
    return 2;
  }
  const client = new DynamoDBClient({
    ...(values.region ? { region: values.region } : {}),
    ...(values.endpoint ? { endpoint: values.endpoint } : {}),
  });
  const counts = await backfillPersonIndex(client, values.table, { days });
  console.log(`noted ${counts.noted} invitations in the person index; ${counts.erased} erased, left alone`);
  return 0;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
