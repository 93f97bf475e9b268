// Everything Ink draws, top to bottom, each region exactly as tall as the layout says:
// header, then the table (or a dialog), then the alerts strip and the footer. The pane
// grid is not here: the compositor paints it between the table and the alerts.
import {Box} from 'ink';
import React from 'react';
import type {UiSnapshot} from '../state/snapshot.js';
import {AlertsStrip, Footer, Header, Overlay, TaskTable} from './Regions.js';

export function Chrome({snap}: {readonly snap: UiSnapshot}) {
	const {layout} = snap;
	return (
		<Box flexDirection="column" width={layout.size.cols} height={layout.chromeRows.length}>
			<Header snap={snap} />
			{layout.overlay ? <Overlay snap={snap} /> : layout.table ? <TaskTable snap={snap} /> : null}
			{layout.alerts ? <AlertsStrip snap={snap} /> : null}
			<Footer snap={snap} />
		</Box>
	);
}
