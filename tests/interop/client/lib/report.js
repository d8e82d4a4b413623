'use strict';
// What the client observed, one JSON object per line on stdout: the test reads these lines.
// Values stay flat (strings, numbers, booleans) so the C++ side needs no nested parser.

const started = Date.now();

function report(event, fields = {}) {
  const line = { event, t_ms: Date.now() - started, ...fields };
  process.stdout.write(JSON.stringify(line) + '\n');
}

// Diagnostics go to stderr (into the same log, but not parsed as events).
function note(...args) {
  process.stderr.write(`[${Date.now() - started} ms] ${args.join(' ')}\n`);
}

module.exports = { report, note };
