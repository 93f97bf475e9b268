// What the demo agent does for a prompt without directives: a plan chosen from a hash of
// the prompt, so the same task always behaves the same way. Most tasks work a few steps
// and finish; some ask for a Bash permission; some stop half-way and need a nudge; a few
// report that they are blocked.

import {createHash} from 'node:crypto';
import type {Step} from './steps.js';

export type DemoKind = 'work' | 'permission' | 'nudge' | 'blocked';

function hashOf(text: string): number {
	return createHash('sha256').update(text).digest().readUInt32BE(0);
}

export function demoKind(prompt: string): DemoKind {
	const bucket = hashOf(prompt) % 100;
	if (bucket < 55) return 'work';
	if (bucket < 75) return 'permission';
	if (bucket < 92) return 'nudge';
	return 'blocked';
}

export function slugFor(prompt: string): string {
	const words = prompt
		.toLowerCase()
		.replace(/\[\[fake:[\s\S]*?\]\]/g, ' ')
		.split(/[^a-z0-9]+/)
		.filter((word) => word.length > 0)
		.slice(0, 5);
	const slug = words.join('-').slice(0, 40).replace(/-+$/, '');
	return slug || 'task';
}

function topicOf(prompt: string): string {
	const line = prompt.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'the task';
	return line.length > 70 ? `${line.slice(0, 67)}...` : line;
}

function pace(prompt: string, salt: number, min: number, max: number): number {
	return min + (hashOf(`${salt}:${prompt}`) % (max - min));
}

function summary(prompt: string, status: string, extra: string[] = []): string {
	return [
		`Task: ${topicOf(prompt)}`,
		'',
		'What was done:',
		'- Read the task and looked around the working directory.',
		...extra.map((line) => `- ${line}`),
		'',
		`Status: ${status}`,
		'',
	].join('\n');
}

export function demoPlan(prompt: string): Step[] {
	const slug = slugFor(prompt);
	const file = `${slug}.txt`;
	const topic = topicOf(prompt);
	const think = (salt: number): Step => ({kind: 'think', ms: pace(prompt, salt, 1500, 4000)});
	switch (demoKind(prompt)) {
		case 'work':
			return [
				think(1),
				{kind: 'say', text: "I'll start by looking at what is in the working directory."},
				{kind: 'bash', command: 'ls -la'},
				think(2),
				{kind: 'say', text: `I have what I need. Writing the result to ${file}.`},
				{kind: 'write', path: file, content: summary(prompt, 'complete', ['Wrote this summary.'])},
				think(3),
				{kind: 'done', text: `Wrote ${file} with a summary of "${topic}".`},
			];
		case 'permission':
			return [
				think(1),
				{kind: 'say', text: "I'll set up an output folder for this first."},
				{kind: 'bash', command: `mkdir -p demo-output && date > demo-output/${slug}.stamp`},
				think(2),
				{kind: 'write', path: file, content: summary(prompt, 'complete', ['Created demo-output/ with a time stamp.'])},
				think(3),
				{kind: 'done', text: `Created demo-output/ and wrote ${file}.`},
			];
		case 'nudge':
			return [
				think(1),
				{kind: 'say', text: 'Let me sketch an outline before doing the details.'},
				{kind: 'write', path: file, content: summary(prompt, 'outline only', ['Drafted an outline.'])},
				think(2),
				{kind: 'nudge', text: `I've drafted an outline in ${file}. Do you want me to fill in the details?`},
				think(3),
				{kind: 'say', text: 'Filling in the details now.'},
				{kind: 'write', path: file, content: summary(prompt, 'complete', ['Drafted an outline.', 'Filled in the details.'])},
				think(4),
				{kind: 'done', text: `Finished ${file}.`},
			];
		case 'blocked':
			return [
				think(1),
				{kind: 'say', text: 'Let me check what access this needs.'},
				{kind: 'bash', command: 'ls -la'},
				think(2),
				{kind: 'blocked', reason: 'this needs credentials for the staging database, which are not available here'},
			];
	}
}

/** A later message with nothing pending: treat it as feedback and revise the file. */
export function demoContinuation(firstPrompt: string, message: string): Step[] {
	const file = `${slugFor(firstPrompt || message)}.txt`;
	return [
		{kind: 'think', ms: pace(message, 7, 1500, 3500)},
		{kind: 'say', text: 'Looking at the feedback.'},
		{kind: 'write', path: file, content: summary(firstPrompt || message, 'complete', ['Revised after feedback.'])},
		{kind: 'think', ms: pace(message, 8, 1000, 2500)},
		{kind: 'done', text: `Updated ${file} to address the feedback.`},
	];
}
