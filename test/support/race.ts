import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';

/** A write, or a transaction, whose condition did not hold. */
const refusedByCondition = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed'));

/** What DynamoDB did with one of the contested writes. */
export type WriteOutcome = 'written' | 'refused' | `failed: ${string}`;

export interface WriteRace {
  /** The client to hand the racing callers' adapters. */
  client: DynamoDBClient;
  /** The contested writes' outcomes, in the order the writes were sent. */
  outcomes: WriteOutcome[];
}

/**
 * The worst interleaving of a read-then-write race, made certain rather than hoped for: the first
 * `parties` writes that `contested` picks are held until all of them have been sent (so every caller
 * has read before any writes), then go to DynamoDB one at a time, in the order they came. Only a
 * conditional write can refuse the later ones. Other commands, and contested writes after those, pass
 * straight through.
 *
 * A write still waiting for the others after `waitMs` fails, saying the callers never overlapped.
 */
export const raceWrites = (
  client: DynamoDBClient,
  contested: (command: { input: unknown }) => boolean,
  { parties = 2, waitMs = 15_000 }: { parties?: number; waitMs?: number } = {},
): WriteRace => {
  const outcomes: WriteOutcome[] = [];
  let arrived = 0;
  let allArrived: () => void = () => undefined;
  const barrier = new Promise<void>((resolve) => {
    allArrived = resolve;
  });
  let turn: Promise<unknown> = Promise.resolve();

  const raced = Object.create(client) as DynamoDBClient;
  raced.send = (async (command: any, ...rest: any[]) => {
    if (arrived >= parties || !contested(command)) return client.send(command, ...rest);
    arrived += 1;
    if (arrived === parties) allArrived();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      barrier,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(`only ${arrived} of ${parties} contested writes came: the callers never overlapped`),
            ),
          waitMs,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    const mine = turn.then(async () => {
      try {
        const output = await client.send(command, ...rest);
        outcomes.push('written');
        return output;
      } catch (error) {
        outcomes.push(refusedByCondition(error) ? 'refused' : `failed: ${(error as Error).name}`);
        throw error;
      }
    });
    turn = mine.catch(() => undefined);
    return mine;
  }) as DynamoDBClient['send'];
  return { client: raced, outcomes };
};
