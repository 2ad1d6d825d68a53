import { DeleteItemCommand, type DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { TABLE_DESIGN } from '../../lib/platform/table-design.js';

/** How far the clock moves between two sweeps: DynamoDB's own deletes come within a day or two. */
const SWEEP_EVERY_MS = 86_400_000;

/** Who DynamoDB's time to live deletes as, in the stream records of its deletions. */
export const TIME_TO_LIVE_IDENTITY = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

const keyOf = (pk: unknown, sk: unknown) => `${String(pk)}\n${String(sk)}`;

/**
 * The table's time to live on one machine, where DynamoDB Local deletes nothing by itself: as the
 * local clock moves, items whose `expiresAt` has passed are deleted, and the stream records of those
 * deletions carry DynamoDB's own service identity, as on AWS, so that the readers that ignore time to
 * live deletions (the fold above all) ignore them here too.
 */
export class LocalTimeToLive {
  private readonly swept = new Set<string>();
  private lastSweep: number;

  /**
   * `startedAt`: the clock when the runtime started. As the periodic jobs, the sweep waits for the clock
   * to pass it, so that a script laying down past days (the demo) tells the same story every run.
   */
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
    startedAt: Date,
  ) {
    this.lastSweep = startedAt.getTime();
  }

  /** Deletes what expired by `now`, when the clock moved far enough since the last sweep; answers how many. */
  async sweep(now: Date): Promise<number> {
    if (now.getTime() - this.lastSweep < SWEEP_EVERY_MS) return 0;
    this.lastSweep = now.getTime();
    const seconds = Math.floor(now.getTime() / 1000);
    let deleted = 0;
    const pages = paginateScan(
      { client: this.client },
      {
        TableName: this.tableName,
        ProjectionExpression: 'pk, sk',
        FilterExpression: '#ttl <= :now',
        ExpressionAttributeNames: { '#ttl': TABLE_DESIGN.timeToLiveAttribute },
        ExpressionAttributeValues: marshall({ ':now': seconds }),
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const { pk, sk } = unmarshall(item);
        this.swept.add(keyOf(pk, sk));
        await this.client.send(
          new DeleteItemCommand({ TableName: this.tableName, Key: marshall({ pk, sk }) }),
        );
        deleted += 1;
      }
    }
    return deleted;
  }

  /** Whether a deletion's stream record is one of this sweep's: it then reads as DynamoDB's own. */
  deletedByTimeToLive(keys: Record<string, { S?: string }> | undefined): boolean {
    const key = keyOf(keys?.pk?.S, keys?.sk?.S);
    return this.swept.has(key);
  }
}
