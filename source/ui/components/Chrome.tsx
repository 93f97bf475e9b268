// Everything Ink draws, top to bottom, each region exactly as tall as the layout says:
// header, then the table, then the alerts strip and the footer. The pane grid and an open
// dialog are not here: the compositor paints them between the header and the alerts.
import {Box} from 'ink';
import React from 'react';
import type {UiSnapshot} from '../state/snapshot.js';
import {AlertsStrip, Footer, Header, TaskTable} from './Regions.js';

export function Chrome({snap}: {readonly snap: UiSnapshot}) {
	const {layout} = snap;
	return (
		<Box flexDirection="column" width={layout.size.cols} height={layout.chromeRows.length}>
			<Header snap={snap} />
			{!layout.overlay && layout.table ? <TaskTable snap={snap} /> : null}
			{layout.alerts ? <AlertsStrip snap={snap} /> : null}
			<Footer snap={snap} />
		</Box>
	);
}
