'use strict';
// The test drives the client through a named pipe (a FIFO the test made: it works across network
// namespaces, where a TCP port on 127.0.0.1 would not): one JSON object per line,
// {"cmd":"call","seq":"3","to":"..."}. Each command is answered, in order, by an event on stdout:
// {"event":"reply","cmd":"call","seq":"3","ok":true,...} or {..."ok":false,"error":"..."}.

const fs = require('fs');
const net = require('net');
const { report } = require('./report');

function serveControl(fifo, handle) {
  // r+: opening a FIFO for reading alone would block until the test opens it for writing.
  const input = new net.Socket({ fd: fs.openSync(fifo, 'r+'), readable: true, writable: false });
  let buffer = '';
  let queue = Promise.resolve();
  input.setEncoding('utf8');
  input.on('data', chunk => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line.trim()) queue = queue.then(() => answer(line, handle));
    }
  });
}

async function answer(line, handle) {
  let request = {};
  try {
    request = JSON.parse(line);
    const result = await handle(request);
    report('reply', { cmd: request.cmd || '', seq: request.seq || '', ok: true, ...result });
  } catch (err) {
    report('reply', { cmd: request.cmd || '', seq: request.seq || '', ok: false,
                      error: String(err && err.message ? err.message : err) });
  }
}

module.exports = { serveControl };
