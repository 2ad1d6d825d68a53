import { LOCAL_AWS } from '../../infra/local/dynamodb-local.js';
import { tableClientHeldTo } from '../../infra/local/table-access.js';
import { FUNCTIONS } from '../../infra/wiring.js';
import { freshTable } from './dynamodb.js';
import { storesOn } from './handlers.js';

/**
 * The stores of a fresh table twice: `stores` to prepare and read with, and `held`, whose client
 * refuses, as IAM would on AWS, whatever the wiring of function `name` does not grant it, for the
 * handler under test. `destroy` closes the held client.
 */
export const storesHeldTo = async (name: string) => {
  const table = await freshTable();
  const spec = FUNCTIONS.find((each) => each.name === name);
  if (!spec) throw new Error(`no function ${name} in the wiring`);
  const client = tableClientHeldTo({ ...LOCAL_AWS, endpoint: table.endpoint }, name, spec.uses.table);
  return {
    stores: storesOn(table),
    held: storesOn({ ...table, client }),
    destroy: () => client.destroy(),
  };
};
