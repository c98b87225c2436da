// Loaded with --import by the benchmark: records the process's peak resident set size when it exits.
import { writeFileSync } from 'node:fs'
process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE)
    writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024))
})
