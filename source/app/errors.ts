// Typed fatal errors: the CLI boundary turns them into one clear line and an exit code.
// Task failures are never exceptions; they are data in the task's state.
export class FatalError extends Error {
	constructor(
		message: string,
		readonly exitCode: number,
	) {
		super(message);
	}
}

export class UsageError extends FatalError {
	constructor(message: string) {
		super(message, 2);
	}
}

export class ConfigError extends FatalError {
	constructor(message: string) {
		super(message, 2);
	}
}
