'use strict';
// The dominant frequency of a block of audio: Hann window, radix-2 FFT, peak bin refined by
// parabolic interpolation over log magnitudes. Also the RMS level, to tell a tone from silence.

function fft(re, im) {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = (-2 * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
}

// samples: numbers in [-32768, 32767]; returns { frequency, rms } (frequency 0 when too short).
function analyse(samples, sampleRate, minHz = 50, maxHz = 4000) {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = samples.length ? Math.sqrt(sum / samples.length) : 0;
  let n = 1;
  while (n * 2 <= samples.length && n * 2 <= 32768) n *= 2;
  if (n < 256) return { frequency: 0, rms };
  const offset = samples.length - n;  // the most recent n samples
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) re[i] = samples[offset + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
  fft(re, im);
  const binHz = sampleRate / n;
  const lo = Math.max(1, Math.ceil(minHz / binHz));
  const hi = Math.min(n / 2 - 2, Math.floor(Math.min(maxHz, sampleRate / 2) / binHz));
  const mag = k => Math.log(Math.hypot(re[k], im[k]) + 1e-9);
  let best = lo;
  for (let k = lo; k <= hi; k++) if (mag(k) > mag(best)) best = k;
  const [a, b, c] = [mag(best - 1), mag(best), mag(best + 1)];
  const denom = a - 2 * b + c;
  const shift = denom === 0 ? 0 : (0.5 * (a - c)) / denom;
  return { frequency: (best + shift) * binHz, rms };
}

module.exports = { analyse };
