// Bundles the pages into dist/: one HTML shell per page, one script per page, one stylesheet.
// The shells hold no inline script or style (the Content-Security-Policy forbids both).
import { build } from "esbuild";
import { mkdir, rm, writeFile } from "node:fs/promises";

const pages = {
  index: { entry: "src/landing/main.ts", title: "Roundtable" },
  organise: { entry: "src/organise/main.ts", title: "Organise a meeting · Roundtable" },
  join: { entry: "src/join/main.ts", title: "Join a meeting · Roundtable" },
  meeting: { entry: "src/participant/main.ts", title: "Meeting · Roundtable" },
  console: { entry: "src/console/main.ts", title: "Moderator console · Roundtable" },
};

const shell = (name, title) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/app.css">
<script type="module" src="/assets/${name}.js"></script>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<div id="app"><main id="main" tabindex="-1"><p class="loading">Loading…</p></main></div>
<noscript><p>Roundtable needs JavaScript.</p></noscript>
</body>
</html>
`;

await rm("dist", { recursive: true, force: true });
await mkdir("dist/assets", { recursive: true });

await build({
  entryPoints: Object.fromEntries(Object.entries(pages).map(([name, page]) => [name, page.entry])),
  outdir: "dist/assets",
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
});
await build({ entryPoints: { app: "src/styles/app.css" }, outdir: "dist/assets", bundle: true, minify: true, logLevel: "warning" });

// A round table seen from above: four seats around one table.
await writeFile(
  "dist/assets/favicon.svg",
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="9" fill="#0b5cad"/>` +
    `<g fill="#1d1d1f"><circle cx="16" cy="3.5" r="2.5"/><circle cx="16" cy="28.5" r="2.5"/><circle cx="3.5" cy="16" r="2.5"/><circle cx="28.5" cy="16" r="2.5"/></g></svg>\n`,
);

for (const [name, page] of Object.entries(pages)) {
  await writeFile(`dist/${name}.html`, shell(name, page.title));
}
console.log("frontend built into dist/");
