'use strict';
// A real WebRTC client for the interop tests: StanzaJS over the XMPP server's websocket (Prosody's
// or ejabberd's), @roamhq/wrtc as its RTCPeerConnection, a sine tone as its microphone. The test
// drives it through a named pipe (lib/control.js) and reads what it observed as JSON lines on
// stdout (lib/report.js).
//
//   node client.js --ws ws://10.77.0.1:5280/xmpp-websocket --jid alice@localhost/wrtc
//                  --password PW --control FIFO [--tone 770]
//
// Commands: signup {gateway, username, password, proxy}; call {to}; answer, decline, hangup and
// stats {sid (optional: the latest session)}. Events: listening, network, online, presence,
// subscription, reply, outgoing, incoming, ringing, candidate, gathered, ice, connection,
// accepted, audio (the first audio heard), terminated {reason, text}.

const wrtc = require('@roamhq/wrtc');
const XMPP = require('stanza');
const { report, note } = require('./lib/report');
const { signUp, acceptSubscriptions } = require('./lib/account');
const { Calls } = require('./lib/calls');
const { serveControl } = require('./lib/control');
const { waitForNetwork } = require('./lib/network');

function options(argv) {
  const out = { tone: '770' };
  for (let i = 2; i + 1 < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const required of ['ws', 'jid', 'password', 'control']) {
    if (!out[required]) throw new Error(`missing --${required}`);
  }
  return out;
}

function main() {
  const opts = options(process.argv);
  const [bare, resource] = opts.jid.split('/');
  const client = XMPP.createClient({
    jid: bare,
    password: opts.password,
    resource: resource || 'wrtc',
    transports: { websocket: opts.ws, bosh: false },
    jingle: {
      hasRTCPeerConnection: true,
      createPeerConnection: (session, config) => new wrtc.RTCPeerConnection(config),
      iceServers: [],  // the default adds a public STUN server
      advertiseAudio: true,
      advertiseVideo: false,
      advertiseFileTransfer: false,
    },
  });
  const calls = new Calls(client, Number(opts.tone));
  acceptSubscriptions(client);

  client.on('session:started', () => {
    client.updateCaps();
    client.sendPresence({ legacyCapabilities: client.disco.getCaps() });
    report('online', { jid: client.jid });
  });
  client.on('auth:failed', () => report('auth-failed'));
  client.on('disconnected', () => report('disconnected'));
  client.on('stream:error', err => note('stream error', JSON.stringify(err)));
  // Jingle on the wire, for reading a failed run (only Jingle: the login and the sign-up form
  // carry passwords).
  for (const direction of ['incoming', 'outgoing']) {
    client.on(`raw:${direction}`, xml => { if (xml.includes('<jingle ')) note(direction, xml); });
  }

  const commands = {
    signup: async r => {
      await signUp(client, r.gateway, { username: r.username, password: r.password, proxy: r.proxy });
      return {};
    },
    call: async r => ({ sid: calls.call(r.to) }),
    answer: async r => ({ sid: calls.answer(r.sid) }),
    decline: async r => ({ sid: calls.decline(r.sid) }),
    hangup: async r => ({ sid: calls.hangup(r.sid) }),
    stats: async r => calls.stats(r.sid),
  };
  serveControl(opts.control, async request => {
    const handler = commands[request.cmd];
    if (!handler) throw new Error(`unknown command ${request.cmd}`);
    return handler(request);
  });
  report('listening', { control: opts.control });
  const began = Date.now();
  waitForNetwork(10000).then(address => {
    report('network', { address, after_ms: Date.now() - began });
    client.connect();
  }, err => {
    report('no-network', { error: err.message });
    process.exit(1);
  });
}

process.on('unhandledRejection', err => note('unhandled rejection:', err && err.stack ? err.stack : err));
main();
