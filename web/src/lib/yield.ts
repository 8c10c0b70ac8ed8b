// Long work in steps: between two steps the browser may handle a tap, a key or a paint.

interface Scheduler {
	yield?: () => Promise<void>;
}

/**
 * Resolves in a new task, so that what the caller does next runs after whatever input
 * the browser has waiting: `scheduler.yield()` where there is one (it resumes before other
 * queued tasks), else a message to ourselves (no timer's minimum delay).
 */
export function yieldToMain(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
	if (typeof scheduler?.yield === 'function') return scheduler.yield();
	return new Promise((resolve) => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			channel.port1.close();
			resolve();
		};
		channel.port2.postMessage(null);
	});
}
