// The thread that owns the embedded PGlite engine, so its query time runs beside the HTTP
// thread instead of on it. Plain JavaScript: `new Worker` loads it as is under tsx, vitest
// and from dist/ alike. The other side of this protocol is pglite-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';

/** What a PostgreSQL error carries besides its message (pg-protocol's DatabaseError). */
const ERROR_FIELDS = [
  'severity', 'code', 'detail', 'hint', 'position', 'internalPosition', 'internalQuery', 'where',
  'schema', 'table', 'column', 'dataType', 'constraint', 'file', 'line', 'routine', 'length', 'query',
];

const port = parentPort;
/** Open transactions by id: their queries go to `tx`; `end` settles how the callback returns. */
const transactions = new Map();
let nextTransactionId = 1;

async function open() {
  const { dataDir, extensions: names, loadDataDir } = workerData;
  const extensions = {};
  for (const name of names) extensions[name] = (await import(`@electric-sql/pglite/contrib/${name}`))[name];
  const options = { extensions };
  if (loadDataDir) options.loadDataDir = new Blob([await readFile(loadDataDir)]);
  const pglite = new PGlite(dataDir, options);
  await pglite.waitReady;
  return pglite;
}

function errorMessage(err) {
  const fields = {};
  for (const key of ERROR_FIELDS) if (err?.[key] !== undefined) fields[key] = err[key];
  const isError = err instanceof Error;
  return {
    name: isError ? err.name : 'Error',
    message: isError ? err.message : String(err),
    stack: isError ? err.stack : undefined,
    fields,
  };
}

// Functions cannot cross threads: the caller sends the type ids it wants left unparsed.
const identityParsers = new Map();
function queryOptions(o) {
  if (!o) return undefined;
  const options = { rowMode: o.rowMode, paramTypes: o.paramTypes };
  if (o.rawTypes) {
    const key = o.rawTypes.join(',');
    let parsers = identityParsers.get(key);
    if (!parsers) identityParsers.set(key, (parsers = Object.fromEntries(o.rawTypes.map((t) => [t, (v) => v]))));
    options.parsers = parsers;
  }
  return options;
}

function target(pglite, txId) {
  if (txId === undefined) return pglite;
  const open = transactions.get(txId);
  if (!open) throw new Error('Transaction is closed');
  return open.tx;
}

/** Opens a transaction; resolves with its id once BEGIN ran, and holds it until `end`. */
function begin(pglite) {
  return new Promise((started, failed) => {
    const id = nextTransactionId++;
    const open = {};
    const ending = new Promise((resolve) => (open.end = resolve));
    open.done = pglite
      .transaction(async (tx) => {
        open.tx = tx;
        transactions.set(id, open);
        started(id);
        // Rolled back explicitly rather than by throwing: PGlite then skips its COMMIT.
        if (!(await ending) && !tx.closed) await tx.rollback();
      })
      .finally(() => transactions.delete(id));
    // Before `started` this is BEGIN failing; after it, `end` reports the outcome.
    open.done.catch(failed);
  });
}

async function end(txId, commit) {
  const open = transactions.get(txId);
  if (!open) throw new Error('Transaction is closed');
  open.end(commit);
  await open.done;
}

async function dump(pglite, compression) {
  const file = await pglite.dumpDataDir(compression);
  const bytes = await file.arrayBuffer();
  return { value: { bytes, type: file.type, name: file.name }, transfer: [bytes] };
}

async function handle(pglite, m) {
  switch (m.op) {
    case 'query':
      return { value: await target(pglite, m.tx).query(m.sql, m.params, queryOptions(m.options)) };
    case 'exec':
      return { value: await target(pglite, m.tx).exec(m.sql, queryOptions(m.options)) };
    case 'begin':
      return { value: await begin(pglite) };
    case 'rollback':
      return { value: await target(pglite, m.tx).rollback() };
    case 'end':
      return { value: await end(m.tx, m.commit) };
    case 'dump':
      return dump(pglite, m.compression);
    case 'close':
      await pglite.close();
      return { value: undefined };
    default:
      throw new Error(`unknown PGlite worker operation: ${m.op}`);
  }
}

const ready = open();
// Reply 0 answers the start: the engine is open, or why it is not.
ready.then(
  () => port.postMessage({ id: 0, ok: true }),
  (err) => port.postMessage({ id: 0, ok: false, error: errorMessage(err) }),
);

port.on('message', async (m) => {
  try {
    const { value, transfer } = await handle(await ready, m);
    port.postMessage({ id: m.id, ok: true, value }, transfer);
  } catch (err) {
    port.postMessage({ id: m.id, ok: false, error: errorMessage(err) });
  }
});
