'use strict';
// Waits until the browser's WebRTC can use the host's network (a throwaway peer connection finds
// a host candidate that is not loopback), as ../../client/lib/network.js does for wrtc: the
// test's veth pair comes up a moment before the browser starts.

function gatherOnce(timeoutMs) {
  return new Promise(resolve => {
    const pc = new RTCPeerConnection({ iceServers: [] });
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
      if (parts[7] === 'host' && address !== '127.0.0.1' && address !== '::1' && !address.endsWith('.local')) done(address);
    };
    pc.addTransceiver('audio');
    pc.createOffer().then(offer => pc.setLocalDescription(offer)).catch(() => done(''));
  });
}

async function waitForNetwork(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const address = await gatherOnce(Math.min(3000, deadline - Date.now()));
    if (address) return address;
  }
  throw new Error(`no network address for WebRTC after ${timeoutMs} ms`);
}

module.exports = { waitForNetwork };
