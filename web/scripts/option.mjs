// The command-line flags of the measuring scripts (slow3g, lighthouse, startup-trace,
// js-budget), read one way.

const args = process.argv.slice(2);

/** The value after the flag name ("--runs 3"), or def when it is not given. */
export function option(name, def) {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] ? args[i + 1] : def;
}

/** Whether the flag name ("--brief") is given. */
export function flag(name) {
	return args.includes(name);
}
