// One case of the property test in its own process (networks.test.ts runs it
// under a CPU-time limit, so a case that blows up is stopped and reported, and
// the run goes on): the CLI's `derive SPEC --format json --quiet` in-process.
// Each stage is announced on stderr as it starts ("stage NAME SECONDS"), so a
// stopped case still says where it was; the result is one JSON line on stdout:
// exit code, the CLI's stdout and stderr, CPU seconds, peak RSS, stage times.
import { main } from '../../src/cli/main.js';

const specPath = process.argv[2];
const started = performance.now();
const stages: Record<string, number> = {};
let current = '', since = started;
let out = '', err = '';
// The CLI's terminal progress (io.progress): every write of it starts with a
// carriage return, a live line "hugoniot: STAGE[: step i/n], T s[, ETA]" or the
// closing timing line; everything else is the CLI's real stderr.
const progress = /^\r(?:\x1b\[K)?hugoniot: ([\w-]+)[,:]/;
const code = await main(['derive', specPath, '--format', 'json'], {
  out: (s) => { out += s; },
  err: (s) => {
    if (!s.startsWith('\r')) { err += s; return; }
    const m = progress.exec(s);
    if (!m || m[1] === current || m[1] === 'derived') return;
    const now = performance.now();
    if (current) stages[current] = (now - since) / 1000;
    current = m[1]; since = now;
    process.stderr.write(`stage ${current} ${((now - started) / 1000).toFixed(1)}\n`);
  },
  progress: true,
});
if (current) stages[current] = (performance.now() - since) / 1000;
const cpu = process.cpuUsage();
process.stdout.write(JSON.stringify({ code, out, err, cpu: (cpu.user + cpu.system) / 1e6, maxRssMB: process.resourceUsage().maxRSS / 1024, stages }) + '\n');
