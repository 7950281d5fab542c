// A small CLI over Confluent's official JavaScript Schema Registry client, so a JUnit test can check
// that Tandem's own registry client and Avro serdes agree with it byte for byte.
//
//   node interop.mjs decode   --registry URL --topic T --in FILE
//       Prints the record as one line of JSON. Timestamps come out as epoch millis: the Confluent
//       serde builds its avsc types without logical types, so timestamp-millis stays a long.
//   node interop.mjs encode   --registry URL --topic T --schema SCHEMA.avsc --json RECORD.json --out FILE
//       Registers the schema for <topic>-value (TopicNameStrategy) and writes the framed bytes.
//       Prints {"subject","id"} as one line of JSON.
//   node interop.mjs register --registry URL --subject S --schema SCHEMA.avsc
//       Registers the schema text exactly as given and prints {"subject","id"}.
//
// On any error: one line on stderr and exit status 1.

import { readFile, writeFile } from 'node:fs/promises';
// The package is CommonJS; a default import is the reliable way to reach its exports from ESM.
import sr from '@confluentinc/schemaregistry';

const { SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType } = sr;

const USAGE = 'usage: node interop.mjs decode|encode|register --registry URL [--topic T | --subject S] '
  + '[--in FILE] [--schema FILE] [--json FILE] [--out FILE]';

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const options = {};
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    if (!flag.startsWith('--') || i + 1 >= rest.length) {
      throw new Error(`bad argument '${flag}'; ${USAGE}`);
    }
    options[flag.slice(2)] = rest[i + 1];
  }
  return { command, options };
}

function required(options, name) {
  if (options[name] == null) {
    throw new Error(`missing --${name}; ${USAGE}`);
  }
  return options[name];
}

function client(options) {
  // No retries: the test wants a fast, clear failure rather than a slow one.
  return new SchemaRegistryClient({ baseURLs: [required(options, 'registry')], maxRetries: 0 });
}

async function decode(options) {
  const topic = required(options, 'topic');
  const bytes = await readFile(required(options, 'in'));
  const deserializer = new AvroDeserializer(client(options), SerdeType.VALUE, {});
  const record = await deserializer.deserialize(topic, bytes);
  // avsc gives longs as JS numbers; anything a Buffer (bytes/fixed) would be is printed as base64.
  return JSON.stringify(record, (key, value) =>
    value && value.type === 'Buffer' && Array.isArray(value.data) ? Buffer.from(value.data).toString('base64') : value);
}

async function register(registry, subject, schemaText) {
  // Registered verbatim (normalize=false), as Confluent's clients do by default.
  return registry.register(subject, { schemaType: 'AVRO', schema: schemaText }, false);
}

async function encode(options) {
  const topic = required(options, 'topic');
  const schemaText = await readFile(required(options, 'schema'), 'utf8');
  const record = JSON.parse(await readFile(required(options, 'json'), 'utf8'));
  const registry = client(options);
  const subject = `${topic}-value`;
  // The JS AvroSerializer's autoRegisterSchemas derives a schema from the value itself (avsc's
  // Type.forValue: records named Record1, no enums, no logical types), so it cannot auto-register a
  // given schema. Its README's way is to register the schema, then serialize with the latest version.
  const id = await register(registry, subject, schemaText);
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, { autoRegisterSchemas: false, useLatestVersion: true });
  const bytes = await serializer.serialize(topic, record);
  await writeFile(required(options, 'out'), bytes);
  return JSON.stringify({ subject, id });
}

async function registerCommand(options) {
  const subject = required(options, 'subject');
  const schemaText = await readFile(required(options, 'schema'), 'utf8');
  const id = await register(client(options), subject, schemaText);
  return JSON.stringify({ subject, id });
}

async function main() {
  const { command, options } = parseArgs(process.argv.slice(2));
  switch (command) {
    case 'decode': return decode(options);
    case 'encode': return encode(options);
    case 'register': return registerCommand(options);
    default: throw new Error(`unknown command '${command ?? ''}'; ${USAGE}`);
  }
}

try {
  process.stdout.write(`${await main()}\n`);
} catch (e) {
  // One line, whatever the error: axios errors carry the registry's reply in response.data.
  const reply = e?.response?.data ? ` ${JSON.stringify(e.response.data)}` : '';
  process.stderr.write(`interop: ${e?.name ?? 'Error'}: ${String(e?.message ?? e).replace(/\s+/g, ' ')}${reply}\n`);
  process.exitCode = 1;
}
