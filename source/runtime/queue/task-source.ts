// The queue folder: an initial scan of tasks/, then a watcher for files added, changed
// and removed. Files are read only once they stop changing (an editor or `cp` may still
// be writing), editor droppings are ignored, and two files with the same id are a
// validation error for both rather than a silent pick.
import fs from 'node:fs';
import path from 'node:path';
import {watch, type FSWatcher} from 'chokidar';
import type {InvalidTaskFile} from '../../core/events.js';
import {isIgnoredFileName, isTaskFileName, parseTaskFile, TASK_PARSER_VERSION, taskIdFromFile, type TaskFileResult} from '../../core/task-file.js';
import writeFileAtomic from 'write-file-atomic';
import type {TaskSpec, ValidationIssue} from '../../core/task.js';
import type {WorkPaths} from '../store/paths.js';

export type TaskSourceListener = {
	changed(spec: TaskSpec): void;
	invalid(id: string, errors: readonly ValidationIssue[]): void;
	removed(id: string): void;
};

type Known = {readonly mtimeMs: number; readonly size: number};

/** A parse result remembered with the file's identity, so an unchanged file is not parsed again. */
type CacheEntry = {readonly mtimeMs: number; readonly ctimeMs: number; readonly size: number; readonly result: TaskFileResult};
type CacheFile = {readonly parser: number; readonly entries: Record<string, CacheEntry>};

export class TaskSource {
	private watcher: FSWatcher | undefined;
	/** id → file names (normally one; more is a clash). */
	private readonly files = new Map<string, Set<string>>();
	private readonly known = new Map<string, Known>();
	private readonly templateCache = new Map<string, string | undefined>();
	/** template name → ids of tasks using it, to re-read them when it changes. */
	private readonly templateUsers = new Map<string, Set<string>>();

	/** Parse results by file name (only for files that use no template). */
	private cache = new Map<string, CacheEntry>();
	private cacheDirty = false;

	constructor(
		private readonly paths: WorkPaths,
		private readonly options: {stabilityMs?: number; cacheFile?: string} = {},
	) {}

	/**
	 * Saves parse results so the next start-up over a large queue only parses files that
	 * changed. The cache is an optimisation only: a missing or unreadable one just means
	 * parsing everything again.
	 */
	async saveCache(): Promise<void> {
		const file = this.options.cacheFile;
		if (!file || !this.cacheDirty) return;
		this.cacheDirty = false;
		const data: CacheFile = {parser: TASK_PARSER_VERSION, entries: Object.fromEntries(this.cache)};
		try {
			await writeFileAtomic(file, JSON.stringify(data), {fsync: false});
		} catch {
			this.cacheDirty = true;
		}
	}

	private loadCache(): void {
		const file = this.options.cacheFile;
		if (!file) return;
		try {
			const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
			if (data.parser === TASK_PARSER_VERSION && data.entries && typeof data.entries === 'object') this.cache = new Map(Object.entries(data.entries));
		} catch {
			this.cache = new Map();
		}
	}

	scan(): {specs: TaskSpec[]; invalid: InvalidTaskFile[]} {
		this.loadCache();
		let names: string[] = [];
		try {
			names = fs.readdirSync(this.paths.tasks).filter(isTaskFileName);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
		for (const name of names) this.track(name);
		const specs: TaskSpec[] = [];
		const invalid: InvalidTaskFile[] = [];
		for (const id of this.files.keys()) {
			const result = this.evaluate(id);
			if (result.kind === 'spec') specs.push(result.spec);
			else if (result.kind === 'invalid') invalid.push({id, errors: result.errors});
		}
		// Forget entries of files that no longer exist.
		const present = new Set(names);
		for (const name of this.cache.keys()) {
			if (!present.has(name)) {
				this.cache.delete(name);
				this.cacheDirty = true;
			}
		}
		return {specs, invalid};
	}

	/** Starts watching; resolves once the watcher is ready and anything missed meanwhile is reported. */
	async watch(listener: TaskSourceListener): Promise<void> {
		const stability = this.options.stabilityMs ?? 300;
		const ignored = (file: string): boolean => {
			const base = path.basename(file);
			if (file === this.paths.tasks || file === this.paths.templates) return false;
			return isIgnoredFileName(base);
		};
		fs.mkdirSync(this.paths.tasks, {recursive: true});
		this.watcher = watch([this.paths.tasks, this.paths.templates], {
			ignoreInitial: true,
			depth: 0,
			ignored,
			awaitWriteFinish: {stabilityThreshold: stability, pollInterval: Math.max(20, Math.round(stability / 4))},
		});
		const onFile = (file: string, gone: boolean): void => {
			const dir = path.dirname(file);
			const base = path.basename(file);
			if (dir === this.paths.templates) {
				this.templateChanged(base.replace(/\.md$/, ''), listener);
				return;
			}
			if (dir !== this.paths.tasks || !isTaskFileName(base)) return;
			const id = taskIdFromFile(base);
			if (gone) this.untrack(base);
			else this.track(base);
			this.emit(id, listener);
		};
		this.watcher.on('add', (file) => onFile(file, false));
		this.watcher.on('change', (file) => onFile(file, false));
		this.watcher.on('unlink', (file) => onFile(file, true));
		await new Promise<void>((resolve) => this.watcher?.once('ready', () => resolve()));
		this.reconcile(listener);
	}

	async close(): Promise<void> {
		await this.watcher?.close();
		this.watcher = undefined;
	}

	/** Catches files created, changed or deleted between the scan and the watcher being ready. */
	private reconcile(listener: TaskSourceListener): void {
		let names: string[] = [];
		try {
			names = fs.readdirSync(this.paths.tasks).filter(isTaskFileName);
		} catch {
			return;
		}
		const present = new Set(names);
		for (const name of names) {
			const known = this.known.get(name);
			const stat = safeStat(path.join(this.paths.tasks, name));
			if (!stat) continue;
			if (!known || known.mtimeMs !== stat.mtimeMs || known.size !== stat.size) {
				this.track(name);
				this.emit(taskIdFromFile(name), listener);
			}
		}
		for (const name of [...this.known.keys()]) {
			if (!present.has(name)) {
				this.untrack(name);
				this.emit(taskIdFromFile(name), listener);
			}
		}
	}

	private track(name: string): void {
		const id = taskIdFromFile(name);
		let set = this.files.get(id);
		if (!set) {
			set = new Set();
			this.files.set(id, set);
		}
		set.add(name);
	}

	private untrack(name: string): void {
		const id = taskIdFromFile(name);
		this.known.delete(name);
		const set = this.files.get(id);
		if (!set) return;
		set.delete(name);
		if (set.size === 0) this.files.delete(id);
	}

	private emit(id: string, listener: TaskSourceListener): void {
		const result = this.evaluate(id);
		if (result.kind === 'spec') listener.changed(result.spec);
		else if (result.kind === 'invalid') listener.invalid(id, result.errors);
		else listener.removed(id);
	}

	private evaluate(id: string): {kind: 'spec'; spec: TaskSpec} | {kind: 'invalid'; errors: ValidationIssue[]} | {kind: 'gone'} {
		const names = [...(this.files.get(id) ?? [])].sort();
		if (names.length === 0) return {kind: 'gone'};
		if (names.length > 1) {
			for (const name of names) this.remember(name);
			const files = names.map((name) => `tasks/${name}`);
			return {kind: 'invalid', errors: files.map((file) => ({file, field: 'id', message: `duplicate task id "${id}": also defined by ${files.filter((f) => f !== file).join(', ')}`}))};
		}
		const name = names[0]!;
		const full = path.join(this.paths.tasks, name);
		let text: string | undefined;
		let stat: fs.Stats;
		try {
			const cached = this.cache.get(name);
			// Without a cached parse the file is read anyway: one open gives both its stat and
			// its text (a first start reads 10k files).
			if (cached) stat = fs.statSync(full);
			else ({stat, text} = readTaskFile(full));
			if (!stat.isFile()) return {kind: 'invalid', errors: [{file: `tasks/${name}`, message: 'not a regular file'}]};
			if (stat.size > MAX_TASK_FILE) return {kind: 'invalid', errors: [{file: `tasks/${name}`, message: `too large (${stat.size} bytes; a task file is at most 1 MiB)`}]};
			if (cached && !sameFile(cached, stat)) text = fs.readFileSync(full, 'utf8');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				this.untrack(name);
				return this.files.has(id) ? this.evaluate(id) : {kind: 'gone'};
			}
			return {kind: 'invalid', errors: [{file: `tasks/${name}`, message: `cannot read: ${(error as Error).message}`}]};
		}
		this.known.set(name, {mtimeMs: stat.mtimeMs, size: stat.size});
		const result = this.parse(name, text, stat);
		return result.ok ? {kind: 'spec', spec: result.spec} : {kind: 'invalid', errors: [...result.errors]};
	}

	private parse(name: string, text: string | undefined, stat: fs.Stats): TaskFileResult {
		const cached = this.cache.get(name);
		if (cached && sameFile(cached, stat)) return cached.result;
		const content = text ?? fs.readFileSync(path.join(this.paths.tasks, name), 'utf8');
		let usesTemplate = false;
		const result = parseTaskFile({
			file: `tasks/${name}`,
			text: content,
			mtimeMs: stat.mtimeMs,
			template: (template) => {
				usesTemplate = true;
				return this.readTemplate(template, taskIdFromFile(name));
			},
		});
		// A templated task also depends on its template's content: never cache it.
		if (usesTemplate) this.cache.delete(name);
		else this.cache.set(name, {mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, size: stat.size, result});
		this.cacheDirty = true;
		return result;
	}

	private remember(name: string): void {
		const stat = safeStat(path.join(this.paths.tasks, name));
		if (stat) this.known.set(name, {mtimeMs: stat.mtimeMs, size: stat.size});
	}

	private readTemplate(name: string, user: string): string | undefined {
		let users = this.templateUsers.get(name);
		if (!users) {
			users = new Set();
			this.templateUsers.set(name, users);
		}
		users.add(user);
		if (!/^[\w.-]+$/.test(name)) return undefined;
		if (!this.templateCache.has(name)) {
			let text: string | undefined;
			try {
				text = fs.readFileSync(path.join(this.paths.templates, `${name}.md`), 'utf8');
			} catch {
				text = undefined;
			}
			this.templateCache.set(name, text);
		}
		return this.templateCache.get(name);
	}

	private templateChanged(name: string, listener: TaskSourceListener): void {
		this.templateCache.delete(name);
		for (const id of this.templateUsers.get(name) ?? []) {
			if (this.files.has(id)) this.emit(id, listener);
		}
	}
}

const MAX_TASK_FILE = 1024 * 1024;

/** Whether a cached parse still describes the file (any write changes one of these). */
function sameFile(cached: {mtimeMs: number; ctimeMs: number; size: number}, stat: fs.Stats): boolean {
	return cached.mtimeMs === stat.mtimeMs && cached.ctimeMs === stat.ctimeMs && cached.size === stat.size;
}

/** Stat and text of a task file through one descriptor; no text for what is not a small regular file. */
function readTaskFile(file: string): {stat: fs.Stats; text?: string} {
	// O_NONBLOCK: a named pipe dropped into tasks/ must not block the open.
	const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
	try {
		const stat = fs.fstatSync(fd);
		if (!stat.isFile() || stat.size > MAX_TASK_FILE) return {stat};
		const buffer = Buffer.allocUnsafe(stat.size);
		let length = 0;
		while (length < buffer.length) {
			const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
			if (n === 0) break;
			length += n;
		}
		return {stat, text: buffer.toString('utf8', 0, length)};
	} finally {
		fs.closeSync(fd);
	}
}

function safeStat(file: string): fs.Stats | undefined {
	try {
		return fs.statSync(file);
	} catch {
		return undefined;
	}
}
