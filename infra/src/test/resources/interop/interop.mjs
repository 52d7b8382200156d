// Reads and writes Confluent-framed Avro with @kafkajs/confluent-schema-registry, a client written
// from Confluent's specification and not from our code, so a deviation on either side shows up here.
//
//   node interop.mjs decode <registryUrl> <subject> <bytesFile>
//       prints {"latestSchemaId": n, "record": {...}} for the framed record in bytesFile
//   node interop.mjs encode <registryUrl> <subject> <bytesFile>
//       registers the probe schema under subject, writes one framed probe record to bytesFile and
//       prints {"registeredId": n, "reRegisteredId": n, "latestSchemaId": n}
import { readFileSync, writeFileSync } from 'node:fs';
import registryModule from '@kafkajs/confluent-schema-registry';

const { SchemaRegistry, SchemaType } = registryModule;

/** A schema of the client's own: a union with null, a logical type, an enum, an array and a map. */
const PROBE_SCHEMA = {
  type: 'record',
  name: 'InteropProbe',
  namespace: 'org.example.node',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'count', type: 'int' },
    { name: 'total', type: 'long' },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'score', type: ['null', 'double'], default: null },
    { name: 'createdAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'color', type: { type: 'enum', name: 'Color', symbols: ['RED', 'GREEN', 'BLUE'] } },
    { name: 'weights', type: { type: 'array', items: 'float' } },
    { name: 'tags', type: { type: 'map', values: 'string' } },
  ],
};

const PROBE_RECORD = {
  id: 'node-1 ✓ ünïcödé',
  count: -42,
  total: 4503599627370497, // 2^52 + 1: beyond 32 bits, still exact in a JS number (avsc refuses 2^53 - 1)
  note: null,
  score: 0.25,
  createdAt: 1740830400123,
  color: 'GREEN',
  weights: [0.5, -1.25],
  tags: { origin: 'npm' },
};

async function decode(registry, subject, bytesFile) {
  const record = await registry.decode(readFileSync(bytesFile));
  const latestSchemaId = await registry.getLatestSchemaId(subject);
  return { latestSchemaId, record };
}

async function encode(registry, subject, bytesFile) {
  const schema = { type: SchemaType.AVRO, schema: JSON.stringify(PROBE_SCHEMA) };
  const { id: registeredId } = await registry.register(schema, { subject });
  // The second registration finds the subject-level compatibility the first one set and must get the same id.
  const { id: reRegisteredId } = await registry.register(schema, { subject });
  writeFileSync(bytesFile, await registry.encode(registeredId, PROBE_RECORD));
  const latestSchemaId = await registry.getLatestSchemaId(subject);
  return { registeredId, reRegisteredId, latestSchemaId };
}

const [mode, host, subject, bytesFile] = process.argv.slice(2);
const actions = { decode, encode };
if (!actions[mode] || !host || !subject || !bytesFile) {
  console.error('usage: node interop.mjs decode|encode <registryUrl> <subject> <bytesFile>');
  process.exit(2);
}
try {
  const registry = new SchemaRegistry({ host, clientId: 'rollstream-interop-test' });
  process.stdout.write(JSON.stringify(await actions[mode](registry, subject, bytesFile)) + '\n');
} catch (error) {
  console.error(`${mode} against ${host} failed:`, error);
  process.exit(1);
}
