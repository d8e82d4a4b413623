'use strict';
// Waits until WebRTC can use this host's network: a throwaway peer connection gathers until it
// finds a host candidate that is not loopback. libwebrtc re-reads the interfaces only every two
// seconds, and a link brought up a moment before (the test's veth pair) is not usable at once;
// a real device's network is up long before its user places a call.

const wrtc = require('@roamhq/wrtc');

function gatherOnce(timeoutMs) {
  return new Promise(resolve => {
    const pc = new wrtc.RTCPeerConnection({ iceServers: [] });
    const done = address => {
      clearTimeout(timer);
      pc.close();
      resolve(address);
    };
    const timer = setTimeout(() => done(''), timeoutMs);
    pc.onicecandidate = e => {
      if (!e.candidate) return done('');
      const parts = e.candidate.candidate.split(' ');  // foundation component protocol priority ip port typ type
      const address = parts[4] || '';
      if (parts[7] === 'host' && address !== '127.0.0.1' && address !== '::1') done(address);
    };
    pc.addTransceiver('audio');
    pc.createOffer().then(offer => pc.setLocalDescription(offer)).catch(() => done(''));
  });
}

// Resolves with the first usable address; rejects after `timeoutMs`.
async function waitForNetwork(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const address = await gatherOnce(Math.min(3000, deadline - Date.now()));
    if (address) return address;
  }
  throw new Error(`no network address for WebRTC after ${timeoutMs} ms`);
}

module.exports = { waitForNetwork };
