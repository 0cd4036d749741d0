// The reference implementation (jsonata-js) as a measuring service on Node: loads and compiles the cases, answers
// the first result of each, then per request line {"case": i, "ms": t} evaluates case i for t ms
// (`await expression.evaluate(input)` per iteration) and answers {"evaluationsPerSecond": .., "iterations": ..}.
'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');
const [moduleDir, casesFile] = process.argv.slice(2);
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
  return { evaluationsPerSecond: iterations / (Number(process.hrtime.bigint() - start) / 1e9), iterations };
}

(async () => {
  const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'))
    .map(c => ({ id: c.id, expression: jsonata(c.expression), input: c.hasInput ? c.input : undefined }));
  const first = [];
  for (const c of cases) {
    const result = await c.expression.evaluate(c.input);
    first.push(result === undefined ? 'undefined' : JSON.stringify(result));
  }
  process.stdout.write(JSON.stringify(first) + '\n');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    const request = JSON.parse(line);
    const c = cases[request.case];
    process.stdout.write(JSON.stringify(await run(c.expression, c.input, request.ms)) + '\n');
  }
})().catch(e => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
