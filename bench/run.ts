// `npm run bench`: every benchmark with its budget; exits 1 when a budget is missed.
import {persistBench} from './persist.bench.js';
import {startupBench} from './startup.bench.js';
import {uiBench} from './ui.bench.js';
import {printResults, type Result} from './util.js';

const only = process.argv[2];
const suites: [string, () => Result[] | Promise<Result[]>][] = [
	['engine: persistence', persistBench],
	['engine: start-up', startupBench],
	['ui: dashboard', uiBench],
];

let failed = false;
for (const [name, run] of suites) {
	if (only && !name.includes(only)) continue;
	const results = await run();
	printResults(name, results);
	if (results.some((r) => r.ok === false)) failed = true;
}
process.stdout.write(failed ? '\nSome budgets were missed.\n' : '\nAll budgets met.\n');
process.exitCode = failed ? 1 : 0;
