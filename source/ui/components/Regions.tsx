// The chrome's regions. Each turns the snapshot into its lines (pure view-models in
// view/) and hands them to <Lines>. Dialogs are painted by the compositor (overlay-box.ts).
import React, {memo} from 'react';
import type {UiSnapshot} from '../state/snapshot.js';
import {alertsText, footerText, headerText, tableText} from '../view/chrome-text.js';
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
