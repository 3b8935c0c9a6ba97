// Every page language has every string: the core catalogues (src/shared/i18n/*.ts) and every string an
// area registers with registerStrings(). Bundles the catalogues with every module that registers
// strings, runs them under Node, and compares each language's keys (and {placeholders}) with English.
// Every error code the server may answer with (ERROR_CODES, generated from app/errors.py into
// src/shared/wire.ts) and every code the page makes itself has its `error.<code>` string in every language.
// Exit code 1 and a list when anything is missing. Run by tests/test_frontend_strings.py.
import { build } from "esbuild";
import { readdir, readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

const registering = [];
for await (const file of files(src)) {
  if (file.includes(`${join("shared", "i18n")}`)) continue;
  if (/\bregisterStrings\(/.test(await readFile(file, "utf8"))) registering.push(file);
}

const entry = [
  `export { allMessages } from "./${relative(root, join(src, "shared/i18n/index.ts"))}";`,
  `export { ERROR_CODES } from "./${relative(root, join(src, "shared/wire.ts"))}";`,
  ...registering.map((f) => `import "./${relative(root, f)}";`),
].join("\n");
const out = await mkdtemp(join(tmpdir(), "roundtable-strings-"));
try {
  await build({ stdin: { contents: entry, resolveDir: root, loader: "ts" }, bundle: true, platform: "node", format: "esm", outfile: join(out, "strings.mjs"), logLevel: "error" });
  const { allMessages, ERROR_CODES } = await import(pathToFileURL(join(out, "strings.mjs")).href);
  // The codes src/shared/connection.ts and api.ts make themselves, and the fallback of errors.ts.
  const pageCodes = ["generic", "not_connected", "timeout", "network"];
  const all = allMessages();
  const english = all.en;
  const holes = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(",");
  const problems = [];
  for (const [code, messages] of Object.entries(all)) {
    if (code === "en") continue;
    for (const key of Object.keys(english)) {
      if (!(key in messages)) problems.push(`${code}: missing ${key}`);
      else if (holes(messages[key]) !== holes(english[key])) problems.push(`${code}: ${key} has placeholders {${holes(messages[key])}}, English has {${holes(english[key])}}`);
    }
    for (const key of Object.keys(messages)) if (!(key in english)) problems.push(`${code}: ${key} is not in English`);
  }
  for (const [code, messages] of Object.entries(all)) {
    for (const error of [...ERROR_CODES, ...pageCodes]) {
      if (!(`error.${error}` in messages)) problems.push(`${code}: no string for the error code ${error} (error.${error})`);
    }
  }
  const languages = Object.keys(all);
  if (problems.length) {
    console.error(problems.join("\n"));
    process.exitCode = 1;
  } else {
    console.log(`${Object.keys(english).length} strings in each of ${languages.join(", ")} (${registering.length} modules register their own); ` +
      `every one of ${ERROR_CODES.length} server error codes has its string`);
  }
} finally {
  await rm(out, { recursive: true, force: true });
}
