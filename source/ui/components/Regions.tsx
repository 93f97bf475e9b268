// The chrome's regions. Each turns the snapshot into its lines (pure view-models in
// view/) and hands them to <Lines>; the overlay adds a frame drawn by Ink.
import {Box} from 'ink';
import React, {memo} from 'react';
import type {UiSnapshot} from '../state/snapshot.js';
import {alertsText, footerText, headerText, overlayText, tableText} from '../view/chrome-text.js';
import {Lines} from './Lines.js';

type Props = {readonly snap: UiSnapshot};

export const Header = memo(function Header({snap}: Props) {
	return <Lines lines={headerText(snap)} width={snap.layout.size.cols} />;
});

export const TaskTable = memo(function TaskTable({snap}: Props) {
	return <Lines lines={tableText(snap)} width={snap.layout.size.cols} />;
});

export const AlertsStrip = memo(function AlertsStrip({snap}: Props) {
	return <Lines lines={alertsText(snap)} width={snap.layout.size.cols} />;
});

export const Footer = memo(function Footer({snap}: Props) {
	return <Lines lines={footerText(snap)} width={snap.layout.size.cols} />;
});

export const Overlay = memo(function Overlay({snap}: Props) {
	const rect = snap.layout.overlay;
	const text = overlayText(snap);
	if (!rect || !text) return null;
	const inner = Math.max(1, rect.w - 4);
	return (
		<Box flexDirection="column" width={rect.w} height={rect.h} borderStyle="round" borderColor="cyan" paddingX={1} overflow="hidden">
			<Lines lines={[text.title]} width={inner} />
			<Lines lines={text.body} width={inner} />
		</Box>
	);
});
