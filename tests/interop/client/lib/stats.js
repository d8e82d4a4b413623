'use strict';
// What getStats() says about a call's audio: RTP packets each way, the codec, and the selected
// candidate pair (where the media really went), as flat fields.

async function audioStats(pc) {
  const stats = await pc.getStats();
  const out = { packets_sent: 0, packets_received: 0, codec: '', local: '', remote: '' };
  let pairId = '';
  stats.forEach(report => {
    if (report.type === 'outbound-rtp' && (report.kind || report.mediaType) === 'audio') {
      out.packets_sent += report.packetsSent || 0;
      if (report.codecId && stats.get(report.codecId)) out.codec = stats.get(report.codecId).mimeType || '';
    }
    if (report.type === 'inbound-rtp' && (report.kind || report.mediaType) === 'audio') {
      out.packets_received += report.packetsReceived || 0;
    }
    if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
  });
  if (!pairId) {
    stats.forEach(report => {
      if (report.type === 'candidate-pair' && (report.selected || report.nominated) && report.state === 'succeeded') {
        pairId = report.id;
      }
    });
  }
  const pair = pairId && stats.get(pairId);
  const where = id => {
    const c = id && stats.get(id);
    return c ? `${c.address || c.ip}:${c.port}` : '';
  };
  if (pair) {
    out.local = where(pair.localCandidateId);
    out.remote = where(pair.remoteCandidateId);
  }
  return out;
}

module.exports = { audioStats };
