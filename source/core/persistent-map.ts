// An immutable string-keyed map with cheap updates: entries live in 256 shards, and an
// update copies only the shards it touches. Copying a plain 10k-entry Map for every
// event cost ~2 ms; this keeps a state transition's cost independent of queue size
// while the reducer stays free of mutation.
const SHARDS = 256;

function shardOf(key: string): number {
	let h = 0;
	for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
	return (h >>> 0) % SHARDS;
}

export class PersistentMap<V> implements ReadonlyMap<string, V> {
	private constructor(
		private readonly shards: ReadonlyArray<ReadonlyMap<string, V> | undefined>,
		readonly size: number,
	) {}

	static empty<V>(): PersistentMap<V> {
		return new PersistentMap<V>(new Array(SHARDS).fill(undefined), 0);
	}

	static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
		return PersistentMap.empty<V>().update(new Map(entries));
	}

	get(key: string): V | undefined {
		return this.shards[shardOf(key)]?.get(key);
	}

	has(key: string): boolean {
		return this.shards[shardOf(key)]?.has(key) ?? false;
	}

	/** Applies many changes at once (undefined deletes), copying each touched shard once. */
	update(changes: ReadonlyMap<string, V | undefined>): PersistentMap<V> {
		if (changes.size === 0) return this;
		const shards = [...this.shards];
		const copied = new Set<number>();
		let size = this.size;
		for (const [key, value] of changes) {
			const index = shardOf(key);
			let shard = shards[index] as Map<string, V> | undefined;
			if (!copied.has(index)) {
				shard = new Map(shard ?? []);
				shards[index] = shard;
				copied.add(index);
			}
			const had = shard!.has(key);
			if (value === undefined) {
				if (had) {
					shard!.delete(key);
					size--;
				}
			} else {
				shard!.set(key, value);
				if (!had) size++;
			}
		}
		return new PersistentMap(shards, size);
	}

	set(key: string, value: V): PersistentMap<V> {
		return this.update(new Map([[key, value]]));
	}

	delete(key: string): PersistentMap<V> {
		return this.has(key) ? this.update(new Map([[key, undefined]])) : this;
	}

	*entries(): MapIterator<[string, V]> {
		for (const shard of this.shards) if (shard) yield* shard.entries();
	}

	*keys(): MapIterator<string> {
		for (const shard of this.shards) if (shard) yield* shard.keys();
	}

	*values(): MapIterator<V> {
		for (const shard of this.shards) if (shard) yield* shard.values();
	}

	[Symbol.iterator](): MapIterator<[string, V]> {
		return this.entries();
	}

	forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
		for (const [key, value] of this.entries()) callback(value, key, this);
	}
}
