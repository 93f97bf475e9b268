// Dependency graph checks: cycles are validation errors (a task in a cycle can never
// run), and a dependency on an id that does not exist blocks a task without failing it.

/** Returns, for every task that sits on a dependency cycle, a readable description of it. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): Map<string, string> {
	// Tarjan's strongly connected components, iterative so deep chains cannot overflow the stack.
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const result = new Map<string, string>();
	let counter = 0;

	for (const root of graph.keys()) {
		if (index.has(root)) continue;
		const work: Array<{node: string; edge: number}> = [{node: root, edge: 0}];
		index.set(root, counter);
		low.set(root, counter);
		counter++;
		stack.push(root);
		onStack.add(root);
		while (work.length > 0) {
			const frame = work[work.length - 1]!;
			const edges = (graph.get(frame.node) ?? []).filter((dep) => graph.has(dep));
			if (frame.edge < edges.length) {
				const next = edges[frame.edge++]!;
				if (!index.has(next)) {
					index.set(next, counter);
					low.set(next, counter);
					counter++;
					stack.push(next);
					onStack.add(next);
					work.push({node: next, edge: 0});
				} else if (onStack.has(next)) {
					low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!));
				}
				continue;
			}
			work.pop();
			const parent = work[work.length - 1];
			if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
			if (low.get(frame.node) === index.get(frame.node)) {
				const component: string[] = [];
				let member: string | undefined;
				do {
					member = stack.pop()!;
					onStack.delete(member);
					component.push(member);
				} while (member !== frame.node);
				if (component.length > 1) {
					const members = new Set(component);
					for (const id of component) result.set(id, describeCycle(graph, id, members));
				}
			}
		}
	}
	return result;
}

function describeCycle(graph: ReadonlyMap<string, readonly string[]>, start: string, members: ReadonlySet<string>): string {
	// Walk inside the component back to the start to print one concrete loop.
	const path = [start];
	const seen = new Set([start]);
	let current = start;
	for (let i = 0; i < members.size; i++) {
		const deps = (graph.get(current) ?? []).filter((dep) => members.has(dep));
		const next = deps.find((dep) => dep === start) ?? deps.find((dep) => !seen.has(dep));
		if (!next) break;
		path.push(next);
		if (next === start) break;
		seen.add(next);
		current = next;
	}
	return `dependency cycle: ${path.join(' → ')}`;
}
