// The wire's TypeScript types, generated from the JSON Schema the server prints (`python -m app wire-schema`,
// from app/wire.py): node scripts/wire-types.mjs SCHEMA.json > src/shared/wire.ts. `make wire` runs both
// steps; `make lint` regenerates into a temporary folder and fails when the committed files differ.
import { compile } from "json-schema-to-typescript";
import { readFile } from "node:fs/promises";

const [schemaPath] = process.argv.slice(2);
if (!schemaPath) {
  console.error("usage: node scripts/wire-types.mjs wire.schema.json");
  process.exit(2);
}
const schema = JSON.parse(await readFile(schemaPath, "utf8"));

const generated = await compile(schema, "Wire", {
  bannerComment: "",
  additionalProperties: false,
  format: true,
  // The schema's root only names the wire's parts; every type below it is what the pages import.
  unreachableDefinitions: true,
});

// The generator notes on every definition that the root refers to it; that says nothing to a reader.
const noise = /^\s*\* (This interface was referenced by `Wire`'s JSON-Schema|via the `definition` "\w+"\.)$/;
const types = generated.replace(/\/\*\*\n[\s\S]*?\*\/\n/g, (block) => {
  const lines = block.split("\n").filter((line) => !noise.test(line));
  // Drop the blank comment line the removed note leaves at the end, then the block if nothing is left.
  while (lines.length > 2 && /^\s*\*$/.test(lines[lines.length - 3])) lines.splice(lines.length - 3, 1);
  return lines.length > 3 ? lines.join("\n") : "";
});

// A definition reached both through a reference and as an unreachable one comes out twice, the second
// as `Name1` with the same body: keep one name.
let once = types;
for (const [line, name, body] of types.matchAll(/^export type (\w+)1 = ([^;]+);\n/gm)) {
  if (!once.includes(`export type ${name} = ${body};\n`)) continue;
  once = once.replace(line, "").replace(new RegExp(`\\b${name}1\\b`, "g"), name);
}

const codes = schema.$defs.ErrorCode.enum;
process.stdout.write(
  `// Generated from app/wire.py by \`make wire\` (frontend/scripts/wire-types.mjs): do not edit by hand.\n\n` +
    once +
    `\n/** Every error code the server may answer with (app/errors.py ErrorCode); each has a page string. */\n` +
    `export const ERROR_CODES: readonly ErrorCode[] = ${JSON.stringify(codes, null, 2)};\n`,
);
