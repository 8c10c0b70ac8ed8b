// Reading Chromium's performance trace: the page's main thread, its tasks and what ran
// inside them (startup-trace.mjs, lighthouse.mjs).

/**
 * The main thread of the renderer that loaded url (the first navigation to it), or, without
 * a url, the CrRendererMain thread that ran the most.
 */
export function mainThread(events, url = '') {
	const nav = events.find((e) => e.name === 'navigationStart' && url && e.args?.data?.documentLoaderURL?.startsWith(url) && e.args?.data?.isLoadingMainFrame);
	if (nav) return { pid: nav.pid, tid: nav.tid, navigationStart: nav.ts };
	let best = null;
	let bestTime = -1;
	for (const n of events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')) {
		const time = events
			.filter((e) => e.pid === n.pid && e.tid === n.tid && e.ph === 'X' && e.name === 'RunTask')
			.reduce((s, e) => s + (e.dur ?? 0), 0);
		if (time > bestTime) [best, bestTime] = [{ pid: n.pid, tid: n.tid, navigationStart: 0 }, time];
	}
	return best;
}

/** The thread's top-level tasks from its navigation on, over minMs long. */
export function longTasks(events, thread, minMs) {
	return events.filter(
		(e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.name === 'RunTask' && e.ts >= thread.navigationStart && e.dur / 1000 > minMs
	);
}

/** Function self time (ms) from the sampler's profile chunks, within [start, end] (µs). */
export function sampledSelfTime(events, thread, start, end) {
	const nodes = new Map();
	const self = new Map();
	let t = null;
	const profile = events.find((e) => e.name === 'Profile' && e.pid === thread.pid && e.tid === thread.tid);
	const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === thread.pid && e.id === profile?.id);
	if (profile) t = profile.args?.data?.startTime ?? null;
	for (const c of chunks) {
		const data = c.args?.data ?? {};
		for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
		const samples = data.cpuProfile?.samples ?? [];
		const deltas = data.timeDeltas ?? [];
		for (let i = 0; i < samples.length; i++) {
			t = (t ?? 0) + (deltas[i] ?? 0);
			const next = (deltas[i + 1] ?? 0) / 1000;
			if (t < start || t > end) continue;
			const n = nodes.get(samples[i]);
			if (!n) continue;
			const f = n.callFrame ?? {};
			const file = (f.url ?? '').split('/').pop();
			const key = `${f.functionName || '(anonymous)'} ${file}${file ? `:${(f.lineNumber ?? 0) + 1}:${(f.columnNumber ?? 0) + 1}` : ''}`;
			self.set(key, (self.get(key) ?? 0) + Math.max(next, 0.1));
		}
	}
	return [...self.entries()].sort((a, b) => b[1] - a[1]);
}

/** What ran inside a task, by kind (ms, inclusive of children where they nest). */
export function taskContents(events, thread, task) {
	const end = task.ts + task.dur;
	const inside = events.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.ts >= task.ts && e.ts < end && e !== task);
	const rows = [];
	for (const e of inside) {
		const d = e.args?.data ?? {};
		const ms = (e.dur ?? 0) / 1000;
		if (ms < 1) continue;
		let what = null;
		if (e.name === 'EvaluateScript' || e.name === 'v8.compile' || e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule')
			what = `${e.name} ${(d.url ?? e.args?.fileName ?? '').split('/').pop()}`;
		else if (e.name === 'FunctionCall') what = `FunctionCall ${d.functionName || '(anonymous)'} ${(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}`;
		else if (e.name === 'EventDispatch') what = `EventDispatch ${d.type}`;
		else if (['TimerFire', 'FireIdleCallback', 'FireAnimationFrame', 'RunMicrotasks', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'Paint', 'ParseAuthorStyleSheet', 'PrePaint', 'Layerize', 'V8.GC_SCAVENGER', 'MajorGC', 'MinorGC', 'v8.run'].includes(e.name))
			what = e.name;
		if (what) rows.push([what, ms, (e.ts - task.ts) / 1000]);
	}
	return rows;
}

/** The long tasks of a trace, each with what ran in it, as printable lines. */
export function describeLongTasks(events, thread, minMs) {
	const lines = [];
	for (const t of longTasks(events, thread, minMs)) {
		lines.push(`task at ${Math.round((t.ts - thread.navigationStart) / 1000)} ms: ${Math.round(t.dur / 1000)} ms`);
		for (const [what, ms, at] of taskContents(events, thread, t)) lines.push(`  +${at.toFixed(0).padStart(4)} ${ms.toFixed(1).padStart(6)} ms  ${what}`);
		const top = sampledSelfTime(events, thread, t.ts, t.ts + t.dur).slice(0, 12);
		if (top.length) lines.push(`  sampled self time: ${top.map(([k, ms]) => `${k} ${ms.toFixed(1)}`).join(' | ')}`);
	}
	return lines;
}

/** What kind of script work a task mostly did, or null when it ran no script of note. */
export function scriptKind(events, thread, task) {
	const rows = taskContents(events, thread, task);
	const kinds = [
		['evaluate', /^(v8\.evaluateModule|EvaluateScript)/],
		['idle callback', /^FireIdleCallback/],
		['timer', /^TimerFire/],
		['event', /^EventDispatch/],
		['promises', /^RunMicrotasks/]
	];
	let best = null;
	for (const [kind, re] of kinds) {
		const ms = rows.filter(([what]) => re.test(what)).reduce((s, [, m]) => s + m, 0);
		if (ms > 2 && (!best || ms > best[1])) best = [kind, ms];
	}
	return best?.[0] ?? null;
}
