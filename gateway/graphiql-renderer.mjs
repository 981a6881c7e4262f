// Renders the GraphiQL page in a child process and writes it, gzipped, to stdout.
//
// @graphql-yoga/render-graphiql carries GraphiQL as a 9 MB JavaScript module; loaded in the
// gateway it would hold some 75 MB for the life of the process (and a worker thread still
// leaves ~20 MB behind). In a process of its own it costs the gateway only the ~2.5 MB gzipped
// page. Plain JavaScript so the same file runs from source (tsx, vitest) and from dist/.
// Input: `{ title, config }` as JSON on stdin (graphiql.ts); the page itself: graphiql/render-page.mjs.
import { gzipSync } from 'node:zlib';
import { renderPage } from './graphiql/render-page.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const options = JSON.parse(Buffer.concat(chunks).toString('utf8'));
process.stdout.write(gzipSync(renderPage(options), { level: 9 }));
