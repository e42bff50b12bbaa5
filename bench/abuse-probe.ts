/**
 * The well-behaved client of abuse-rss, in a process of its own so the storm's generators (in the benchmark's
 * process) cannot delay its timings: `node --import tsx bench/abuse-probe.ts <port> <token>`. It calls
 * `volumes.defaultBackupFolder` (answered by main alone) every 20 ms; each line on stdin names the phase its samples
 * go to from then on (`idle`, `storm`, …); `end` prints `{ phase: [ms, …] }` as JSON and exits.
 */
import readline from 'node:readline';
import { connectWebClient } from '../main/test-support/ws-client';

const [port, token] = process.argv.slice(2);
const client = await connectWebClient(`ws://127.0.0.1:${port}/rpc?token=${token}`);
const samples: Record<string, number[]> = {};
let phase = 'warm-up';
let running = true;
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'end') running = false;
  else phase = line.trim();
});
console.log('ready');
while (running) {
  const t0 = performance.now();
  await client.api.volumes.defaultBackupFolder({});
  (samples[phase] ??= []).push(performance.now() - t0);
  await new Promise((r) => setTimeout(r, 20));
}
console.log(JSON.stringify(samples));
client.close();
process.exit(0);
