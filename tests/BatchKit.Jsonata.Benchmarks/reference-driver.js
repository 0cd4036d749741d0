// Runs the same cases through the reference implementation (jsonata-js) on Node: compiled once, then
// `await expression.evaluate(input)` per iteration, time-boxed like the .NET side. Prints JSON on stdout.
'use strict';
const fs = require('fs');
const path = require('path');
const [moduleDir, casesFile, warmUpMs, durationMs] = process.argv.slice(2);
const jsonata = require(path.join(moduleDir, 'node_modules', 'jsonata'));

async function run(expression, input, ms) {
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(ms * 1e6));
  let iterations = 0;
  while (process.hrtime.bigint() - start < limit) {
    for (let i = 0; i < 64; i++) {
      await expression.evaluate(input);
    }
    iterations += 64;
  }
  return { iterations, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

(async () => {
  const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));
  const compiled = cases.map(c => ({ c, expression: jsonata(c.expression), input: c.hasInput ? c.input : undefined }));
  for (const { expression, input } of compiled) {
    await run(expression, input, Number(warmUpMs)); // every case once before anything is timed, as on the .NET side
  }
  const results = [];
  for (const { c, expression, input } of compiled) {
    const first = await expression.evaluate(input);
    const { iterations, seconds } = await run(expression, input, Number(durationMs));
    results.push({ id: c.id, evaluationsPerSecond: iterations / seconds, iterations, result: first === undefined ? 'undefined' : JSON.stringify(first) });
  }
  process.stdout.write(JSON.stringify(results));
})().catch(e => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
