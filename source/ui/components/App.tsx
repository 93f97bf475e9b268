// The root: reads the one store and draws the chrome. It stays this small on purpose;
// state lives in the store, behaviour in named actions, keys in the key table.
import React, {useSyncExternalStore} from 'react';
import type {UiStore} from '../state/store.js';
import {Chrome} from './Chrome.js';

export type FrameTag = {layoutKey: string; renderStart?: number};

export function App({store, tag}: {readonly store: UiStore; readonly tag?: FrameTag}) {
	const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
	// The frame Ink writes for this render belongs to this layout (the compositor checks).
	if (tag) {
		tag.layoutKey = snap.layout.key;
		tag.renderStart = performance.now();
	}
	return <Chrome snap={snap} />;
}
